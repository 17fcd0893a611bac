package io.redoubt.engine.streams;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.STALE;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.INSERT;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Consumer-group management: XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM. */
final class StreamGroupCommands {
    private static final String NEEDS_KEY = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";
    private static final String ENTRIESREAD_RANGE = "ERR value for ENTRIESREAD must be positive or -1";
    private static final String[] XGROUP_HELP = {
        "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.",
        "HELP",
        "    Prints this help.",
    };

    void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("xgroup", -2)
                .group("stream").since("5.0.0").summary("A container for consumer groups commands")
                .complexity("Depends on subcommand.")
                .sub(CommandSpec.builder("create", -5).flags(WRITE, DENYOOM).acl(AclCategory.STREAM)
                        .args("key:key#0 groupname:string id:oneof(id:string new_id=\"$\") MKSTREAM? "
                                + "entries_read:integer=ENTRIESREAD?")
                        .key(KeySpec.single(2, RW, INSERT))
                        .group("stream").since("5.0.0").summary("Create a consumer group.").complexity("O(1)")
                        .history("7.0.0", "Added the `entries_read` named argument.")
                        .handler(this::xgroup))
                .sub(CommandSpec.builder("createconsumer", 5).flags(WRITE, DENYOOM).acl(AclCategory.STREAM)
                        .args("key:key#0 groupname:string consumername:string")
                        .key(KeySpec.single(2, RW, INSERT))
                        .group("stream").since("6.2.0").summary("Create a consumer in a consumer group.").complexity("O(1)")
                        .handler(this::xgroup))
                .sub(CommandSpec.builder("delconsumer", 5).flags(WRITE).acl(AclCategory.STREAM)
                        .args("key:key#0 groupname:string consumername:string")
                        .key(KeySpec.single(2, RW, DELETE))
                        .group("stream").since("5.0.0").summary("Delete a consumer from a consumer group.").complexity("O(1)")
                        .handler(this::xgroup))
                .sub(CommandSpec.builder("destroy", 4).flags(WRITE).acl(AclCategory.STREAM)
                        .args("key:key#0 groupname:string")
                        .key(KeySpec.single(2, RW, DELETE))
                        .group("stream").since("5.0.0").summary("Destroy a consumer group.")
                        .complexity("O(N) where N is the number of entries in the group's pending entries list (PEL).")
                        .handler(this::xgroup))
                .sub(CommandSpec.builder("setid", -5).flags(WRITE).acl(AclCategory.STREAM)
                        .args("key:key#0 groupname:string id:oneof(id:string new_id=\"$\") "
                                + "entries_read:integer=ENTRIESREAD?")
                        .key(KeySpec.single(2, RW, UPDATE))
                        .group("stream").since("5.0.0").summary("Set a consumer group to an arbitrary last delivered ID value.").complexity("O(1)")
                        .history("7.0.0", "Added the optional `entries_read` argument.")
                        .handler(this::xgroup))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).acl(AclCategory.STREAM)

                        .group("stream").since("5.0.0").summary("Show helpful text about the different subcommands").complexity("O(1)")
                        .handler(ctx -> help(ctx.reply(), XGROUP_HELP))));
        t.add(CommandSpec.builder("xack", -4).flags(WRITE, FAST).acl(AclCategory.STREAM)
                .args("key:key#0 group:string id:string*")
                .key(KeySpec.single(1, RW, UPDATE))
                .group("stream").since("5.0.0").summary("Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.")
                .complexity("O(1) for each message ID processed.")
                .handler(this::xack));
        t.add(CommandSpec.builder("xpending", -3).flags(READONLY).acl(AclCategory.STREAM)
                .args("key:key#0 group:string filters:block?(min-idle-time:integer=IDLE@6.2.0? start:string "
                        + "end:string count:integer consumer:string?)")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("stream").since("5.0.0").summary("Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.")
                .complexity("O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.")
                .tips("nondeterministic_output")
                .history("6.2.0", "Added the `IDLE` option and exclusive range intervals.")
                .handler(this::xpending));
        t.add(CommandSpec.builder("xclaim", -6).flags(WRITE, FAST).acl(AclCategory.STREAM)
                .args("key:key#0 group:string consumer:string min-idle-time:string id:string* ms:integer=IDLE? "
                        + "unix-time-milliseconds:unix-time=TIME? count:integer=RETRYCOUNT? FORCE? JUSTID? "
                        + "id:string=LASTID?")
                .key(KeySpec.single(1, RW, UPDATE))
                .group("stream").since("5.0.0").summary("Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.")
                .complexity("O(log N) with N being the number of messages in the PEL of the consumer group.")
                .tips("nondeterministic_output")
                .handler(this::xclaim)
                .propagates(Propagation.RESULTING_STATE));
        t.add(CommandSpec.builder("xautoclaim", -6).flags(WRITE, FAST).acl(AclCategory.STREAM)
                .args("key:key#0 group:string consumer:string min-idle-time:string start:string "
                        + "count:integer=COUNT? JUSTID?")
                .key(KeySpec.single(1, RW, DELETE))
                .group("stream").since("6.2.0").summary("Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.")
                .complexity("O(1) if COUNT is small.")
                .tips("nondeterministic_output")
                .history("7.0.0", "Added an element to the reply array, containing deleted entries the command cleared from the PEL")
                .handler(this::xautoclaim)
                .propagates(Propagation.RESULTING_STATE));
    }

    static void help(ReplySink r, String[] lines) {
        r.array(lines.length);
        for (String l : lines) {
            r.simple(l);
        }
    }

    private static CommandException subcommandSyntax(CommandContext ctx) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                + StreamReplies.text(ctx.argv()[1]) + "'. Try XGROUP HELP.");
    }

    private static long parseEntriesRead(byte[] arg) {
        long v = Args.parseLong(arg, Errors.NOT_INTEGER);
        if (v < 0 && v != -1) {
            throw new CommandException(ENTRIESREAD_RANGE);
        }
        return v;
    }

    /** One handler for all subcommands, in Redis's order of checks. */
    private void xgroup(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        String opt = StreamReplies.text(argv[1]).toLowerCase(java.util.Locale.ROOT);
        boolean mkstream = false;
        long entriesRead = -1;
        if (opt.equals("create")) {
            for (int i = 5; i < argv.length; ) {
                if (Args.is(argv[i], "MKSTREAM")) {
                    mkstream = true;
                    i++;
                } else if (Args.is(argv[i], "ENTRIESREAD") && i + 1 < argv.length) {
                    entriesRead = parseEntriesRead(argv[i + 1]);
                    i += 2;
                } else {
                    throw subcommandSyntax(ctx);
                }
            }
        } else if (opt.equals("setid")) {
            if (argv.length == 7) {
                if (!Args.is(argv[5], "ENTRIESREAD")) {
                    throw subcommandSyntax(ctx);
                }
                entriesRead = parseEntriesRead(argv[6]);
            } else if (argv.length != 5) {
                throw subcommandSyntax(ctx);
            }
        }
        Entry e = StreamReplies.write(ctx, argv[2]);
        StreamValue s = e == null ? null : (StreamValue) e.value();
        byte[] groupName = argv[3];
        ConsumerGroup cg = null;
        if (!mkstream) {
            if (s == null) {
                throw new CommandException(NEEDS_KEY);
            }
            cg = s.group(groupName);
            if (cg == null && !opt.equals("create") && !opt.equals("destroy")) {
                throw new CommandException("NOGROUP No such consumer group '" + StreamReplies.text(groupName)
                        + "' for key name '" + StreamReplies.text(argv[2]) + "'");
            }
        } else if (s != null) {
            cg = s.group(groupName);
        }
        switch (opt) {
            case "create" -> {
                if (argv.length > 8) {
                    throw subcommandSyntax(ctx);
                }
                StreamId id;
                if (argv[4].length == 1 && argv[4][0] == '$') {
                    id = s != null ? s.lastId() : StreamId.ZERO;
                } else {
                    id = StreamId.parseStrict(argv[4]);
                }
                if (s == null) {
                    s = new StreamValue();
                    e = ctx.db().add(argv[2], s);
                }
                if (s.addGroup(new ConsumerGroup(groupName, id, entriesRead))) {
                    ctx.db().modified(e, 0);
                    ctx.db().notify(EventClass.STREAM, "xgroup-create", argv[2]);
                    ctx.reply().ok();
                } else {
                    ctx.reply().error("BUSYGROUP Consumer Group name already exists");
                }
            }
            case "setid" -> {
                StreamId id;
                if (argv[4].length == 1 && argv[4][0] == '$') {
                    id = s.lastId();
                } else {
                    id = StreamId.parse(argv[4], 0);
                }
                cg.lastId = id;
                cg.entriesRead = entriesRead;
                ctx.db().modified(e, 0);
                ctx.db().notify(EventClass.STREAM, "xgroup-setid", argv[2]);
                ctx.reply().ok();
            }
            case "destroy" -> {
                if (cg != null) {
                    s.removeGroup(groupName);
                    ctx.db().modified(e, 0);
                    ctx.db().notify(EventClass.STREAM, "xgroup-destroy", argv[2]);
                    ctx.reply().integer(1);
                } else {
                    ctx.reply().integer(0);
                }
            }
            case "createconsumer" -> {
                boolean created = cg.consumer(argv[4]) == null;
                if (created) {
                    cg.consumerOrCreate(argv[4], System.currentTimeMillis());
                    ctx.db().modified(e, 0);
                    ctx.db().notify(EventClass.STREAM, "xgroup-createconsumer", argv[2]);
                }
                ctx.reply().integer(created ? 1 : 0);
            }
            case "delconsumer" -> {
                long pending = cg.deleteConsumer(argv[4]);
                if (pending >= 0) {
                    ctx.db().modified(e, 0);
                    ctx.db().notify(EventClass.STREAM, "xgroup-delconsumer", argv[2]);
                }
                ctx.reply().integer(Math.max(pending, 0));
            }
            default -> throw subcommandSyntax(ctx);
        }
    }

    private void xack(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Entry e = StreamReplies.write(ctx, argv[1]);
        ConsumerGroup g = e == null ? null : ((StreamValue) e.value()).group(argv[2]);
        if (g == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[argv.length - 3];
        for (int j = 3; j < argv.length; j++) {
            ids[j - 3] = StreamId.parseStrict(argv[j]);
        }
        int acked = 0;
        for (StreamId id : ids) {
            PendingEntry p = g.pending.remove(id);
            if (p != null) {
                p.consumer.pending.remove(id);
                acked++;
            }
        }
        if (acked > 0) {
            ctx.db().modified(e, 0);
        }
        ctx.reply().integer(acked);
    }

    private static CommandException noGroup(byte[] key, byte[] group) {
        return new CommandException(String.format(StreamReplies.NOGROUP_KEY_OR_GROUP,
                StreamReplies.text(key), StreamReplies.text(group)));
    }

    private void xpending(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        int argc = argv.length;
        boolean summary = argc == 3;
        if (argc != 3 && (argc < 6 || argc > 9)) {
            throw new CommandException(Errors.SYNTAX);
        }
        StreamId start = null;
        StreamId end = null;
        long count = 0;
        long minIdle = 0;
        byte[] consumerName = null;
        if (argc >= 6) {
            int startIdx = 3;
            if (Args.is(argv[3], "IDLE")) {
                minIdle = Args.parseLong(argv[4], Errors.NOT_INTEGER);
                if (argc < 8) {
                    throw new CommandException(Errors.SYNTAX);
                }
                startIdx += 2;
            }
            count = Args.parseLong(argv[startIdx + 2], Errors.NOT_INTEGER);
            if (count < 0) {
                count = 0;
            }
            start = StreamReplies.intervalStart(argv[startIdx]);
            end = StreamReplies.intervalEnd(argv[startIdx + 1]);
            if (startIdx + 3 < argc) {
                consumerName = argv[startIdx + 3];
            }
        }
        StreamValue s = StreamReplies.read(ctx, argv[1]);
        ConsumerGroup g = s == null ? null : s.group(argv[2]);
        if (g == null) {
            throw noGroup(argv[1], argv[2]);
        }
        ReplySink r = ctx.reply();
        if (summary) {
            r.array(4);
            r.integer(g.pending.size());
            if (g.pending.isEmpty()) {
                r.nullBulk();
                r.nullBulk();
                r.nullArray();
                return;
            }
            r.bulk(g.pending.firstKey().bytes());
            r.bulk(g.pending.lastKey().bytes());
            List<Consumer> withPending = new ArrayList<>();
            for (Consumer c : g.consumers.values()) {
                if (!c.pending.isEmpty()) {
                    withPending.add(c);
                }
            }
            r.array(withPending.size());
            for (Consumer c : withPending) {
                r.array(2);
                r.bulk(c.name);
                r.bulk(Long.toString(c.pending.size()));
            }
            return;
        }
        Map<StreamId, PendingEntry> pel;
        if (consumerName != null) {
            Consumer c = g.consumer(consumerName);
            if (c == null) {
                r.array(0);
                return;
            }
            pel = c.pending;
        } else {
            pel = g.pending;
        }
        long now = ctx.db().now();
        List<Map.Entry<StreamId, PendingEntry>> out = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<StreamId, PendingEntry> pe : ((java.util.NavigableMap<StreamId, PendingEntry>) pel)
                    .subMap(start, true, end, true).entrySet()) {
                if (count == 0) {
                    break;
                }
                if (minIdle != 0 && now - pe.getValue().deliveryTime < minIdle) {
                    continue;
                }
                out.add(pe);
                count--;
            }
        }
        r.array(out.size());
        for (Map.Entry<StreamId, PendingEntry> pe : out) {
            PendingEntry p = pe.getValue();
            r.array(4);
            r.bulk(pe.getKey().bytes());
            r.bulk(p.consumer.name);
            r.integer(Math.max(0, now - p.deliveryTime));
            r.integer(p.deliveryCount);
        }
    }

    /** As Redis: a consumer that XCLAIM or XAUTOCLAIM creates is announced by an xgroup-createconsumer event. */
    private static Consumer lookupOrCreateConsumer(CommandContext ctx, ConsumerGroup g, byte[] key, byte[] name) {
        long wall = System.currentTimeMillis();
        boolean absent = g.consumer(name) == null;
        Consumer c = g.consumerOrCreate(name, wall);
        if (absent) {
            ctx.db().notify(EventClass.STREAM, "xgroup-createconsumer", key);
        }
        c.seenTime = wall;
        return c;
    }

    private void xclaim(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Entry e = StreamReplies.write(ctx, argv[1]);
        StreamValue s = e == null ? null : (StreamValue) e.value();
        ConsumerGroup g = s == null ? null : s.group(argv[2]);
        if (g == null) {
            throw noGroup(argv[1], argv[2]);
        }
        long minIdle = Args.parseLong(argv[4], "ERR Invalid min-idle-time argument for XCLAIM");
        if (minIdle < 0) {
            minIdle = 0;
        }
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < argv.length; j++) {
            StreamId id = StreamId.parseOrNull(argv[j], 0);
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        long now = ctx.db().now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.ZERO;
        for (; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            byte[] opt = argv[j];
            if (Args.is(opt, "FORCE")) {
                force = true;
            } else if (Args.is(opt, "JUSTID")) {
                justId = true;
            } else if (Args.is(opt, "IDLE") && more) {
                deliveryTime = now - Args.parseLong(argv[++j], "ERR Invalid IDLE option argument for XCLAIM");
            } else if (Args.is(opt, "TIME") && more) {
                deliveryTime = Args.parseLong(argv[++j], "ERR Invalid TIME option argument for XCLAIM");
            } else if (Args.is(opt, "RETRYCOUNT") && more) {
                retryCount = Args.parseLong(argv[++j], "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (Args.is(opt, "LASTID") && more) {
                lastId = StreamId.parseStrict(argv[++j]);
            } else {
                throw new CommandException("ERR Unrecognized XCLAIM option '" + StreamReplies.text(opt) + "'");
            }
        }
        if (lastId.compareTo(g.lastId) > 0) {
            g.lastId = lastId;
        }
        if (deliveryTime != -1) {
            if (deliveryTime < 0 || deliveryTime > now) {
                deliveryTime = now;
            }
        } else {
            deliveryTime = now;
        }
        Consumer consumer = null;
        List<StreamReplies.Item> out = new ArrayList<>();
        for (StreamId id : ids) {
            PendingEntry p = g.pending.get(id);
            byte[][] fv = s.get(id);
            if (fv == null) {
                if (p != null) {
                    g.pending.remove(id);
                    p.consumer.pending.remove(id);
                }
                continue;
            }
            if (force && p == null) {
                p = new PendingEntry(null, now);
                g.pending.put(id, p);
            }
            if (p == null) {
                continue;
            }
            if (p.consumer != null && minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = lookupOrCreateConsumer(ctx, g, argv[1], argv[3]);
            }
            if (p.consumer != consumer && p.consumer != null) {
                p.consumer.pending.remove(id);
            }
            p.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                p.deliveryCount = retryCount;
            } else if (!justId) {
                p.deliveryCount++;
            }
            if (p.consumer != consumer) {
                consumer.pending.put(id, p);
                p.consumer = consumer;
            }
            out.add(new StreamReplies.Item(id, fv));
        }
        ctx.db().modified(e, 0);
        ReplySink r = ctx.reply();
        r.array(out.size());
        for (StreamReplies.Item it : out) {
            if (justId) {
                r.bulk(it.id().bytes());
            } else {
                StreamReplies.entry(r, it.id(), it.fv());
            }
        }
    }

    private void xautoclaim(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long minIdle = Args.parseLong(argv[4], "ERR Invalid min-idle-time argument for XAUTOCLAIM");
        if (minIdle < 0) {
            minIdle = 0;
        }
        StreamId start = StreamReplies.intervalStart(argv[5]);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (Args.is(argv[j], "COUNT") && more) {
                long maxCount = Long.MAX_VALUE / 16;
                Long v = Args.parseLongOrNull(argv[j + 1]);
                if (v == null || v < 1 || v > maxCount) {
                    throw new CommandException("ERR COUNT must be > 0");
                }
                count = v;
                j++;
            } else if (Args.is(argv[j], "JUSTID")) {
                justId = true;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Entry e = StreamReplies.write(ctx, argv[1]);
        StreamValue s = e == null ? null : (StreamValue) e.value();
        ConsumerGroup g = s == null ? null : s.group(argv[2]);
        if (g == null) {
            throw noGroup(argv[1], argv[2]);
        }
        long attempts = count * 10;
        long now = ctx.db().now();
        Consumer consumer = null;
        List<StreamReplies.Item> out = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        java.util.Iterator<Map.Entry<StreamId, PendingEntry>> it =
                new ArrayList<>(g.pending.tailMap(start, true).entrySet()).iterator();
        while (attempts-- > 0 && count > 0 && it.hasNext()) {
            Map.Entry<StreamId, PendingEntry> pe = it.next();
            StreamId id = pe.getKey();
            PendingEntry p = pe.getValue();
            byte[][] fv = s.get(id);
            if (fv == null) {
                g.pending.remove(id);
                p.consumer.pending.remove(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = lookupOrCreateConsumer(ctx, g, argv[1], argv[3]);
            }
            if (p.consumer != consumer) {
                p.consumer.pending.remove(id);
            }
            p.deliveryTime = now;
            if (!justId) {
                p.deliveryCount++;
            }
            if (p.consumer != consumer) {
                consumer.pending.put(id, p);
                p.consumer = consumer;
            }
            out.add(new StreamReplies.Item(id, fv));
            count--;
        }
        StreamId cursor = it.hasNext() ? it.next().getKey() : StreamId.ZERO;
        ctx.db().modified(e, 0);
        ReplySink r = ctx.reply();
        r.array(3);
        r.bulk(cursor.bytes());
        r.array(out.size());
        for (StreamReplies.Item item : out) {
            if (justId) {
                r.bulk(item.id().bytes());
            } else {
                StreamReplies.entry(r, item.id(), item.fv());
            }
        }
        r.array(deleted.size());
        for (StreamId id : deleted) {
            r.bulk(id.bytes());
        }
    }
}
