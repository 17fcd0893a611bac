package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.MAY_REPLICATE;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.PUBSUB;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBE forms, PUBLISH, SPUBLISH, PUBSUB. */
public final class PubSubCommands {
    private final ServerContext server;

    public PubSubCommands(ServerContext server) {
        this.server = server;
    }

    /** The commands a RESP2 client in subscriber mode may still send. */
    static boolean allowedWhileSubscribed(CommandSpec spec) {
        if (spec.parent() != null) {
            return false;
        }
        return switch (spec.name()) {
            case "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe",
                 "quit", "reset" -> true;
            default -> false;
        };
    }

    public void register(CommandTable.Builder t) {
        t.add(spec("subscribe", -2, "2.0.0", "Listen for messages published to the given channels",
                "O(N) where N is the number of channels to subscribe to.")
                .args("channel:string*")
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE).handler(ctx -> subscribe(ctx, PubSub.Kind.CHANNEL)));
        t.add(spec("psubscribe", -2, "2.0.0", "Listen for messages published to channels matching the given patterns",
                "O(N) where N is the number of patterns the client is already subscribed to.")
                .args("pattern:block*(pattern:pattern)")
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE).handler(ctx -> subscribe(ctx, PubSub.Kind.PATTERN)));
        t.add(spec("ssubscribe", -2, "7.0.0", "Listen for messages published to the given shard channels",
                "O(N) where N is the number of shard channels to subscribe to.")
                .args("shardchannel:string*")
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE).key(KeySpec.range(1, -1, 1, KeySpec.Flag.NOT_KEY))
                .handler(ctx -> subscribe(ctx, PubSub.Kind.SHARD)));
        t.add(spec("unsubscribe", -1, "2.0.0", "Stop listening for messages posted to the given channels",
                "O(N) where N is the number of clients already subscribed to a channel.")
                .args("channel:string?*")
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE).handler(ctx -> unsubscribe(ctx, PubSub.Kind.CHANNEL)));
        t.add(spec("punsubscribe", -1, "2.0.0", "Stop listening for messages posted to channels matching the given patterns",
                "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).")
                .args("pattern:pattern?*")
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE).handler(ctx -> unsubscribe(ctx, PubSub.Kind.PATTERN)));
        t.add(spec("sunsubscribe", -1, "7.0.0", "Stop listening for messages posted to the given shard channels",
                "O(N) where N is the number of clients already subscribed to a shard channel.")
                .args("shardchannel:string?*")
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE).key(KeySpec.range(1, -1, 1, KeySpec.Flag.NOT_KEY))
                .handler(ctx -> unsubscribe(ctx, PubSub.Kind.SHARD)));
        t.add(spec("publish", 3, "2.0.0", "Post a message to a channel",
                "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).")
                .args("channel:string message:string")
                .flags(PUBSUB, LOADING, STALE, FAST, MAY_REPLICATE)
                .handler(ctx -> ctx.reply().integer(server.pubsub().publish(false, ctx.argv()[1], ctx.argv()[2]))));
        t.add(spec("spublish", 3, "7.0.0", "Post a message to a shard channel",
                "O(N) where N is the number of clients subscribed to the receiving shard channel.")
                .args("shardchannel:string message:string")
                .flags(PUBSUB, LOADING, STALE, FAST, MAY_REPLICATE).key(KeySpec.single(1, KeySpec.Flag.NOT_KEY))
                .handler(ctx -> ctx.reply().integer(server.pubsub().publish(true, ctx.argv()[1], ctx.argv()[2]))));
        t.add(spec("pubsub", -2, "2.8.0", "A container for Pub/Sub commands", "Depends on subcommand.")

                .sub(spec("channels", -2, "2.8.0", "List active channels",
                        "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)")
                        .args("pattern:pattern?")
                        .flags(PUBSUB, LOADING, STALE).handler(ctx -> channels(ctx, false)))
                .sub(spec("numpat", 2, "2.8.0", "Get the count of unique patterns pattern subscriptions", "O(1)")

                        .flags(PUBSUB, LOADING, STALE).handler(ctx -> ctx.reply().integer(server.pubsub().patternCount())))
                .sub(spec("numsub", -2, "2.8.0", "Get the count of subscribers for channels",
                        "O(N) for the NUMSUB subcommand, where N is the number of requested channels")
                        .args("channel:string?*")
                        .flags(PUBSUB, LOADING, STALE).handler(ctx -> numsub(ctx, false)))
                .sub(spec("shardchannels", -2, "7.0.0", "List active shard channels",
                        "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).")
                        .args("pattern:pattern?")
                        .flags(PUBSUB, LOADING, STALE).handler(ctx -> channels(ctx, true)))
                .sub(spec("shardnumsub", -2, "7.0.0", "Get the count of subscribers for shard channels",
                        "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels")
                        .args("shardchannel:string?*")
                        .flags(PUBSUB, LOADING, STALE).handler(ctx -> numsub(ctx, true)))
                .sub(spec("help", 2, "6.2.0", "Show helpful text about the different subcommands", "O(1)")

                        .flags(LOADING, STALE).handler(this::help)));
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, String complexity) {
        return CommandSpec.builder(name, arity).group("pubsub").since(since).summary(summary).complexity(complexity);
    }

    private void subscribe(CommandContext ctx, PubSub.Kind kind) {
        Session s = (Session) ctx;
        byte[][] argv = ctx.argv();
        for (int i = 1; i < argv.length; i++) {
            server.pubsub().subscribe(kind, s, argv[i]);
            byte[] name = argv[i];
            long count = kind == PubSub.Kind.SHARD ? s.shardSubscriptionCount() : s.subscriptionCount();
            s.deliver(r -> { // push data: sent even under CLIENT REPLY OFF
                r.push(3);
                r.bulk(kind.subscribeWord);
                r.bulk(name);
                r.integer(count);
            });
        }
    }

    private void unsubscribe(CommandContext ctx, PubSub.Kind kind) {
        Session s = (Session) ctx;
        byte[][] argv = ctx.argv();
        List<byte[]> names = new ArrayList<>();
        if (argv.length == 1) {
            for (DbKey k : new ArrayList<>(s.subscriptions(kind))) {
                names.add(k.bytes());
            }
            if (names.isEmpty()) {
                long count = kind == PubSub.Kind.SHARD ? s.shardSubscriptionCount() : s.subscriptionCount();
                s.deliver(r -> {
                    r.push(3);
                    r.bulk(kind.unsubscribeWord);
                    r.nullBulk();
                    r.integer(count);
                });
                return;
            }
        } else {
            for (int i = 1; i < argv.length; i++) {
                names.add(argv[i]);
            }
        }
        for (byte[] name : names) {
            server.pubsub().unsubscribe(kind, s, name);
            long count = kind == PubSub.Kind.SHARD ? s.shardSubscriptionCount() : s.subscriptionCount();
            s.deliver(r -> {
                r.push(3);
                r.bulk(kind.unsubscribeWord);
                r.bulk(name);
                r.integer(count);
            });
        }
    }

    private void channels(CommandContext ctx, boolean shard) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3) {
            throw new io.redoubt.engine.command.CommandException(
                    io.redoubt.resp.Errors.wrongArity(ctx.spec().fullName()));
        }
        List<byte[]> list = server.pubsub().activeChannels(shard, argv.length == 3 ? argv[2] : null);
        ctx.reply().array(list.size());
        for (byte[] c : list) {
            ctx.reply().bulk(c);
        }
    }

    private void numsub(CommandContext ctx, boolean shard) {
        byte[][] argv = ctx.argv();
        ctx.reply().array((argv.length - 2) * 2);
        for (int i = 2; i < argv.length; i++) {
            ctx.reply().bulk(argv[i]);
            ctx.reply().integer(server.pubsub().subscriberCount(shard, argv[i]));
        }
    }

    private void help(CommandContext ctx) {
        String[] lines = {
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help."
        };
        ctx.reply().array(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }
}
