package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Looks ahead over the complete requests waiting in a read batch, without consuming or parsing
 * them for real, and reports for each the {@link java.util.Arrays#hashCode(byte[])} of its second
 * argument, the first key of nearly every data command, and of its third, the field or member of
 * HSET, HGET, SADD, SISMEMBER and their kind. The server uses these hashes to touch the
 * keys' table slots for a whole pipelined batch before running it, so the cache misses of sixteen
 * lookups overlap instead of following one another.
 *
 * <p>Only a hint: it stops at the first request that is incomplete, inline, or not well formed
 * (the real parser reports those), and a hash of an argument that is not a key costs one wasted
 * lookup. Not thread-safe: one per connection's thread.
 */
public final class KeyScanner implements ByteProcessor {
    private static final int MAX_ARGS = 1024;
    private static final int MAX_ARG_BYTES = 1 << 20;

    private long number;
    private boolean digitsOnly;
    private int hash;
    private final ByteProcessor hasher = b -> {
        hash = 31 * hash + b;
        return true;
    };

    /**
     * Fills {@code hashes} with the second-argument hashes of the complete multibulk requests from
     * {@code in}'s reader index on, at most {@code hashes.length}, and {@code memberHashes} (as long)
     * with their third-argument hashes, 1 (an empty argument's) when there is none; returns how many.
     */
    public int scan(ByteBuf in, int[] hashes, int[] memberHashes) {
        int pos = in.readerIndex();
        int end = in.writerIndex();
        int found = 0;
        while (found < hashes.length && pos < end && in.getByte(pos) == '*') {
            int cr = headerEnd(in, pos, end);
            if (cr < 0 || number < 1 || number > MAX_ARGS) {
                break;
            }
            int args = (int) number;
            pos = cr + 2;
            int keyHash = 0;
            int memberHash = 1;
            for (int a = 0; a < args; a++) {
                if (pos >= end || in.getByte(pos) != '$') {
                    return found;
                }
                cr = headerEnd(in, pos, end);
                if (cr < 0 || number < 0 || number > MAX_ARG_BYTES) {
                    return found;
                }
                int body = cr + 2;
                int next = body + (int) number + 2;
                if (next > end) {
                    return found; // incomplete: the rest arrives with a later read
                }
                if (a == 1 || a == 2) {
                    hash = 1;
                    if (number > 0) {
                        in.forEachByte(body, (int) number, hasher);
                    }
                    if (a == 1) {
                        keyHash = hash;
                    } else {
                        memberHash = hash;
                    }
                }
                pos = next;
            }
            if (args >= 2) {
                memberHashes[found] = memberHash;
                hashes[found++] = keyHash; // PING and the like have no key: skipped, not a stop
            }
        }
        return found;
    }

    /** Reads the decimal after a type byte up to its CR; returns the CR's index, -1 if there is none or it is no decimal. */
    private int headerEnd(ByteBuf in, int pos, int end) {
        number = 0;
        digitsOnly = true;
        int length = Math.min(end - pos - 1, 21);
        if (length <= 0) {
            return -1;
        }
        int cr = in.forEachByte(pos + 1, length, this);
        if (cr < 0 || cr == pos + 1 || !digitsOnly || cr + 1 >= end) {
            return -1;
        }
        return cr;
    }

    /** Accumulates a header's digits; stops at the CR. */
    @Override
    public boolean process(byte b) {
        if (b == '\r') {
            return false;
        }
        int d = b - '0';
        if (d < 0 || d > 9) {
            digitsOnly = false;
            return false;
        }
        number = number * 10 + d;
        return true;
    }
}
