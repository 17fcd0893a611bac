package io.redoubt.engine.strings;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.Errors;

/**
 * The options of SET ({@code NX XX GET KEEPTTL EX PX EXAT PXAT}) and GETEX
 * ({@code EX PX EXAT PXAT PERSIST}) parsed with the rules of Redis's
 * {@code parseExtendedStringArgumentsOrReply}: options are checked for syntax first, all of them,
 * and only then is the expiry number read, so {@code SET k v EX abc BOGUS} is a syntax error. A
 * repeated option of the same kind is accepted (the last expiry wins); conflicting ones are a syntax
 * error.
 */
final class ExpiryOption {
    static final int NX = 1;
    static final int XX = 1 << 1;
    static final int GET = 1 << 2;
    static final int KEEPTTL = 1 << 3;
    static final int PERSIST = 1 << 4;
    static final int EX = 1 << 5;
    static final int PX = 1 << 6;
    static final int EXAT = 1 << 7;
    static final int PXAT = 1 << 8;
    private static final int ANY_EXPIRY = EX | PX | EXAT | PXAT;

    private ExpiryOption() {
    }

    /**
     * Parses {@code argv[from..]}; returns the flags with the index of the expiry value in the upper
     * 32 bits (0 when none). {@code forSet} selects SET's options, otherwise GETEX's.
     */
    static long parse(byte[][] argv, int from, boolean forSet) {
        int flags = 0;
        int valueIndex = 0;
        for (int j = from; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean hasNext = j + 1 < argv.length;
            int unit = unitOf(opt);
            if (forSet && Args.is(opt, "NX") && (flags & XX) == 0) {
                flags |= NX;
            } else if (forSet && Args.is(opt, "XX") && (flags & NX) == 0) {
                flags |= XX;
            } else if (forSet && Args.is(opt, "GET")) {
                flags |= GET;
            } else if (forSet && Args.is(opt, "KEEPTTL") && (flags & (PERSIST | ANY_EXPIRY)) == 0) {
                flags |= KEEPTTL;
            } else if (!forSet && Args.is(opt, "PERSIST") && (flags & (KEEPTTL | ANY_EXPIRY)) == 0) {
                flags |= PERSIST;
            } else if (unit != 0 && hasNext && (flags & (KEEPTTL | PERSIST | (ANY_EXPIRY & ~unit))) == 0) {
                flags |= unit;
                valueIndex = ++j;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        return ((long) valueIndex << 32) | flags;
    }

    private static int unitOf(byte[] opt) {
        if (Args.is(opt, "EX")) {
            return EX;
        } else if (Args.is(opt, "PX")) {
            return PX;
        } else if (Args.is(opt, "EXAT")) {
            return EXAT;
        } else if (Args.is(opt, "PXAT")) {
            return PXAT;
        }
        return 0;
    }

    /**
     * Redis's getExpireMillisecondsOrReply: the absolute expiry in milliseconds for {@code value}
     * read with the unit in {@code flags}; errors name {@code command}.
     */
    static long absoluteMillis(byte[] value, int flags, long now, String command) {
        long v = Numbers.parseLong(value);
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) {
            throw new CommandException(Errors.invalidExpire(command));
        }
        if (seconds) {
            v *= 1000;
        }
        if ((flags & (EX | PX)) != 0) {
            if (v > Long.MAX_VALUE - now) {
                throw new CommandException(Errors.invalidExpire(command));
            }
            v += now;
        }
        return v;
    }

    static int flags(long parsed) {
        return (int) parsed;
    }

    static int valueIndex(long parsed) {
        return (int) (parsed >>> 32);
    }

    static boolean isAbsolute(int flags) {
        return (flags & (EXAT | PXAT)) != 0;
    }
}
