package io.redoubt.dataplane;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.resp.Errors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DEBUG POPULATE count [prefix] [size], as Redis 7.0's debug.c: string keys prefix:0 .. prefix:count-1
 * (names cut at 127 bytes, as Redis's buffer cuts them) holding value:N, padded with zero bytes or cut
 * to {@code size}; keys that exist are left alone. A size above proto-max-bulk-len is refused before
 * anything is allocated (Redis would try to allocate it).
 */
final class DebugPopulate {
    private static final byte[] DEFAULT_PREFIX = {'k', 'e', 'y'};
    private static final int NAME_LIMIT = 127;

    private DebugPopulate() {
    }

    static void run(CommandContext ctx, long maxValueBytes) {
        byte[][] argv = ctx.argv();
        long count = positive(argv[2]);
        long size = argv.length == 5 ? positive(argv[4]) : 0;
        if (size > Math.min(maxValueBytes, Integer.MAX_VALUE - 8)) {
            throw new CommandException("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
        byte[] prefix = argv.length >= 4 ? argv[3] : DEFAULT_PREFIX;
        Keyspace db = ctx.db();
        for (long i = 0; i < count; i++) {
            byte[] key = name(prefix, i);
            if (db.lookupWrite(key) != null) {
                continue;
            }
            byte[] text = ("value:" + i).getBytes(StandardCharsets.US_ASCII);
            db.put(key, size == 0 ? text : Arrays.copyOf(text, (int) size));
        }
        ctx.reply().ok();
    }

    private static byte[] name(byte[] prefix, long i) {
        byte[] suffix = (":" + i).getBytes(StandardCharsets.US_ASCII);
        byte[] name = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, name, prefix.length, suffix.length);
        return name.length > NAME_LIMIT ? Arrays.copyOf(name, NAME_LIMIT) : name;
    }

    /** Redis's getPositiveLongFromObjectOrReply without a message: one error for text and negatives. */
    private static long positive(byte[] arg) {
        Long n = Args.parseLongOrNull(arg);
        if (n == null || n < 0) {
            throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
        }
        return n;
    }
}
