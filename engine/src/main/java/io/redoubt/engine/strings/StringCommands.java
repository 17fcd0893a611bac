package io.redoubt.engine.strings;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.OW;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;
import static io.redoubt.engine.command.KeySpec.Flag.VARIABLE_FLAGS;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Database;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.resp.Errors;
import java.util.EnumSet;

/** The string family. */
public final class StringCommands {

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("get", 2).flags(READONLY, FAST).acl(AclCategory.STRING)
                .key(KeySpec.single(1, RO, ACCESS))
                .group("string").since("1.0.0").summary("Get the value of a key").complexity("O(1)")
                .handler(this::get));
        t.add(CommandSpec.builder("set", -3).flags(WRITE, DENYOOM).acl(AclCategory.STRING)
                .key(KeySpec.single(1, RW, ACCESS, UPDATE, VARIABLE_FLAGS)
                        .notes("RW and ACCESS due to the optional `GET` argument")
                        .variableFlags(argv -> hasGetOption(argv) ? EnumSet.of(RW, ACCESS, UPDATE) : EnumSet.of(OW, UPDATE)))
                .group("string").since("1.0.0")
                .summary("Set the string value of a key")
                .history("2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options.")
                .history("6.0.0", "Added the `KEEPTTL` option.")
                .history("6.2.0", "Added the `GET`, `EXAT` and `PXAT` option.")
                .history("7.0.0", "Allowed the `NX` and `GET` options to be used together.")
                .complexity("O(1)")
                .handler(this::set));
    }

    /** SET's key is read (RW, ACCESS) only with GET; otherwise it is overwritten (OW). */
    private static boolean hasGetOption(byte[][] argv) {
        for (int i = 3; i < argv.length; i++) {
            if (Args.is(argv[i], "GET")) {
                return true;
            }
        }
        return false;
    }

    /** The string at {@code key}, null when absent; WRONGTYPE when it holds another type. */
    static byte[] readString(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof byte[] value)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return value;
    }

    private void get(CommandContext ctx) {
        byte[] value = readString(ctx, ctx.argv()[1]);
        if (value == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(value);
        }
    }

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GET = 4;
    private static final int KEEPTTL = 8;

    private void set(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        int flags = 0;
        long expireAt = Entry.NO_EXPIRY;
        boolean expirySet = false;
        for (int i = 3; i < argv.length; i++) {
            byte[] a = argv[i];
            boolean hasNext = i + 1 < argv.length;
            if (Args.is(a, "NX") && (flags & XX) == 0) {
                flags |= NX;
            } else if (Args.is(a, "XX") && (flags & NX) == 0) {
                flags |= XX;
            } else if (Args.is(a, "GET")) {
                flags |= GET;
            } else if (Args.is(a, "KEEPTTL") && !expirySet) {
                flags |= KEEPTTL;
            } else if (!expirySet && (flags & KEEPTTL) == 0 && hasNext
                    && (Args.is(a, "EX") || Args.is(a, "PX") || Args.is(a, "EXAT") || Args.is(a, "PXAT"))) {
                expireAt = expiryArgument(ctx, a, argv[++i]);
                expirySet = true;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Database db = ctx.db();
        byte[] key = argv[1];
        Entry existing = db.lookupWrite(key);
        byte[] old = null;
        if ((flags & GET) != 0 && existing != null) {
            if (!(existing.value() instanceof byte[] v)) {
                throw new CommandException(Errors.WRONGTYPE);
            }
            old = v;
        }
        boolean blocked = ((flags & NX) != 0 && existing != null) || ((flags & XX) != 0 && existing == null);
        if (!blocked) {
            Entry e;
            if ((flags & KEEPTTL) != 0 && existing != null) {
                db.update(existing, argv[2]);
                e = existing;
            } else {
                e = db.put(key, argv[2]);
            }
            if (expirySet) {
                db.setExpiry(e, expireAt);
            }
        }
        if ((flags & GET) != 0) {
            if (old == null) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().bulk(old);
            }
        } else if (blocked) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().ok();
        }
    }

    /** Converts EX/PX/EXAT/PXAT and its argument into an absolute time in milliseconds. */
    static long expiryArgument(CommandContext ctx, byte[] unit, byte[] value) {
        long v = Args.parseLong(value);
        String command = ctx.spec().fullName();
        if (v <= 0) {
            throw new CommandException(Errors.invalidExpire(command));
        }
        boolean seconds = Args.is(unit, "EX") || Args.is(unit, "EXAT");
        boolean relative = Args.is(unit, "EX") || Args.is(unit, "PX");
        if (seconds) {
            if (v > Long.MAX_VALUE / 1000) {
                throw new CommandException(Errors.invalidExpire(command));
            }
            v *= 1000;
        }
        if (relative) {
            if (v > Long.MAX_VALUE - ctx.db().now()) {
                throw new CommandException(Errors.invalidExpire(command));
            }
            v += ctx.db().now();
        }
        return v;
    }
}
