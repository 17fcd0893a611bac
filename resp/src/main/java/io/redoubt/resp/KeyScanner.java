package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Looks ahead over the complete requests waiting in a read batch, without consuming or parsing
 * them for real, and reports for each the {@link java.util.Arrays#hashCode(byte[])} of its second
 * argument, the first key of nearly every data command, and of a short third one, the field or
 * member of HSET, HGET, SADD, SISMEMBER and their kind. The server uses these hashes to touch the
 * keys' table slots for a whole pipelined batch before running it, so the cache misses of sixteen
 * lookups overlap instead of following one another.
 *
 * <p>Only a hint: it stops at the first request that is incomplete, inline, or not well formed
 * (the real parser reports those), and a hash of an argument that is not a key costs one wasted
 * lookup. Not thread-safe: one per connection's thread.
 */
public final class KeyScanner {
    private static final int MAX_ARGS = 1024;
    private static final int MAX_ARG_BYTES = 1 << 20;
    /**
     * A longer third argument is not hashed: fields and members are short, while a SET's value may be
     * kilobytes that nothing would look up.
     */
    private static final int MAX_MEMBER_BYTES = 64;

    private final HeaderLine header = new HeaderLine();
    /** Where the line read by the last {@link #line} call ends, after its CRLF. */
    private int next;
    private int hash;
    private final ByteProcessor hasher = b -> {
        hash = 31 * hash + b;
        return true;
    };

    /**
     * Fills {@code hashes} with the second-argument hashes of the complete multibulk requests from
     * {@code in}'s reader index on, at most {@code hashes.length} of them, and {@code memberHashes}
     * with their third-argument hashes, 1 (an empty argument's) when there is none or it is long;
     * returns how many.
     */
    public int scan(ByteBuf in, int[] hashes, int[] memberHashes) {
        int pos = in.readerIndex();
        int end = in.writerIndex();
        int found = 0;
        while (found < hashes.length && pos < end) {
            long args = line(in, pos, end, '*');
            if (args < 1 || args > MAX_ARGS) {
                break;
            }
            pos = next;
            int keyHash = 0;
            int memberHash = 1;
            for (int a = 0; a < args; a++) {
                long length = line(in, pos, end, '$');
                if (length < 0 || length > MAX_ARG_BYTES) {
                    return found;
                }
                int body = next;
                pos = body + (int) length + 2;
                if (pos > end) {
                    return found; // incomplete: the rest arrives with a later read
                }
                if (a == 1) {
                    keyHash = hash(in, body, (int) length);
                } else if (a == 2 && length <= MAX_MEMBER_BYTES) {
                    memberHash = hash(in, body, (int) length);
                }
            }
            if (args >= 2) {
                memberHashes[found] = memberHash;
                hashes[found++] = keyHash; // PING and the like have no key: skipped, not a stop
            }
        }
        return found;
    }

    /**
     * The decimal of the complete header line of {@code type} at {@code pos}, or a negative number
     * when the line is incomplete, of another type or no decimal; sets {@link #next}.
     */
    private long line(ByteBuf in, int pos, int end, char type) {
        int cr = header.scan(in, pos);
        if (cr < 0 || cr + 1 >= end || header.type() != type) {
            return -1;
        }
        next = cr + 2;
        return header.value();
    }

    private int hash(ByteBuf in, int from, int length) {
        hash = 1;
        if (length > 0) {
            in.forEachByte(from, length, hasher);
        }
        return hash;
    }
}
