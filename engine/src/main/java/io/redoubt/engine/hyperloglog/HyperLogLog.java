package io.redoubt.engine.hyperloglog;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis's exact string layout, so GET returns the bytes Redis would hold: a 16-byte
 * header ("HYLL", encoding 0 dense / 1 sparse, 3 unused bytes, 8-byte little-endian cached
 * cardinality whose top bit marks it stale) followed by 16384 six-bit registers, either dense (12288
 * bytes, least significant bits first) or sparse (ZERO 00xxxxxx, XZERO 01xxxxxx yyyyyyyy, VAL
 * 1vvvvvxx run-length opcodes). Updates follow hyperloglog.c step by step, opcode splits and merges
 * included, so the same PFADDs give the same bytes.
 *
 * <p>An instance is a mutable working buffer ({@link #bytes()} gives the stored form); the
 * static methods read stored values.
 */
final class HyperLogLog {
    static final int HEADER = 16;
    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int BITS = 6;
    static final int REGISTER_MAX = (1 << BITS) - 1;
    static final int DENSE_SIZE = HEADER + (REGISTERS * BITS + 7) / 8;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    static final int VAL_MAX_VALUE = 32;
    static final int VAL_MAX_LEN = 4;
    static final int ZERO_MAX_LEN = 64;
    static final int XZERO_MAX_LEN = 16384;
    private static final long SEED = 0xadc83b19L;
    private static final double ALPHA_INF = 0.721347520444481703680;

    private byte[] buf;
    private int len;

    private HyperLogLog(byte[] buf, int len) {
        this.buf = buf;
        this.len = len;
    }

    /** An empty sparse HLL: header plus one XZERO covering all registers (18 bytes). */
    static HyperLogLog create() {
        byte[] b = new byte[HEADER + 2];
        header(b, SPARSE);
        int l = REGISTERS - 1;
        b[HEADER] = (byte) ((l >> 8) | 0x40);
        b[HEADER + 1] = (byte) l;
        return new HyperLogLog(b, b.length);
    }

    private static void header(byte[] b, int encoding) {
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[4] = (byte) encoding;
    }

    /** A working copy of a stored value (the stored array is never changed). */
    static HyperLogLog of(byte[] stored) {
        return new HyperLogLog(Arrays.copyOf(stored, stored.length + 8), stored.length);
    }

    /** Redis's isHLLObjectOrReply structural check. */
    static boolean isValid(byte[] v) {
        if (v.length < HEADER || v[0] != 'H' || v[1] != 'Y' || v[2] != 'L' || v[3] != 'L') {
            return false;
        }
        int encoding = v[4] & 0xff;
        return encoding <= SPARSE && (encoding != DENSE || v.length == DENSE_SIZE);
    }

    byte[] bytes() {
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    int encoding() {
        return buf[4];
    }

    void invalidateCache() {
        buf[15] |= (byte) 0x80;
    }

    boolean validCache() {
        return (buf[15] & 0x80) == 0;
    }

    long cachedCardinality() {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = (card << 8) | (buf[8 + i] & 0xff);
        }
        return card;
    }

    void cacheCardinality(long card) {
        for (int i = 0; i < 8; i++) {
            buf[8 + i] = (byte) (card >>> (8 * i));
        }
    }

    // ---- dense registers --------------------------------------------------------------------------

    static int denseGet(byte[] p, int offset, int reg) {
        int bitPos = reg * BITS;
        int byteIndex = offset + bitPos / 8;
        int fb = bitPos & 7;
        int b0 = p[byteIndex] & 0xff;
        int b1 = byteIndex + 1 < p.length ? p[byteIndex + 1] & 0xff : 0;
        return ((b0 >> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
    }

    private static void denseSetRegister(byte[] p, int offset, int reg, int val) {
        int bitPos = reg * BITS;
        int byteIndex = offset + bitPos / 8;
        int fb = bitPos & 7;
        int fb8 = 8 - fb;
        p[byteIndex] = (byte) ((p[byteIndex] & ~(REGISTER_MAX << fb)) | (val << fb));
        if (byteIndex + 1 < offset + DENSE_SIZE - HEADER) {
            p[byteIndex + 1] = (byte) ((p[byteIndex + 1] & ~(REGISTER_MAX >> fb8)) | (val >> fb8));
        }
    }

    private int denseSet(int index, int count) {
        if (count > denseGet(buf, HEADER, index)) {
            denseSetRegister(buf, HEADER, index, count);
            return 1;
        }
        return 0;
    }

    // ---- adding -----------------------------------------------------------------------------------

    /** Register index in the low 14 bits, run length of the "000..1" pattern above. */
    static long patLen(byte[] element) {
        long hash = MurmurHash64A.hash(element, SEED);
        int index = (int) (hash & (REGISTERS - 1));
        hash >>>= P;
        hash |= 1L << Q;
        int count = Long.numberOfTrailingZeros(hash) + 1;
        return ((long) count << 32) | index;
    }

    /** 1 when a register changed, 0 when not, -1 for a corrupt value. */
    int add(byte[] element, int sparseMaxBytes) {
        long pl = patLen(element);
        return set((int) pl, (int) (pl >>> 32), sparseMaxBytes);
    }

    int set(int index, int count, int sparseMaxBytes) {
        if (encoding() == DENSE) {
            return denseSet(index, count);
        }
        return sparseSet(index, count, sparseMaxBytes);
    }

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isXzero(int op) {
        return (op & 0xc0) == 0x40;
    }

    private static boolean isVal(int op) {
        return (op & 0x80) != 0;
    }

    private int u(int i) {
        return buf[i] & 0xff;
    }

    private static byte valOp(int value, int runLength) {
        return (byte) (((value - 1) << 2 | (runLength - 1)) | 0x80);
    }

    private void ensureCapacity(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    private int sparseSet(int index, int count, int sparseMaxBytes) {
        if (count > VAL_MAX_VALUE) {
            return promote(index, count);
        }
        ensureCapacity(3);
        int p = HEADER;
        int end = len;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            int oplen = 1;
            int op = u(p);
            if (isZero(op)) {
                span = (op & 0x3f) + 1;
            } else if (isVal(op)) {
                span = (op & 0x3) + 1;
            } else {
                span = (((op & 0x3f) << 8) | u(p + 1)) + 1;
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int op = u(p);
        int next = isXzero(op) ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        boolean zero = isZero(op);
        boolean xzero = isXzero(op);
        boolean val = !zero && !xzero;
        int runLength = zero ? (op & 0x3f) + 1 : xzero ? (((op & 0x3f) << 8) | u(p + 1)) + 1 : (op & 0x3) + 1;
        boolean updatedInPlace = false;
        if (val) {
            int oldCount = ((op >> 2) & 0x1f) + 1;
            if (oldCount >= count) {
                return 0;
            }
            if (runLength == 1) {
                buf[p] = valOp(count, 1);
                updatedInPlace = true;
            }
        }
        if (!updatedInPlace && zero && runLength == 1) {
            buf[p] = valOp(count, 1);
            updatedInPlace = true;
        }
        if (!updatedInPlace) {
            byte[] seq = new byte[5];
            int n = 0;
            int last = first + span - 1;
            if (zero || xzero) {
                if (index != first) {
                    n = zeros(seq, n, index - first);
                }
                seq[n++] = valOp(count, 1);
                if (index != last) {
                    n = zeros(seq, n, last - index);
                }
            } else {
                int curval = ((op >> 2) & 0x1f) + 1;
                if (index != first) {
                    seq[n++] = valOp(curval, index - first);
                }
                seq[n++] = valOp(count, 1);
                if (index != last) {
                    seq[n++] = valOp(curval, last - index);
                }
            }
            int oldLength = xzero ? 2 : 1;
            int delta = n - oldLength;
            if (delta > 0 && len + delta > sparseMaxBytes) {
                return promote(index, count);
            }
            if (delta != 0 && next >= 0) {
                System.arraycopy(buf, next, buf, next + delta, end - next);
            }
            len += delta;
            System.arraycopy(seq, 0, buf, p, n);
            end += delta;
        }
        // Step 4: merge adjacent VAL opcodes with the same value, scanning up to 5 opcodes from prev.
        p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int o = u(p);
            if (isXzero(o)) {
                p += 2;
                continue;
            } else if (isZero(o)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(u(p + 1))) {
                int v1 = ((o >> 2) & 0x1f) + 1;
                int o2 = u(p + 1);
                int v2 = ((o2 >> 2) & 0x1f) + 1;
                if (v1 == v2) {
                    int merged = (o & 0x3) + 1 + (o2 & 0x3) + 1;
                    if (merged <= VAL_MAX_LEN) {
                        buf[p + 1] = valOp(v1, merged);
                        System.arraycopy(buf, p + 1, buf, p, end - p - 1);
                        len--;
                        end--;
                        continue;
                    }
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private static int zeros(byte[] seq, int n, int length) {
        if (length > ZERO_MAX_LEN) {
            int l = length - 1;
            seq[n] = (byte) ((l >> 8) | 0x40);
            seq[n + 1] = (byte) l;
            return n + 2;
        }
        seq[n] = (byte) (length - 1);
        return n + 1;
    }

    private int promote(int index, int count) {
        if (!toDense()) {
            return -1;
        }
        denseSet(index, count);
        return 1;
    }

    /** Converts a sparse value to dense in place; false when the sparse data is corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(buf, 0, dense, 0, HEADER);
        dense[4] = DENSE;
        int idx = 0;
        int p = HEADER;
        while (p < len) {
            int op = u(p);
            if (isZero(op)) {
                idx += (op & 0x3f) + 1;
                p++;
            } else if (isXzero(op)) {
                idx += (((op & 0x3f) << 8) | u(p + 1)) + 1;
                p += 2;
            } else {
                int runLength = (op & 0x3) + 1;
                int value = ((op >> 2) & 0x1f) + 1;
                if (runLength + idx > REGISTERS) {
                    break;
                }
                while (runLength-- > 0) {
                    denseSetRegister(dense, HEADER, idx, value);
                    idx++;
                }
                p++;
            }
        }
        if (idx != REGISTERS) {
            return false;
        }
        buf = dense;
        len = DENSE_SIZE;
        return true;
    }

    // ---- reading stored values --------------------------------------------------------------------

    /** max[i] = max(max[i], register i of {@code hll}); false when the sparse data is corrupt. */
    static boolean mergeInto(int[] max, byte[] hll) {
        if (hll[4] == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                max[i] = Math.max(max[i], denseGet(hll, HEADER, i));
            }
            return true;
        }
        int i = 0;
        int p = HEADER;
        while (p < hll.length) {
            int op = hll[p] & 0xff;
            if (isZero(op)) {
                i += (op & 0x3f) + 1;
                p++;
            } else if (isXzero(op)) {
                i += (((op & 0x3f) << 8) | (p + 1 < hll.length ? hll[p + 1] & 0xff : 0)) + 1;
                p += 2;
            } else {
                int runLength = (op & 0x3) + 1;
                int value = ((op >> 2) & 0x1f) + 1;
                if (runLength + i > REGISTERS) {
                    break;
                }
                while (runLength-- > 0) {
                    max[i] = Math.max(max[i], value);
                    i++;
                }
                p++;
            }
        }
        return i == REGISTERS;
    }

    /** The histogram of register values of this value; null when the sparse data is corrupt. */
    int[] histogram() {
        int[] histo = new int[64];
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histo[denseGet(buf, HEADER, i)]++;
            }
            return histo;
        }
        int idx = 0;
        int p = HEADER;
        while (p < len) {
            int op = u(p);
            if (isZero(op)) {
                int r = (op & 0x3f) + 1;
                idx += r;
                histo[0] += r;
                p++;
            } else if (isXzero(op)) {
                int r = (((op & 0x3f) << 8) | u(p + 1)) + 1;
                idx += r;
                histo[0] += r;
                p += 2;
            } else {
                int r = (op & 0x3) + 1;
                idx += r;
                histo[((op >> 2) & 0x1f) + 1] += r;
                p++;
            }
        }
        return idx == REGISTERS ? histo : null;
    }

    static int[] histogramOfRegisters(int[] registers) {
        int[] histo = new int[64];
        for (int r : registers) {
            histo[r]++;
        }
        return histo;
    }

    /** Ertl's improved estimator, as hllCount computes it (same operations, same order). */
    static long count(int[] histo) {
        double m = REGISTERS;
        double z = m * tau((m - histo[Q + 1]) / m);
        for (int j = Q; j >= 1; --j) {
            z += histo[j];
            z *= 0.5;
        }
        z += m * sigma(histo[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            double d = 1 - x;
            z -= d * d * y;
        } while (zPrime != z);
        return z / 3;
    }

    /** PFDEBUG DECODE's text of a sparse value. */
    String decode() {
        StringBuilder sb = new StringBuilder();
        int p = HEADER;
        while (p < len) {
            int op = u(p);
            if (isZero(op)) {
                sb.append("z:").append((op & 0x3f) + 1).append(' ');
                p++;
            } else if (isXzero(op)) {
                sb.append("Z:").append((((op & 0x3f) << 8) | (p + 1 < len ? u(p + 1) : 0)) + 1).append(' ');
                p += 2;
            } else {
                sb.append("v:").append(((op >> 2) & 0x1f) + 1).append(',').append((op & 0x3) + 1).append(' ');
                p++;
            }
        }
        return sb.toString().strip();
    }

    /** Register {@code i} of a dense value. */
    int denseRegister(int i) {
        return denseGet(buf, HEADER, i);
    }
}
