package io.redoubt.engine.streams;

import static io.redoubt.engine.command.CommandFlag.BLOCKING;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.RO;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.Client;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * XREAD and XREADGROUP, blocking included. A blocked read runs again with the same arguments when
 * one of its streams changes, so the {@code $} IDs of XREAD are resolved once, on the first run, and
 * kept per client until the client's next first run: otherwise a re-run would read {@code $} as the
 * new last ID and miss the entry that woke it. A re-run serves only the key that woke it, as Redis
 * 7.0's serveClientsBlockedOnStreamKey does. Known difference: Redis wakes stream readers only on
 * XADD, key creation and XGROUP DESTROY and then compares with the stream's last-generated ID, so an
 * XADD followed by an XDEL of the same entry inside one MULTI answers a reader with an empty list;
 * Redoubt re-runs on any change and compares with the last live entry, so that reader keeps waiting.
 * All state here is touched on the shard thread only.
 */
final class StreamReadCommands {
    private static final StreamId GREATER = StreamId.MAX; // the ">" of XREADGROUP, as Redis encodes it

    /** The IDs a blocked XREAD resolved on its first run; weak so closed clients vanish. */
    private final Map<Client, StreamId[]> resolvedIds = new WeakHashMap<>();

    void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("xread", -4).flags(READONLY, BLOCKING, MOVABLEKEYS).acl(AclCategory.STREAM)
                .args("count:integer=COUNT? milliseconds:integer=BLOCK? streams:block=STREAMS(key:key#0* "
                        + "id:string*)")
                .key(KeySpec.keywordRangeLimit("STREAMS", 1, 2, RO, ACCESS))
                .group("stream").since("5.0.0").summary("Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.")
                .complexity("For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.")
                .handler(ctx -> read(ctx, false)));
        t.add(CommandSpec.builder("xreadgroup", -7).flags(WRITE, BLOCKING, MOVABLEKEYS).acl(AclCategory.STREAM)
                .args("group_consumer:block=GROUP(group:string consumer:string) count:integer=COUNT? "
                        + "milliseconds:integer=BLOCK? NOACK? streams:block=STREAMS(key:key#0* id:string*)")
                .key(KeySpec.keywordRangeLimit("STREAMS", 4, 2, RO, ACCESS))
                .group("stream").since("5.0.0").summary("Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.")
                .complexity("For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.")
                .handler(ctx -> read(ctx, true))
                .propagates(Propagation.RESULTING_STATE));
    }

    private void read(CommandContext ctx, boolean xreadgroup) {
        byte[][] argv = ctx.argv();
        long timeout = -1;
        long count = 0;
        int streamsArg = 0;
        int streamsCount = 0;
        byte[] groupName = null;
        byte[] consumerName = null;
        boolean noAck = false;
        for (int i = 1; i < argv.length; i++) {
            int more = argv.length - i - 1;
            byte[] o = argv[i];
            if (Args.is(o, "BLOCK") && more > 0) {
                i++;
                timeout = Args.parseLong(argv[i], "ERR timeout is not an integer or out of range");
                if (timeout < 0) {
                    throw new CommandException(Errors.TIMEOUT_NEGATIVE);
                }
            } else if (Args.is(o, "COUNT") && more > 0) {
                i++;
                count = Args.parseLong(argv[i], Errors.NOT_INTEGER);
                if (count < 0) {
                    count = 0;
                }
            } else if (Args.is(o, "STREAMS") && more > 0) {
                streamsArg = i + 1;
                streamsCount = argv.length - streamsArg;
                if (streamsCount % 2 != 0) {
                    throw new CommandException("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                }
                streamsCount /= 2;
                break;
            } else if (Args.is(o, "GROUP") && more >= 2) {
                if (!xreadgroup) {
                    throw new CommandException("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                groupName = argv[i + 1];
                consumerName = argv[i + 2];
                i += 2;
            } else if (Args.is(o, "NOACK")) {
                if (!xreadgroup) {
                    throw new CommandException("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                noAck = true;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if (streamsArg == 0) {
            throw new CommandException(Errors.SYNTAX);
        }
        if (xreadgroup && groupName == null) {
            throw new CommandException("ERR Missing GROUP option for XREADGROUP");
        }
        Client client = ctx.client();
        boolean firstRun = client.readyKey() == null;
        StreamId[] remembered = firstRun ? null : resolvedIds.get(client);
        StreamId[] ids = new StreamId[streamsCount];
        ConsumerGroup[] groups = xreadgroup ? new ConsumerGroup[streamsCount] : null;
        StreamValue[] streams = new StreamValue[streamsCount];
        for (int k = 0; k < streamsCount; k++) {
            byte[] key = argv[streamsArg + k];
            byte[] arg = argv[streamsArg + streamsCount + k];
            if (xreadgroup && !firstRun && java.util.Arrays.equals(key, client.readyKey())) {
                Entry woke = ctx.db().lookup(key);
                if (woke == null || woke.type() != ValueType.STREAM) {
                    // deleted, flushed, renamed away or replaced by another type while this client waited
                    throw new CommandException("UNBLOCKED the stream key no longer exists");
                }
            }
            StreamValue s = StreamReplies.read(ctx, key);
            streams[k] = s;
            if (xreadgroup) {
                ConsumerGroup g = s == null ? null : s.group(groupName);
                if (g == null && !firstRun) {
                    // woken by XGROUP DESTROY (or a new stream under the key): the wait is over
                    throw new CommandException("NOGROUP the consumer group this client was blocked on no longer exists");
                }
                if (g == null) {
                    throw new CommandException("NOGROUP No such key '" + StreamReplies.text(key) + "' or consumer group '"
                            + StreamReplies.text(groupName) + "' in XREADGROUP with GROUP option");
                }
                groups[k] = g;
            }
            if (arg.length == 1 && arg[0] == '$') {
                if (xreadgroup) {
                    throw new CommandException("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.");
                }
                if (remembered != null && remembered.length == streamsCount && remembered[k] != null) {
                    ids[k] = remembered[k];
                } else {
                    ids[k] = s != null ? s.lastId() : StreamId.ZERO;
                }
            } else if (arg.length == 1 && arg[0] == '>') {
                if (!xreadgroup) {
                    throw new CommandException("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
                }
                ids[k] = GREATER;
            } else {
                ids[k] = StreamId.parseStrict(arg);
            }
        }

        List<byte[]> keys = new ArrayList<>();
        List<Runnable> replies = new ArrayList<>();
        ReplySink r = ctx.reply();
        long now = ctx.db().now();
        for (int k = 0; k < streamsCount; k++) {
            StreamValue s = streams[k];
            if (s == null) {
                continue;
            }
            if (!firstRun && !java.util.Arrays.equals(argv[streamsArg + k], client.readyKey())) {
                continue; // Redis 7.0 serves a woken reader from the key that woke it only
            }
            StreamId gt = ids[k];
            boolean serve = false;
            boolean history = false;
            if (xreadgroup) {
                if (!gt.equals(GREATER)) {
                    serve = true;
                    history = true;
                } else if (s.length() > 0 && s.lastValidId().compareTo(groups[k].lastId) > 0) {
                    serve = true;
                    gt = groups[k].lastId;
                }
            } else if (s.length() > 0 && s.lastValidId().compareTo(gt) > 0) {
                serve = true;
            }
            if (!serve) {
                continue;
            }
            StreamId start = gt.next();
            byte[] key = argv[streamsArg + k];
            keys.add(key);
            if (!xreadgroup) {
                List<StreamReplies.Item> items = StreamReplies.collect(s, start, StreamId.MAX, count, false);
                replies.add(() -> StreamReplies.items(r, items));
                continue;
            }
            ConsumerGroup g = groups[k];
            long wall = System.currentTimeMillis();
            boolean newConsumer = g.consumer(consumerName) == null;
            Consumer consumer = g.consumerOrCreate(consumerName, wall);
            if (newConsumer) {
                ctx.db().notify(EventClass.STREAM, "xgroup-createconsumer", key); // as Redis announces it
            }
            consumer.seenTime = wall;
            Entry e = ctx.db().lookup(key);
            if (history) {
                List<StreamReplies.Item> items = new ArrayList<>();
                if (start != null) {
                    for (Map.Entry<StreamId, PendingEntry> pe : consumer.pending.tailMap(start, true).entrySet()) {
                        if (count != 0 && items.size() >= count) {
                            break;
                        }
                        byte[][] fv = s.get(pe.getKey());
                        if (fv != null) {
                            pe.getValue().deliveryTime = now;
                            pe.getValue().deliveryCount++;
                        }
                        items.add(new StreamReplies.Item(pe.getKey(), fv));
                    }
                }
                replies.add(() -> StreamReplies.items(r, items));
            } else {
                List<StreamReplies.Item> items = StreamReplies.collect(s, start, StreamId.MAX, count, false);
                for (StreamReplies.Item it : items) {
                    deliver(s, g, consumer, it.id(), noAck, now);
                }
                replies.add(() -> StreamReplies.items(r, items));
            }
            ctx.db().modified(e, 0);
        }
        if (!keys.isEmpty()) {
            resolvedIds.remove(client);
            if (r.protocol() == 2) {
                r.array(keys.size());
            } else {
                r.map(keys.size());
            }
            for (int i = 0; i < keys.size(); i++) {
                if (r.protocol() == 2) {
                    r.array(2);
                }
                r.bulk(keys.get(i));
                replies.get(i).run();
            }
            return;
        }
        if (timeout != -1) {
            if (!client.mayBlock()) {
                r.nullArray();
                return;
            }
            if (!xreadgroup && firstRun) {
                resolvedIds.put(client, ids);
            }
            byte[][] blockKeys = new byte[streamsCount][];
            for (int k = 0; k < streamsCount; k++) {
                blockKeys[k] = argv[streamsArg + k];
            }
            if (xreadgroup) {
                client.blockUntilKeyLost(blockKeys, ValueType.STREAM, timeout, Client.TimeoutReply.NULL_ARRAY);
            } else {
                client.block(blockKeys, ValueType.STREAM, timeout, Client.TimeoutReply.NULL_ARRAY);
            }
            return;
        }
        r.nullArray();
    }

    /** Moves the group past {@code id} and records the delivery in the PELs (unless NOACK). */
    private static void deliver(StreamValue s, ConsumerGroup g, Consumer consumer, StreamId id, boolean noAck, long now) {
        if (id.compareTo(g.lastId) > 0) {
            if (g.entriesRead != -1 && !s.rangeHasTombstones(id)) {
                g.entriesRead++;
            } else if (s.entriesAdded() != 0) {
                g.entriesRead = s.estimateDistanceFromFirstEverEntry(id);
            }
            g.lastId = id;
        }
        if (noAck) {
            return;
        }
        PendingEntry p = g.pending.get(id);
        if (p == null) {
            p = new PendingEntry(consumer, now);
            g.pending.put(id, p);
            consumer.pending.put(id, p);
        } else {
            p.consumer.pending.remove(id);
            p.consumer = consumer;
            p.deliveryTime = now;
            p.deliveryCount = 1;
            consumer.pending.put(id, p);
        }
    }
}
