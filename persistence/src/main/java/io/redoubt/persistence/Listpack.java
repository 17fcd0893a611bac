package io.redoubt.persistence;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's listpack, the flat encoding of small hashes, sorted sets, list nodes and stream nodes in
 * RDB files: a 4-byte total length, a 2-byte element count (65535 when unknown), the elements, and a
 * 0xFF terminator. Each element is an encoding byte, its data, and a back length so the list can be
 * walked backwards. Strings that look like integers are stored as integers, as Redis stores them.
 */
public final class Listpack {
    private static final int EOF = 0xff;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int count;

    public Listpack add(byte[] s) {
        Long v = RdbStrings.parseCanonicalLong(s, 20);
        if (v != null) {
            return add(v.longValue());
        }
        int start = body.size();
        int len = s.length;
        if (len < 64) {
            body.write(0x80 | len);
        } else if (len < 4096) {
            body.write(0xe0 | (len >>> 8));
            body.write(len & 0xff);
        } else {
            body.write(0xf0);
            writeLe(len, 4);
        }
        body.write(s, 0, len);
        backlen(body.size() - start);
        count++;
        return this;
    }

    public Listpack add(long v) {
        int start = body.size();
        if (v >= 0 && v <= 127) {
            body.write((int) v);
        } else if (v >= -4096 && v <= 4095) {
            long u = v < 0 ? (1L << 13) + v : v;
            body.write((int) (0xc0 | (u >>> 8)));
            body.write((int) (u & 0xff));
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            body.write(0xf1);
            writeLe(v, 2);
        } else if (v >= -(1 << 23) && v < (1 << 23)) {
            body.write(0xf2);
            writeLe(v, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            body.write(0xf3);
            writeLe(v, 4);
        } else {
            body.write(0xf4);
            writeLe(v, 8);
        }
        backlen(body.size() - start);
        count++;
        return this;
    }

    public int count() {
        return count;
    }

    /** The serialized listpack. */
    public byte[] bytes() {
        int total = 4 + 2 + body.size() + 1;
        byte[] out = new byte[total];
        putLe(out, 0, total, 4);
        putLe(out, 4, Math.min(count, 65535), 2);
        byte[] b = body.toByteArray();
        System.arraycopy(b, 0, out, 6, b.length);
        out[total - 1] = (byte) EOF;
        return out;
    }

    /** The size {@link #bytes()} would have. */
    public int size() {
        return 7 + body.size();
    }

    private void backlen(int l) {
        if (l <= 127) {
            body.write(l);
        } else if (l < 16383) {
            body.write(l >>> 7);
            body.write((l & 127) | 128);
        } else if (l < 2097151) {
            body.write(l >>> 14);
            body.write(((l >>> 7) & 127) | 128);
            body.write((l & 127) | 128);
        } else if (l < 268435455) {
            body.write(l >>> 21);
            body.write(((l >>> 14) & 127) | 128);
            body.write(((l >>> 7) & 127) | 128);
            body.write((l & 127) | 128);
        } else {
            body.write(l >>> 28);
            body.write(((l >>> 21) & 127) | 128);
            body.write(((l >>> 14) & 127) | 128);
            body.write(((l >>> 7) & 127) | 128);
            body.write((l & 127) | 128);
        }
    }

    private void writeLe(long v, int n) {
        for (int i = 0; i < n; i++) {
            body.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void putLe(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /**
     * Decodes a listpack into its elements (integers as their decimal text), checking every length
     * against the buffer.
     *
     * @throws RdbFormatException when the bytes are not a well-formed listpack
     */
    public static List<byte[]> decode(byte[] lp) {
        if (lp.length < 7) {
            throw new RdbFormatException("listpack too short");
        }
        long total = getLe(lp, 0, 4);
        if (total != lp.length) {
            throw new RdbFormatException("listpack length header " + total + " does not match " + lp.length);
        }
        int declared = (int) getLe(lp, 4, 2);
        List<byte[]> out = new ArrayList<>(Math.min(declared, 1024));
        int p = 6;
        while (true) {
            if (p >= lp.length) {
                throw new RdbFormatException("listpack without terminator");
            }
            int b = lp[p] & 0xff;
            if (b == EOF) {
                if (p != lp.length - 1) {
                    throw new RdbFormatException("listpack terminator before the end");
                }
                break;
            }
            int start = p;
            byte[] element;
            if ((b & 0x80) == 0) {
                element = RdbStrings.ascii(b);
                p += 1;
            } else if ((b & 0xc0) == 0x80) {
                int len = b & 0x3f;
                element = slice(lp, p + 1, len);
                p += 1 + len;
            } else if ((b & 0xe0) == 0xc0) {
                need(lp, p, 2);
                long u = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                long v = u >= (1 << 12) ? u - (1 << 13) : u;
                element = RdbStrings.ascii(v);
                p += 2;
            } else if ((b & 0xf0) == 0xe0) {
                need(lp, p, 2);
                int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                element = slice(lp, p + 2, len);
                p += 2 + len;
            } else if (b == 0xf0) {
                need(lp, p, 5);
                long len = getLe(lp, p + 1, 4);
                if (len > lp.length) {
                    throw new RdbFormatException("listpack string longer than the listpack");
                }
                element = slice(lp, p + 5, (int) len);
                p += 5 + (int) len;
            } else if (b >= 0xf1 && b <= 0xf4) {
                int n = b == 0xf1 ? 2 : b == 0xf2 ? 3 : b == 0xf3 ? 4 : 8;
                need(lp, p, 1 + n);
                long u = getLe(lp, p + 1, n);
                long v = n == 8 ? u : (u << (64 - 8 * n)) >> (64 - 8 * n);
                element = RdbStrings.ascii(v);
                p += 1 + n;
            } else {
                throw new RdbFormatException("listpack entry with unknown encoding 0x" + Integer.toHexString(b));
            }
            int encLen = p - start;
            p += backlenSize(encLen);
            out.add(element);
        }
        if (declared != 65535 && declared != out.size()) {
            throw new RdbFormatException("listpack count " + declared + " does not match " + out.size() + " entries");
        }
        return out;
    }

    private static int backlenSize(int l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    private static void need(byte[] b, int p, int n) {
        if (p + n > b.length) {
            throw new RdbFormatException("listpack entry runs past the end");
        }
    }

    private static byte[] slice(byte[] b, int from, int len) {
        if (from + len > b.length) {
            throw new RdbFormatException("listpack string runs past the end");
        }
        byte[] s = new byte[len];
        System.arraycopy(b, from, s, 0, len);
        return s;
    }

    static long getLe(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
