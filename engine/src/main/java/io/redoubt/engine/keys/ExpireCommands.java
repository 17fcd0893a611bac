package io.redoubt.engine.keys;

import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
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
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;

/**
 * Key expiry: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX, XX, GT, LT), TTL, PTTL, EXPIRETIME,
 * PEXPIRETIME and PERSIST. Times are kept as absolute milliseconds; an expiry at or before the
 * command's clock deletes the key at once, as Redis does on a master.
 */
public final class ExpireCommands {
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    public void register(CommandTable.Builder t) {
        t.add(setter("expire", "1.0.0", "Set a key's time to live in seconds", false, true)
                .args("key:key#0 seconds:integer condition:oneof@7.0.0?(NX XX GT LT)")
                .history("7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`.")
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY));
        t.add(setter("pexpire", "2.6.0", "Set a key's time to live in milliseconds", false, false)
                .args("key:key#0 milliseconds:integer condition:oneof@7.0.0?(NX XX GT LT)")
                .history("7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`.")
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY));
        t.add(setter("expireat", "1.2.0", "Set the expiration for a key as a UNIX timestamp", true, true)
                .args("key:key#0 unix-time-seconds:unix-time condition:oneof@7.0.0?(NX XX GT LT)")
                .history("7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."));
        t.add(setter("pexpireat", "2.6.0",
                "Set the expiration for a key as a UNIX timestamp specified in milliseconds", true, false)
                .args("key:key#0 unix-time-milliseconds:unix-time condition:oneof@7.0.0?(NX XX GT LT)")
                .history("7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."));
        t.add(getter("ttl", "1.0.0", "Get the time to live for a key in seconds", false, false)
                .args("key:key#0")
                .history("2.8.0", "Added the -2 reply.")
                .tips("nondeterministic_output"));
        t.add(getter("pttl", "2.6.0", "Get the time to live for a key in milliseconds", true, false)
                .args("key:key#0")
                .history("2.8.0", "Added the -2 reply.")
                .tips("nondeterministic_output"));
        t.add(getter("expiretime", "7.0.0", "Get the expiration Unix timestamp for a key", false, true)
                .args("key:key#0"));
        t.add(getter("pexpiretime", "7.0.0", "Get the expiration Unix timestamp for a key in milliseconds",
                true, true)
                .args("key:key#0"));
        t.add(CommandSpec.builder("persist", 2).flags(WRITE, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0")
                .key(KeySpec.single(1, RW, UPDATE))
                .group("generic").since("2.2.0").summary("Remove the expiration from a key").complexity("O(1)")
                .handler(this::persist));
    }

    private CommandSpec.Builder setter(String name, String since, String summary, boolean absolute, boolean seconds) {
        return CommandSpec.builder(name, -3).flags(WRITE, FAST).acl(AclCategory.KEYSPACE)
                .key(KeySpec.single(1, RW, UPDATE))
                .group("generic").since(since).summary(summary).complexity("O(1)")
                .handler(ctx -> expire(ctx, absolute, seconds));
    }

    private CommandSpec.Builder getter(String name, String since, String summary, boolean millis, boolean absolute) {
        return CommandSpec.builder(name, 2).flags(READONLY, FAST).acl(AclCategory.KEYSPACE)
                .key(KeySpec.single(1, RO, ACCESS))
                .group("generic").since(since).summary(summary).complexity("O(1)")
                .handler(ctx -> ttl(ctx, millis, absolute));
    }

    private void expire(CommandContext ctx, boolean absolute, boolean seconds) {
        byte[][] argv = ctx.argv();
        int flags = conditions(argv);
        long when = Args.parseLong(argv[2]);
        String invalid = Errors.invalidExpire(ctx.spec().fullName());
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw new CommandException(invalid);
            }
            when *= 1000;
        }
        long base = absolute ? 0 : ctx.db().now();
        if (when > Long.MAX_VALUE - base) {
            throw new CommandException(invalid);
        }
        when += base;

        Keyspace db = ctx.db();
        Entry e = db.lookupWrite(argv[1]);
        if (e == null || !conditionsHold(flags, e.expireAt(), when)) {
            ctx.reply().integer(0);
            return;
        }
        if (when <= db.now()) {
            db.delete(argv[1]);
            db.notify(EventClass.GENERIC, "del", argv[1]);
            ctx.reply().integer(1);
        } else {
            db.setExpiry(e, when);
            ctx.reply().integer(1);
            db.notify(EventClass.GENERIC, "expire", argv[1]); // after the reply, as in Redis
        }
    }

    /** Parses NX/XX/GT/LT with Redis's errors and their order of checks. */
    private static int conditions(byte[][] argv) {
        int flags = 0;
        for (int i = 3; i < argv.length; i++) {
            byte[] a = argv[i];
            if (Args.is(a, "NX")) {
                flags |= NX;
            } else if (Args.is(a, "XX")) {
                flags |= XX;
            } else if (Args.is(a, "GT")) {
                flags |= GT;
            } else if (Args.is(a, "LT")) {
                flags |= LT;
            } else {
                throw new CommandException("ERR Unsupported option " + Args.text(a));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new CommandException("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            throw new CommandException("ERR GT and LT options at the same time are not compatible");
        }
        return flags;
    }

    /** No expiry counts as an infinite one: GT never holds against it, LT always does. */
    private static boolean conditionsHold(int flags, long current, long when) {
        boolean none = current == Entry.NO_EXPIRY;
        if ((flags & NX) != 0 && !none) {
            return false;
        }
        if ((flags & XX) != 0 && none) {
            return false;
        }
        if ((flags & GT) != 0 && (none || when <= current)) {
            return false;
        }
        return (flags & LT) == 0 || none || when < current;
    }

    private void ttl(CommandContext ctx, boolean millis, boolean absolute) {
        Entry e = ctx.db().lookupRead(ctx.argv()[1], false);
        if (e == null) {
            ctx.reply().integer(-2);
            return;
        }
        if (!e.hasExpiry()) {
            ctx.reply().integer(-1);
            return;
        }
        long t = absolute ? e.expireAt() : e.expireAt() - ctx.db().now();
        if (t < 0) {
            t = 0;
        }
        // (t + 500) / 1000 without overflowing near Long.MAX_VALUE (Redis replies as if it did not)
        ctx.reply().integer(millis ? t : t / 1000 + (t % 1000 + 500) / 1000);
    }

    private void persist(CommandContext ctx) {
        Entry e = ctx.db().lookupWrite(ctx.argv()[1]);
        boolean removed = e != null && ctx.db().persist(e);
        if (removed) {
            ctx.db().notify(EventClass.GENERIC, "persist", ctx.argv()[1]);
        }
        ctx.reply().integer(removed ? 1 : 0);
    }
}
