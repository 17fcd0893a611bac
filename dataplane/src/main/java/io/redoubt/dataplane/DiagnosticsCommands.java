package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The diagnostics Redis offers operators: SLOWLOG, LATENCY and MEMORY. The data come from
 * {@link ServerDiagnostics}, which the dispatcher feeds, and from the shard's memory estimate.
 */
public final class DiagnosticsCommands {
    private static final String[] SLOWLOG_HELP = {
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog."    };
    private static final String[] LATENCY_HELP = {
            "DOCTOR",
            "    Return a human readable latency analysis report.",
            "GRAPH <event>",
            "    Return an ASCII latency graph for the <event> class.",
            "HISTORY <event>",
            "    Return time-latency samples for the <event> class.",
            "LATEST",
            "    Return the latest latency samples for all events.",
            "RESET [<event> ...]",
            "    Reset latency data of one or more <event> classes.",
            "    (default: reset all data for all event classes)",
            "HISTOGRAM [COMMAND ...]",
            "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
            "    If no commands are specified then all histograms are replied."    };
    private static final String[] MEMORY_HELP = {
            "DOCTOR",
            "    Return memory problems reports.",
            "MALLOC-STATS",
            "    Return internal statistics report from the memory allocator.",
            "PURGE",
            "    Attempt to purge dirty pages for reclamation by the allocator.",
            "STATS",
            "    Return information about the memory usage of the server.",
            "USAGE <key> [SAMPLES <count>]",
            "    Return memory in bytes used by <key> and its value. Nested values are",
            "    sampled up to <count> times (default: 5, 0 means sample all)."    };

    private final ServerContext server;

    public DiagnosticsCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("slowlog", -2).group("server").since("2.2.12")
                .summary("A container for slow log commands").complexity("Depends on subcommand.")
                .sub(slowlogSub("reset", 2).summary("Clear all entries from the slow log")
                        .complexity("O(N) where N is the number of entries in the slowlog")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded").handler(this::slowlogReset))
                .sub(slowlogSub("len", 2).summary("Get the slow log's length").complexity("O(1)")
                        .tips("request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output")
                        .handler(ctx -> ctx.reply().integer(server.diagnostics().slowLog().size())))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("server").since("6.2.0")
                        .summary("Show helpful text about the different subcommands").complexity("O(1)")
                        .handler(ctx -> HelpReply.write(ctx.reply(), "slowlog", SLOWLOG_HELP)))
                .sub(slowlogSub("get", -2).summary("Get the slow log's entries")
                        .args("count:integer?")
                        .history("4.0.0", "Added client IP address, port and name to the reply.")
                        .complexity("O(N) where N is the number of entries returned")
                        .tips("request_policy:all_nodes", "nondeterministic_output").handler(this::slowlogGet)));
        t.add(CommandSpec.builder("latency", -2).group("server").since("2.8.13")
                .summary("A container for latency diagnostics commands").complexity("Depends on subcommand.")
                .sub(latencySub("graph", 3).summary("Return a latency graph for the event.").handler(this::latencyGraph)
                        .args("event:string"))
                .sub(latencySub("doctor", 2).summary("Return a human readable latency analysis report.")
                        .handler(this::latencyDoctor))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("server").since("2.8.13")
                        .summary("Show helpful text about the different subcommands.").complexity("O(1)")
                        .handler(ctx -> HelpReply.write(ctx.reply(), "latency", LATENCY_HELP)))
                .sub(latencySub("history", 3).summary("Return timestamp-latency samples for the event.")
                        .args("event:string")
                        .handler(this::latencyHistory))
                .sub(latencySub("histogram", -2).since("7.0.0")
                        .args("command:string?*")
                        .summary("Return the cumulative distribution of latencies of a subset of commands or all.")
                        .complexity("O(N) where N is the number of commands with latency information being retrieved.")
                        .handler(this::latencyHistogram))
                .sub(CommandSpec.builder("reset", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server")
                        .args("event:string?*")
                        .since("2.8.13").summary("Reset latency data for one or more events.").complexity("O(1)")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded").handler(this::latencyReset))
                .sub(latencySub("latest", 2).summary("Return the latest latency samples for all events.")
                        .handler(this::latencyLatest)));
        t.add(CommandSpec.builder("memory", -2).group("server").since("4.0.0")
                .summary("A container for memory diagnostics commands").complexity("Depends on subcommand.")
                .sub(memorySub("malloc-stats").summary("Show allocator internal stats")
                        .complexity("Depends on how much memory is allocated, could be slow")
                        .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                        .handler(ctx -> ctx.reply().verbatim("txt", "Stats not supported for the current allocator")))
                .sub(memorySub("purge").summary("Ask the allocator to release memory")
                        .complexity("Depends on how much memory is allocated, could be slow")
                        .tips("request_policy:all_shards", "response_policy:all_succeeded")
                        .handler(ctx -> ctx.reply().ok()))
                .sub(memorySub("doctor").summary("Outputs memory problems report").complexity("O(1)")
                        .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                        .handler(this::memoryDoctor))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("server").since("4.0.0")
                        .summary("Show helpful text about the different subcommands").complexity("O(1)")
                        .handler(ctx -> HelpReply.write(ctx.reply(), "memory", MEMORY_HELP)))
                .sub(memorySub("stats").summary("Show memory usage details").complexity("O(1)")
                        .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                        .handler(this::memoryStats))
                .sub(CommandSpec.builder("usage", -3).flags(READONLY).group("server").since("4.0.0")
                        .args("key:key#0 count:integer=SAMPLES?")
                        .summary("Estimate the memory usage of a key").complexity("O(N) where N is the number of samples.")
                        .key(KeySpec.single(2, KeySpec.Flag.RO))
                        .handler(this::memoryUsage)));
    }

    private static CommandSpec.Builder slowlogSub(String name, int arity) {
        return CommandSpec.builder(name, arity).flags(ADMIN, LOADING, STALE).group("server").since("2.2.12");
    }

    private static CommandSpec.Builder latencySub(String name, int arity) {
        return CommandSpec.builder(name, arity).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server")
                .since("2.8.13").complexity("O(1)")
                .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special");
    }

    private static CommandSpec.Builder memorySub(String name) {
        return CommandSpec.builder(name, 2).group("server").since("4.0.0");
    }

    private static CommandException subcommandSyntax(String sub, String container) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + sub
                + "'. Try " + container + " HELP.");
    }

    // ---- SLOWLOG ----------------------------------------------------------------------------------

    private void slowlogReset(CommandContext ctx) {
        server.diagnostics().slowLog().reset();
        ctx.reply().ok();
    }

    private void slowlogGet(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3) {
            throw subcommandSyntax(Args.text(argv[1]), "SLOWLOG");
        }
        long count = 10;
        if (argv.length == 3) {
            Long n = Args.parseLongOrNull(argv[2]);
            if (n == null || n < -1) {
                throw new CommandException("ERR count should be greater than or equal to -1");
            }
            count = n;
        }
        List<SlowLog.Entry> entries = server.diagnostics().slowLog().newest(count);
        ReplySink r = ctx.reply();
        r.array(entries.size());
        for (SlowLog.Entry e : entries) {
            r.array(6);
            r.integer(e.id());
            r.integer(e.timestampSecs());
            r.integer(e.durationMicros());
            r.array(e.args().length);
            for (byte[] a : e.args()) {
                r.bulk(a);
            }
            r.bulk(e.address());
            r.bulk(e.clientName());
        }
    }

    // ---- LATENCY ----------------------------------------------------------------------------------

    private void latencyLatest(CommandContext ctx) {
        Map<String, LatencyMonitor.Series> events = server.diagnostics().latency().events();
        ReplySink r = ctx.reply();
        r.array(events.size());
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            LatencyMonitor.Sample last = e.getValue().latest();
            r.array(4);
            r.bulk(e.getKey());
            r.integer(last.timeSecs());
            r.integer(last.latencyMillis());
            r.integer(e.getValue().max());
        }
    }

    private void latencyHistory(CommandContext ctx) {
        LatencyMonitor.Series series = server.diagnostics().latency().series(Args.text(ctx.argv()[2]));
        ReplySink r = ctx.reply();
        if (series == null) {
            r.array(0);
            return;
        }
        r.array(series.samples().size());
        for (LatencyMonitor.Sample s : series.samples()) {
            r.array(2);
            r.integer(s.timeSecs());
            r.integer(s.latencyMillis());
        }
    }

    private void latencyReset(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        List<String> names = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) {
            names.add(Args.text(argv[i]));
        }
        ctx.reply().integer(server.diagnostics().latency().reset(names));
    }

    /** A small text chart of an event's samples, newest on the right (Redis draws a sparkline). */
    private void latencyGraph(CommandContext ctx) {
        String event = Args.text(ctx.argv()[2]);
        LatencyMonitor.Series series = server.diagnostics().latency().series(event);
        if (series == null) {
            throw new CommandException("ERR No samples available for event '" + event + "'");
        }
        long high = 0;
        long low = Long.MAX_VALUE;
        for (LatencyMonitor.Sample s : series.samples()) {
            high = Math.max(high, s.latencyMillis());
            low = Math.min(low, s.latencyMillis());
        }
        StringBuilder g = new StringBuilder();
        g.append(event).append(" - high ").append(high).append(" ms, low ").append(low)
                .append(" ms (all time high ").append(series.max()).append(" ms)\n");
        g.append("-".repeat(80)).append('\n');
        int rows = 4;
        for (int row = rows; row >= 1; row--) {
            for (LatencyMonitor.Sample s : series.samples()) {
                long level = high == 0 ? 0 : Math.round((double) s.latencyMillis() * rows / high);
                g.append(level >= row ? '#' : ' ');
            }
            g.append('\n');
        }
        long now = server.clock().millis() / 1000;
        for (LatencyMonitor.Sample s : series.samples()) {
            long age = now - s.timeSecs();
            g.append(age < 60 ? 's' : age < 3600 ? 'm' : 'h');
        }
        g.append('\n');
        ctx.reply().verbatim("txt", g.toString());
    }

    private void latencyDoctor(CommandContext ctx) {
        LatencyMonitor latency = server.diagnostics().latency();
        String text;
        if (latency.events().isEmpty() && latency.thresholdMillis() == 0) {
            text = "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. "
                    + "You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. "
                    + "If we weren't in a deep space mission I'd suggest to take a look at "
                    + "https://redis.io/topics/latency-monitor.\n";
        } else if (latency.events().isEmpty()) {
            text = "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sleep tonight.\n";
        } else {
            StringBuilder b = new StringBuilder("Dave, I have observed latency spikes in this Redis instance. "
                    + "You don't mind talking about it, do you Dave?\n\n");
            int n = 1;
            for (Map.Entry<String, LatencyMonitor.Series> e : latency.events().entrySet()) {
                List<LatencyMonitor.Sample> samples = e.getValue().samples();
                long sum = 0;
                for (LatencyMonitor.Sample s : samples) {
                    sum += s.latencyMillis();
                }
                long avg = sum / samples.size();
                long dev = 0;
                for (LatencyMonitor.Sample s : samples) {
                    dev += Math.abs(s.latencyMillis() - avg);
                }
                dev /= samples.size();
                long period = samples.size() > 1
                        ? (samples.get(samples.size() - 1).timeSecs() - samples.get(0).timeSecs()) / (samples.size() - 1) : 0;
                b.append(n++).append(". ").append(e.getKey()).append(": ").append(samples.size())
                        .append(" latency spikes (average ").append(avg).append("ms, mean deviation ").append(dev)
                        .append("ms, period ").append(period).append(" sec). Worst all time event ")
                        .append(e.getValue().max()).append("ms.\n");
            }
            b.append("\nI have a few advices for you:\n\n")
                    .append("- Check your Slow Log to understand what are the commands you are running which are too "
                            + "slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
            text = b.toString();
        }
        ctx.reply().verbatim("txt", text);
    }

    /** LATENCY HISTOGRAM [command ...]: per command, calls and the cumulative power-of-two histogram. */
    private void latencyHistogram(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        ServerStats stats = server.stats();
        List<CommandSpec> specs = new ArrayList<>();
        if (argv.length == 2) {
            for (CommandSpec spec : server.commands().allSpecs()) {
                if (stats.powerOfTwoHistogram(spec.id()) != null) {
                    specs.add(spec);
                }
            }
        } else {
            for (int i = 2; i < argv.length; i++) {
                CommandSpec spec = resolve(Args.text(argv[i]));
                if (spec != null && stats.powerOfTwoHistogram(spec.id()) != null && !specs.contains(spec)) {
                    specs.add(spec);
                }
            }
        }
        ReplySink r = ctx.reply();
        r.map(specs.size());
        for (CommandSpec spec : specs) {
            long[] h = stats.powerOfTwoHistogram(spec.id());
            long calls = 0;
            int buckets = 0;
            for (long c : h) {
                calls += c;
                if (c > 0) {
                    buckets++;
                }
            }
            r.bulk(spec.fullName());
            r.map(2);
            r.bulk("calls");
            r.integer(calls);
            r.bulk("histogram_usec");
            r.map(buckets);
            long cumulative = 0;
            for (int b = 0; b < h.length; b++) {
                cumulative += h[b];
                if (h[b] > 0) {
                    r.integer(1L << b);
                    r.integer(cumulative);
                }
            }
        }
    }

    private CommandSpec resolve(String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return server.commands().lookup(name);
        }
        CommandSpec parent = server.commands().lookup(name.substring(0, bar));
        return parent == null ? null : parent.subcommand(name.substring(bar + 1));
    }

    // ---- MEMORY -----------------------------------------------------------------------------------

    /** MEMORY USAGE key [SAMPLES count]: the key's estimated bytes, or nil; expiry is not checked, as in Redis. */
    private void memoryUsage(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        for (int i = 3; i < argv.length; i++) {
            if (Args.is(argv[i], "SAMPLES") && i + 1 < argv.length) {
                long samples = Args.parseLong(argv[++i], Errors.NOT_INTEGER);
                if (samples < 0) {
                    throw new CommandException(Errors.SYNTAX);
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Entry e = ctx.db().peek(argv[2]);
        if (e == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(Keyspace.entryBytes(e));
        }
    }

    private void memoryDoctor(CommandContext ctx) {
        long used = heapUsed();
        String text;
        if (used < 5L * 1024 * 1024) {
            text = "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used "
                    + "in these conditions. Please, leave for your mission on Earth and fill it with some data. The new "
                    + "Sam and I will be back to our programming as soon as I finished rebooting.";
        } else {
            text = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on "
                    + "this base.";
        }
        ctx.reply().verbatim("txt", text);
    }

    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** MEMORY STATS with Redis 7.0's field names; the dataset figures are the shard's estimates. */
    private void memoryStats(CommandContext ctx) {
        Runtime rt = Runtime.getRuntime();
        long total = rt.totalMemory() - rt.freeMemory();
        long dataset = server.shard().usedMemory();
        long keys = server.shard().keyCount();
        long clients = 0;
        for (Session s : server.clients().all()) {
            clients += 22272;
        }
        long startup = Math.max(0, total - dataset - clients);
        long overhead = startup + clients;
        List<Integer> dbs = new ArrayList<>();
        for (int i = 0; i < server.shard().databaseCount(); i++) {
            if (server.shard().db(i).size() > 0) {
                dbs.add(i);
            }
        }
        ReplySink r = ctx.reply();
        r.map(27 + dbs.size());
        field(r, "peak.allocated", total);
        field(r, "total.allocated", total);
        field(r, "startup.allocated", startup);
        field(r, "replication.backlog", 0);
        field(r, "clients.slaves", 0);
        field(r, "clients.normal", clients);
        field(r, "cluster.links", 0);
        field(r, "aof.buffer", 0);
        field(r, "lua.caches", 0);
        field(r, "functions.caches", 0);
        for (int i : dbs) {
            Keyspace db = server.shard().db(i);
            r.bulk("db." + i);
            r.map(3);
            field(r, "overhead.hashtable.main", 16L * db.size());
            field(r, "overhead.hashtable.expires", 16L * db.volatileCount());
            field(r, "overhead.hashtable.slot-to-keys", 0);
        }
        field(r, "overhead.total", overhead);
        field(r, "keys.count", keys);
        field(r, "keys.bytes-per-key", keys == 0 ? 0 : (total - startup) / keys);
        field(r, "dataset.bytes", dataset);
        r.bulk("dataset.percentage");
        r.doubleValue(total - startup <= 0 ? 0 : dataset * 100.0 / (total - startup));
        r.bulk("peak.percentage");
        r.doubleValue(100.0);
        field(r, "allocator.allocated", total);
        field(r, "allocator.active", rt.totalMemory());
        field(r, "allocator.resident", rt.totalMemory());
        r.bulk("allocator-fragmentation.ratio");
        r.doubleValue(total == 0 ? 1 : (double) rt.totalMemory() / total);
        field(r, "allocator-fragmentation.bytes", rt.totalMemory() - total);
        r.bulk("allocator-rss.ratio");
        r.doubleValue(1.0);
        field(r, "allocator-rss.bytes", 0);
        r.bulk("rss-overhead.ratio");
        r.doubleValue(1.0);
        field(r, "rss-overhead.bytes", 0);
        r.bulk("fragmentation");
        r.doubleValue(total == 0 ? 1 : (double) rt.totalMemory() / total);
        field(r, "fragmentation.bytes", rt.totalMemory() - total);
    }

    private static void field(ReplySink r, String name, long value) {
        r.bulk(name);
        r.integer(value);
    }
}
