package io.redoubt.engine.zsets;

import io.redoubt.engine.keyspace.PackedLength;
import java.util.Arrays;

/**
 * A small sorted set, Redis's {@code listpack} encoding: ONE packed {@code byte[]} of (member, score)
 * entries in (score, member) order. A member is a {@link PackedLength} prefix and its bytes; a score
 * is one tag byte alone for an integer from 0 to 127 (the commonest scores: ranks, counters, flags;
 * Redis's listpack likewise spends one byte on a 7-bit integer), otherwise a tag byte and then one,
 * two or four bytes when it is an integer that fits or the eight bytes of the double. Lookups are linear scans,
 * as in Redis, which is cheap below zset-max-listpack-entries; one array per set instead of two
 * arrays and one object per member is what keeps the memory per set near Redis's.
 *
 * <p>Invariant: {@code packed} holds exactly {@code size} entries, ascending by (score, member),
 * and has no spare room.
 *
 * <p>A {@link SortedSetValue} keeps the packed array and its count in its own fields (one object per
 * small set, not two) and edits them through the static methods here; an instance of this class is
 * a read-only view of them for the queries written against {@link ZSetStore}, or a standalone set in
 * tests.
 */
final class ListpackZSet implements ZSetStore {
    private static final byte[] EMPTY = new byte[0];
    private static final byte INT8 = 1;
    private static final byte INT16 = 2;
    private static final byte INT32 = 4;
    private static final byte DOUBLE = 8;
    /** Tags from 0x80 to 0xFF are the integers 0 to 127 themselves, with no bytes after them. */
    private static final int SMALL = 0x80;
    /** scoreTag's answer for those (never stored as such: the stored tag carries the value). */
    private static final byte SMALL_TAG = 0;

    private byte[] packed;
    private int size;

    ListpackZSet() {
        packed = EMPTY;
    }

    /** A view of a set's packed array holding {@code size} entries. */
    ListpackZSet(byte[] packed, int size) {
        this.packed = packed;
        this.size = size;
    }

    private ListpackZSet(ListpackZSet o) {
        packed = o.packed.length == 0 ? EMPTY : o.packed.clone();
        size = o.size;
    }

    @Override
    public ZSetStore copy() {
        return new ListpackZSet(this);
    }

    @Override
    public int size() {
        return size;
    }

    /** Bytes the score takes after its member, tag included. */
    static int scoreSize(double score) {
        return switch (scoreTag(score)) {
            case SMALL_TAG -> 1;
            case INT8 -> 2;
            case INT16 -> 3;
            case INT32 -> 5;
            default -> 9;
        };
    }

    private static byte scoreTag(double score) {
        if (score >= Integer.MIN_VALUE && score <= Integer.MAX_VALUE && score == Math.rint(score)
                && !(score == 0 && Double.doubleToRawLongBits(score) != 0)) {
            int v = (int) score;
            if (v >= 0 && v < SMALL) {
                return SMALL_TAG;
            }
            if (v == (byte) v) {
                return INT8;
            }
            return v == (short) v ? INT16 : INT32;
        }
        return DOUBLE;
    }

    private static int writeScore(byte[] p, int at, double score) {
        byte tag = scoreTag(score);
        if (tag == SMALL_TAG) {
            p[at++] = (byte) (SMALL | (int) score);
            return at;
        }
        p[at++] = tag;
        if (tag == DOUBLE) {
            long bits = Double.doubleToRawLongBits(score);
            for (int shift = 56; shift >= 0; shift -= 8) {
                p[at++] = (byte) (bits >>> shift);
            }
            return at;
        }
        int v = (int) score;
        for (int shift = (tag - 1) * 8; shift >= 0; shift -= 8) {
            p[at++] = (byte) (v >>> shift);
        }
        return at;
    }

    private static double readScore(byte[] p, int at) {
        byte tag = p[at++];
        if (tag < 0) {
            return tag & 0x7F;
        }
        if (tag == DOUBLE) {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (p[at + i] & 0xFF);
            }
            return Double.longBitsToDouble(bits);
        }
        int v = p[at]; // sign-extended first byte
        for (int i = 1; i < tag; i++) {
            v = (v << 8) | (p[at + i] & 0xFF);
        }
        return v;
    }

    /** The offset of the score of the entry whose member starts at {@code at}. */
    private static int scoreAt(byte[] p, int at) {
        return PackedLength.skip(p, at);
    }

    /** The offset just after the entry starting at {@code at}. */
    private static int next(byte[] p, int at) {
        return afterScore(p, scoreAt(p, at));
    }

    /** The offset just after the score whose tag is at {@code s}. */
    private static int afterScore(byte[] p, int s) {
        byte tag = p[s];
        return s + 1 + (tag < 0 ? 0 : tag);
    }

    private static byte[] member(byte[] p, int at) {
        int length = PackedLength.read(p, at);
        int start = at + PackedLength.size(length);
        return Arrays.copyOfRange(p, start, start + length);
    }

    /** Compares the member at {@code at} with {@code member}, unsigned bytewise. */
    private static int compareMember(byte[] p, int at, byte[] member) {
        int length = PackedLength.read(p, at);
        int start = at + PackedLength.size(length);
        return Arrays.compareUnsigned(p, start, start + length, member, 0, member.length);
    }

    private static boolean memberEquals(byte[] p, int at, byte[] member) {
        int length = PackedLength.read(p, at);
        int start = at + PackedLength.size(length);
        return length == member.length && Arrays.equals(p, start, start + length, member, 0, length);
    }

    /** The offset of every entry, plus the end of the array last. */
    private int[] offsets() {
        int[] out = new int[size + 1];
        int at = 0;
        for (int i = 0; i < size; i++) {
            out[i] = at;
            at = next(packed, at);
        }
        out[size] = at;
        return out;
    }

    /** The offset of {@code member}'s entry among the {@code size} of {@code p}, or -1. */
    private static int offsetOf(byte[] p, int size, byte[] member) {
        int at = 0;
        for (int i = 0; i < size; i++) {
            if (memberEquals(p, at, member)) {
                return at;
            }
            at = next(p, at);
        }
        return -1;
    }

    @Override
    public double score(byte[] member) {
        return score(packed, size, member);
    }

    static double score(byte[] p, int size, byte[] member) {
        int at = offsetOf(p, size, member);
        return at < 0 ? Double.NaN : readScore(p, scoreAt(p, at));
    }

    @Override
    public void insert(byte[] member, double score) {
        packed = insert(packed, size, member, score);
        size++;
    }

    /** {@code p} (of {@code size} entries) with {@code member}, known to be absent, added. */
    static byte[] insert(byte[] p, int size, byte[] member, double score) {
        // Redis stores listpack scores as text read back as numbers, so -0 comes back as 0
        if (score == 0) {
            score = 0.0;
        }
        int at = 0;
        for (int i = 0; i < size; i++) {
            int s = scoreAt(p, at);
            double here = readScore(p, s);
            if (here > score || (here == score && compareMember(p, at, member) > 0)) {
                break;
            }
            at = afterScore(p, s);
        }
        int entry = PackedLength.size(member.length) + member.length + scoreSize(score);
        byte[] grown = new byte[p.length + entry];
        System.arraycopy(p, 0, grown, 0, at);
        int w = PackedLength.write(grown, at, member.length);
        System.arraycopy(member, 0, grown, w, member.length);
        writeScore(grown, w + member.length, score);
        System.arraycopy(p, at, grown, at + entry, p.length - at);
        return grown;
    }

    @Override
    public void update(byte[] member, double oldScore, double newScore) {
        remove(member);
        insert(member, newScore);
    }

    @Override
    public boolean remove(byte[] member) {
        byte[] shrunk = remove(packed, size, member);
        if (shrunk == null) {
            return false;
        }
        packed = shrunk;
        size--;
        return true;
    }

    /** {@code p} (of {@code size} entries) without {@code member}, or null when it is absent. */
    static byte[] remove(byte[] p, int size, byte[] member) {
        int at = offsetOf(p, size, member);
        if (at < 0) {
            return null;
        }
        int end = next(p, at);
        byte[] shrunk = new byte[p.length - (end - at)];
        System.arraycopy(p, 0, shrunk, 0, at);
        System.arraycopy(p, end, shrunk, at, p.length - end);
        return shrunk.length == 0 ? EMPTY : shrunk;
    }

    /** The empty packed array (shared: an empty set has no bytes of its own). */
    static byte[] empty() {
        return EMPTY;
    }

    @Override
    public long rank(byte[] member) {
        return rank(packed, size, member);
    }

    static long rank(byte[] p, int size, byte[] member) {
        int at = 0;
        for (int i = 0; i < size; i++) {
            if (memberEquals(p, at, member)) {
                return i;
            }
            at = next(p, at);
        }
        return -1;
    }

    @Override
    public void visit(int start, int count, boolean reverse, Visitor visitor) {
        if (count <= 0) {
            return;
        }
        byte[] p = packed;
        if (!reverse) {
            int at = 0;
            for (int i = 0; i < start; i++) {
                at = next(p, at);
            }
            for (int k = 0; k < count; k++) {
                int s = scoreAt(p, at);
                visitor.accept(member(p, at), readScore(p, s));
                at = afterScore(p, s);
            }
            return;
        }
        int[] offsets = offsets();
        for (int k = 0; k < count; k++) {
            int at = offsets[start - k];
            visitor.accept(member(p, at), readScore(p, scoreAt(p, at)));
        }
    }

    @Override
    public int countScoreBelow(double score, boolean inclusive) {
        byte[] p = packed;
        int at = 0;
        int n = 0;
        while (n < size) {
            int s = scoreAt(p, at);
            double here = readScore(p, s);
            if (here < score || (inclusive && here == score)) {
                n++;
                at = afterScore(p, s);
            } else {
                break;
            }
        }
        return n;
    }

    @Override
    public int countLexBelow(byte[] member, boolean inclusive) {
        // Lex ranges assume equal scores, as in Redis; scan so unequal scores behave like Redis too.
        byte[] p = packed;
        int at = 0;
        int n = 0;
        while (n < size) {
            int c = compareMember(p, at, member);
            if (c < 0 || (inclusive && c == 0)) {
                n++;
                at = next(p, at);
            } else {
                break;
            }
        }
        return n;
    }

    @Override
    public int countLexAbove(byte[] member, boolean inclusive) {
        int[] offsets = offsets();
        int n = 0;
        while (n < size) {
            int c = compareMember(packed, offsets[size - 1 - n], member);
            if (c > 0 || (inclusive && c == 0)) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    /** Bytes of the packed array, for tests and MEMORY USAGE. */
    int packedBytes() {
        return packed.length;
    }

    @Override
    public long bytes() {
        return 16 + PackedLength.arrayBytes(packed.length);
    }

    /** The packed array (a view's, or a standalone set's for tests). */
    byte[] packed() {
        return packed;
    }
}
