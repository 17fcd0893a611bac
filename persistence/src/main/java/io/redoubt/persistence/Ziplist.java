package io.redoubt.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoder of Redis's ziplist, the compact encoding of RDB files before version 10 (Redis 6.2 and
 * older); Redis 7.0 still loads it, so Redoubt does too. Only reading is needed.
 */
final class Ziplist {
    private Ziplist() {
    }

    static List<byte[]> decode(byte[] z) {
        if (z.length < 11) {
            throw new RdbFormatException("ziplist too short");
        }
        if (Listpack.getLe(z, 0, 4) != z.length) {
            throw new RdbFormatException("ziplist length header does not match");
        }
        List<byte[]> out = new ArrayList<>();
        int p = 10;
        while (true) {
            need(z, p, 1);
            if ((z[p] & 0xff) == 0xff) {
                break;
            }
            p += (z[p] & 0xff) == 0xfe ? 5 : 1;    // prevlen
            need(z, p, 1);
            int b = z[p] & 0xff;
            switch (b >>> 6) {
                case 0 -> {
                    int len = b & 0x3f;
                    out.add(slice(z, p + 1, len));
                    p += 1 + len;
                }
                case 1 -> {
                    need(z, p, 2);
                    int len = ((b & 0x3f) << 8) | (z[p + 1] & 0xff);
                    out.add(slice(z, p + 2, len));
                    p += 2 + len;
                }
                case 2 -> {
                    need(z, p, 5);
                    long len = ((z[p + 1] & 0xffL) << 24) | ((z[p + 2] & 0xffL) << 16) | ((z[p + 3] & 0xffL) << 8)
                            | (z[p + 4] & 0xffL);
                    if (len > z.length) {
                        throw new RdbFormatException("ziplist string longer than the ziplist");
                    }
                    out.add(slice(z, p + 5, (int) len));
                    p += 5 + (int) len;
                }
                default -> {
                    long v;
                    int n;
                    if (b == 0xc0) {
                        n = 2;
                    } else if (b == 0xd0) {
                        n = 4;
                    } else if (b == 0xe0) {
                        n = 8;
                    } else if (b == 0xf0) {
                        n = 3;
                    } else if (b == 0xfe) {
                        n = 1;
                    } else if (b >= 0xf1 && b <= 0xfd) {
                        n = 0;
                    } else {
                        throw new RdbFormatException("ziplist entry with unknown encoding");
                    }
                    need(z, p, 1 + n);
                    if (n == 0) {
                        v = (b & 0x0f) - 1;
                    } else {
                        long u = Listpack.getLe(z, p + 1, n);
                        v = n == 8 ? u : (u << (64 - 8 * n)) >> (64 - 8 * n);
                    }
                    out.add(RdbStrings.ascii(v));
                    p += 1 + n;
                }
            }
        }
        return out;
    }

    private static void need(byte[] b, int p, int n) {
        if (p + n > b.length) {
            throw new RdbFormatException("ziplist entry runs past the end");
        }
    }

    private static byte[] slice(byte[] b, int from, int len) {
        need(b, from, len);
        byte[] s = new byte[len];
        System.arraycopy(b, from, s, 0, len);
        return s;
    }
}
