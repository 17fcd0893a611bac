package io.redoubt.dataplane.router;

import io.netty.buffer.ByteBuf;

/**
 * Finds where one complete RESP2/RESP3 reply ends, without decoding it, so replies from a shard link
 * can be matched one to one with the requests sent on it. Input may stop at any byte.
 */
final class ReplyFramer {
    private ReplyFramer() {
    }

    /** The length of the complete reply starting at {@code from}, or -1 when more bytes are needed. */
    static int frameLength(ByteBuf buf, int from) {
        int pos = from;
        long pending = 1; // values still to read, including nested elements
        int end = buf.writerIndex();
        while (pending > 0) {
            if (pos >= end) {
                return -1;
            }
            byte type = buf.getByte(pos);
            int lineEnd = buf.indexOf(pos, end, (byte) '\n');
            if (lineEnd < 0) {
                return -1;
            }
            pending--;
            switch (type) {
                case '$', '=', '!' -> {
                    long len = parseLong(buf, pos + 1, lineEnd - 1);
                    pos = lineEnd + 1;
                    if (len >= 0) {
                        pos += (int) len + 2;
                        if (pos > end) {
                            return -1;
                        }
                    }
                }
                case '*', '~', '>' -> {
                    long n = parseLong(buf, pos + 1, lineEnd - 1);
                    pending += Math.max(0, n);
                    pos = lineEnd + 1;
                }
                case '%', '|' -> {
                    long n = parseLong(buf, pos + 1, lineEnd - 1);
                    pending += 2 * Math.max(0, n) + (type == '|' ? 1 : 0); // an attribute precedes a value
                    pos = lineEnd + 1;
                }
                default -> pos = lineEnd + 1; // + - : _ # , ( are one line each
            }
        }
        return pos - from;
    }

    /** The decimal number between {@code from} (inclusive) and {@code to} (exclusive, the '\r'). */
    static long parseLong(ByteBuf buf, int from, int to) {
        boolean negative = from < to && buf.getByte(from) == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            v = v * 10 + (buf.getByte(i) - '0');
        }
        return negative ? -v : v;
    }
}
