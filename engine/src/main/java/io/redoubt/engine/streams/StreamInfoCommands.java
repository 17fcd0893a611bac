package io.redoubt.engine.streams;

import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.STALE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.RO;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.List;
import java.util.Map;

/**
 * XINFO STREAM / GROUPS / CONSUMERS / HELP. radix-tree-nodes reports an estimate: Redis counts the
 * inner nodes of its radix tree, which depends on the tree's history, so clients must not rely on it.
 */
final class StreamInfoCommands {
    private static final String[] HELP = {
        "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
        "HELP",
        "    Prints this help.",
    };

    void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("xinfo", -2)
                .group("stream").since("5.0.0").summary("A container for stream introspection commands")
                .complexity("Depends on subcommand.")
                .sub(CommandSpec.builder("consumers", 4).flags(READONLY).acl(AclCategory.STREAM)
                        .args("key:key#0 groupname:string")
                        .key(KeySpec.single(2, RO, ACCESS))
                        .group("stream").since("5.0.0").summary("List the consumers in a consumer group")
                        .complexity("O(1)").tips("nondeterministic_output")
                        .handler(this::consumers))
                .sub(CommandSpec.builder("groups", 3).flags(READONLY).acl(AclCategory.STREAM)
                        .args("key:key#0")
                        .key(KeySpec.single(2, RO, ACCESS))
                        .group("stream").since("5.0.0").summary("List the consumer groups of a stream")
                        .complexity("O(1)")
                        .history("7.0.0", "Added the `entries-read` and `lag` fields")
                        .handler(this::groups))
                .sub(CommandSpec.builder("stream", -3).flags(READONLY).acl(AclCategory.STREAM)
                        .args("key:key#0 full:block=FULL?(count:integer=COUNT?)")
                        .key(KeySpec.single(2, RO, ACCESS))
                        .group("stream").since("5.0.0").summary("Get information about a stream")
                        .complexity("O(1)")
                        .history("6.0.0", "Added the `FULL` modifier.")
                        .history("7.0.0", "Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields")
                        .handler(this::stream))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).acl(AclCategory.STREAM)

                        .group("stream").since("5.0.0").summary("Show helpful text about the different subcommands").complexity("O(1)")
                        .handler(ctx -> StreamGroupCommands.help(ctx.reply(), HELP))));
    }

    private static StreamValue stream(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        if (e == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        if (!(e.value() instanceof StreamValue s)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return s;
    }

    private static CommandException syntax(CommandContext ctx) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                + StreamReplies.text(ctx.argv()[1]) + "'. Try XINFO HELP.");
    }

    private void consumers(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        StreamValue s = stream(ctx, argv[2]);
        ConsumerGroup g = s.group(argv[3]);
        if (g == null) {
            throw new CommandException("NOGROUP No such consumer group '" + StreamReplies.text(argv[3])
                    + "' for key name '" + StreamReplies.text(argv[2]) + "'");
        }
        long now = System.currentTimeMillis();
        ReplySink r = ctx.reply();
        r.array(g.consumers.size());
        for (Consumer c : g.consumers.values()) {
            r.map(3);
            r.bulk("name");
            r.bulk(c.name);
            r.bulk("pending");
            r.integer(c.pending.size());
            r.bulk("idle");
            r.integer(Math.max(0, now - c.seenTime));
        }
    }

    private void groups(CommandContext ctx) {
        StreamValue s = stream(ctx, ctx.argv()[2]);
        ReplySink r = ctx.reply();
        r.array(s.groupCount());
        for (ConsumerGroup g : s.groups()) {
            r.map(6);
            r.bulk("name");
            r.bulk(g.name());
            r.bulk("consumers");
            r.integer(g.consumers.size());
            r.bulk("pending");
            r.integer(g.pending.size());
            r.bulk("last-delivered-id");
            r.bulk(g.lastId.bytes());
            r.bulk("entries-read");
            entriesRead(r, g);
            r.bulk("lag");
            lag(r, s, g);
        }
    }

    private static void entriesRead(ReplySink r, ConsumerGroup g) {
        if (g.entriesRead != -1) {
            r.integer(g.entriesRead);
        } else {
            r.nullBulk();
        }
    }

    /** The group's lag as Redis 7.0 computes it, or null when it cannot be known. */
    private static void lag(ReplySink r, StreamValue s, ConsumerGroup g) {
        if (s.entriesAdded() == 0) {
            r.integer(0);
        } else if (g.entriesRead != -1 && !s.rangeHasTombstones(g.lastId)) {
            r.integer(s.entriesAdded() - g.entriesRead);
        } else {
            long read = s.estimateDistanceFromFirstEverEntry(g.lastId);
            if (read != -1) {
                r.integer(s.entriesAdded() - read);
            } else {
                r.nullBulk();
            }
        }
    }

    private void stream(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        int argc = argv.length - 3;
        boolean full = true;
        long count = 10;
        if (argc == 0) {
            full = false;
        } else if (argc == 1 || argc == 3) {
            if (!Args.is(argv[3], "FULL")) {
                throw syntax(ctx);
            }
            if (argc == 3) {
                if (!Args.is(argv[4], "COUNT")) {
                    throw syntax(ctx);
                }
                count = Args.parseLong(argv[5], Errors.NOT_INTEGER);
                if (count < 0) {
                    count = 10;
                }
            }
        } else {
            throw syntax(ctx);
        }
        StreamValue s = stream(ctx, argv[2]);
        ReplySink r = ctx.reply();
        r.map(full ? 9 : 10);
        r.bulk("length");
        r.integer(s.length());
        r.bulk("radix-tree-keys");
        r.integer(s.nodeCount());
        r.bulk("radix-tree-nodes");
        r.integer(estimatedRaxNodes(s));
        r.bulk("last-generated-id");
        r.bulk(s.lastId().bytes());
        r.bulk("max-deleted-entry-id");
        r.bulk(s.maxDeletedId().bytes());
        r.bulk("entries-added");
        r.integer(s.entriesAdded());
        r.bulk("recorded-first-entry-id");
        r.bulk(s.firstId().bytes());
        if (!full) {
            r.bulk("groups");
            r.integer(s.groupCount());
            r.bulk("first-entry");
            edge(r, s, false);
            r.bulk("last-entry");
            edge(r, s, true);
            return;
        }
        r.bulk("entries");
        StreamReplies.items(r, StreamReplies.collect(s, StreamId.MIN, StreamId.MAX, count, false));
        r.bulk("groups");
        r.array(s.groupCount());
        for (ConsumerGroup g : s.groups()) {
            r.map(7);
            r.bulk("name");
            r.bulk(g.name());
            r.bulk("last-delivered-id");
            r.bulk(g.lastId.bytes());
            r.bulk("entries-read");
            entriesRead(r, g);
            r.bulk("lag");
            lag(r, s, g);
            r.bulk("pel-count");
            r.integer(g.pending.size());
            r.bulk("pending");
            int n = (int) (count == 0 ? g.pending.size() : Math.min(count, g.pending.size()));
            r.array(n);
            int i = 0;
            for (Map.Entry<StreamId, PendingEntry> pe : g.pending.entrySet()) {
                if (i++ == n) {
                    break;
                }
                r.array(4);
                r.bulk(pe.getKey().bytes());
                r.bulk(pe.getValue().consumer.name);
                r.integer(pe.getValue().deliveryTime);
                r.integer(pe.getValue().deliveryCount);
            }
            r.bulk("consumers");
            r.array(g.consumers.size());
            for (Consumer c : g.consumers.values()) {
                r.map(4);
                r.bulk("name");
                r.bulk(c.name);
                r.bulk("seen-time");
                r.integer(c.seenTime);
                r.bulk("pel-count");
                r.integer(c.pending.size());
                r.bulk("pending");
                int m = (int) (count == 0 ? c.pending.size() : Math.min(count, c.pending.size()));
                r.array(m);
                int j = 0;
                for (Map.Entry<StreamId, PendingEntry> pe : c.pending.entrySet()) {
                    if (j++ == m) {
                        break;
                    }
                    r.array(3);
                    r.bulk(pe.getKey().bytes());
                    r.integer(pe.getValue().deliveryTime);
                    r.integer(pe.getValue().deliveryCount);
                }
            }
        }
    }

    private static void edge(ReplySink r, StreamValue s, boolean last) {
        List<StreamReplies.Item> items = StreamReplies.collect(s, StreamId.MIN, StreamId.MAX, 1, last);
        if (items.isEmpty()) {
            r.nullBulk();
        } else {
            StreamReplies.entry(r, items.get(0).id(), items.get(0).fv());
        }
    }

    /**
     * An estimate of Redis's radix-tree node count: an empty tree has one node; each key adds
     * roughly one node plus one for the shared prefix split.
     */
    private static long estimatedRaxNodes(StreamValue s) {
        int keys = s.nodeCount();
        return keys == 0 ? 1 : keys + 1;
    }
}
