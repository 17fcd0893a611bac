package io.redoubt.engine.hyperloglog;

/** Austin Appleby's MurmurHash64A as Redis's hyperloglog.c uses it (little-endian words). */
final class MurmurHash64A {
    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private MurmurHash64A() {
    }

    static long hash(byte[] key, long seed) {
        int len = key.length;
        long h = seed ^ ((len & 0xffffffffL) * M);
        int end = len - (len & 7);
        for (int i = 0; i < end; i += 8) {
            long k = (key[i] & 0xffL) | (key[i + 1] & 0xffL) << 8 | (key[i + 2] & 0xffL) << 16
                    | (key[i + 3] & 0xffL) << 24 | (key[i + 4] & 0xffL) << 32 | (key[i + 5] & 0xffL) << 40
                    | (key[i + 6] & 0xffL) << 48 | (key[i + 7] & 0xffL) << 56;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
        }
        int rest = len & 7;
        if (rest > 0) {
            for (int i = rest - 1; i >= 0; i--) {
                h ^= (key[end + i] & 0xffL) << (8 * i);
            }
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }
}
