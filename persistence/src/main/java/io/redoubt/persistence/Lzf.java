package io.redoubt.persistence;

import java.util.Arrays;

/**
 * LZF, the compression Redis applies to long strings in RDB files. The stream is a sequence of
 * literal runs (a control byte below 32 says how many bytes follow, minus one) and back references
 * (length in the top three bits, extended by one byte when they are all set; offset in the low five
 * bits and the next byte). This compressor is a plain hash-of-three-bytes matcher; any valid stream
 * is accepted by Redis's decompressor, which is all interchange needs.
 */
public final class Lzf {
    private static final int HASH_BITS = 14;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    private Lzf() {
    }

    /**
     * Compresses {@code in} into at most {@code limit} bytes; returns the compressed bytes, or null
     * when they would not fit (Redis then stores the string uncompressed).
     */
    public static byte[] compress(byte[] in, int limit) {
        if (limit <= 0) {
            return null;
        }
        byte[] out = new byte[limit];
        int[] table = new int[1 << HASH_BITS];
        Arrays.fill(table, -1);
        int ip = 0;
        int op = 1;          // room for the first literal control byte
        int lit = 0;
        int n = in.length;
        while (ip < n - 2) {
            int h = hash(in, ip);
            int ref = table[h];
            table[h] = ip;
            int off = ip - ref - 1;
            if (ref >= 0 && off < MAX_OFFSET && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]
                    && in[ref + 2] == in[ip + 2]) {
                int maxLen = Math.min(MAX_REF, n - ip);
                int len = 3;
                while (len < maxLen && in[ref + len] == in[ip + len]) {
                    len++;
                }
                // close the pending literal run
                if (lit > 0) {
                    out[op - lit - 1] = (byte) (lit - 1);
                } else {
                    op--;    // no literal: reuse the reserved control byte
                }
                int l = len - 2;
                if (op + 3 + 1 > limit) {
                    return null;
                }
                if (l < 7) {
                    out[op++] = (byte) ((l << 5) | (off >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (off >>> 8));
                    out[op++] = (byte) (l - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++;        // reserve the next literal control byte
                if (op > limit) {
                    return null;
                }
                for (int k = 1; k < len && ip + k < n - 2; k++) {
                    table[hash(in, ip + k)] = ip + k;
                }
                ip += len;
                continue;
            }
            if (op >= limit) {
                return null;
            }
            out[op++] = in[ip++];
            lit++;
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
                if (op > limit) {
                    return null;
                }
            }
        }
        while (ip < n) {
            if (op >= limit) {
                return null;
            }
            out[op++] = in[ip++];
            lit++;
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
                if (op > limit) {
                    return null;
                }
            }
        }
        if (lit > 0) {
            out[op - lit - 1] = (byte) (lit - 1);
        } else {
            op--;
        }
        return Arrays.copyOf(out, op);
    }

    private static int hash(byte[] b, int i) {
        int v = ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /**
     * Decompresses {@code in} into exactly {@code outLen} bytes.
     *
     * @throws IllegalArgumentException when the stream is malformed or does not produce exactly
     *     {@code outLen} bytes
     */
    public static byte[] decompress(byte[] in, int outLen) {
        byte[] out = new byte[outLen];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (op + run > outLen || ip + run > in.length) {
                    throw new IllegalArgumentException("LZF literal run overflows");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >>> 5;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw new IllegalArgumentException("LZF truncated back reference");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= in.length) {
                    throw new IllegalArgumentException("LZF truncated back reference");
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (ref < 0 || op + len > outLen) {
                    throw new IllegalArgumentException("LZF back reference out of range");
                }
                copyBack(out, ref, op, len);
                op += len;
            }
        }
        if (op != outLen) {
            throw new IllegalArgumentException("LZF data decompresses to " + op + " bytes, expected " + outLen);
        }
        return out;
    }

    /**
     * Copies {@code len} bytes from {@code ref} to {@code op} in {@code out} as a byte-by-byte loop would,
     * where an overlapping source (a reference closer than its length, as runs of one byte are written)
     * repeats the {@code op - ref} bytes before {@code op}. Whole blocks go through arraycopy, each
     * twice as long as the one before, since the bytes already copied repeat the same period: loading
     * an RDB spends a third of its time here with the byte loop.
     */
    private static void copyBack(byte[] out, int ref, int op, int len) {
        int done = 0;
        while (done < len) {
            int chunk = Math.min(op + done - ref, len - done);
            System.arraycopy(out, ref, out, op + done, chunk);
            done += chunk;
        }
    }
}
