package io.redoubt.engine.zsets;

import java.util.Arrays;

/**
 * A small sorted set as two parallel sorted arrays, Redis's {@code listpack} encoding: member lookups
 * are linear scans, as in Redis, which is cheap below zset-max-listpack-entries.
 *
 * <p>Invariant: {@code members[0..size)} and {@code scores[0..size)} are in (score, member) order.
 */
final class ListpackZSet implements ZSetStore {
    private byte[][] members;
    private double[] scores;
    private int size;
    private long bytes;

    ListpackZSet() {
        members = new byte[4][];
        scores = new double[4];
    }

    private ListpackZSet(ListpackZSet o) {
        members = o.members.clone();
        scores = o.scores.clone();
        size = o.size;
        bytes = o.bytes;
    }

    @Override
    public ZSetStore copy() {
        return new ListpackZSet(this);
    }

    @Override
    public int size() {
        return size;
    }

    private int indexOf(byte[] member) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(members[i], member)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double score(byte[] member) {
        int i = indexOf(member);
        return i < 0 ? Double.NaN : scores[i];
    }

    /** The index where (score, member) belongs. */
    private int position(byte[] member, double score) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (SkipListZSet.less(scores[mid], members[mid], score, member)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public void insert(byte[] member, double score) {
        // Redis stores listpack scores as text read back as numbers, so -0 comes back as 0
        if (score == 0) {
            score = 0.0;
        }
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        int p = position(member, score);
        System.arraycopy(members, p, members, p + 1, size - p);
        System.arraycopy(scores, p, scores, p + 1, size - p);
        members[p] = member;
        scores[p] = score;
        size++;
        bytes += member.length + 10;
    }

    @Override
    public void update(byte[] member, double oldScore, double newScore) {
        remove(member);
        insert(member, newScore);
    }

    @Override
    public boolean remove(byte[] member) {
        int i = indexOf(member);
        if (i < 0) {
            return false;
        }
        System.arraycopy(members, i + 1, members, i, size - i - 1);
        System.arraycopy(scores, i + 1, scores, i, size - i - 1);
        size--;
        members[size] = null;
        bytes -= member.length + 10;
        return true;
    }

    @Override
    public long rank(byte[] member) {
        return indexOf(member);
    }

    @Override
    public void visit(int start, int count, boolean reverse, Visitor visitor) {
        for (int k = 0; k < count; k++) {
            int i = reverse ? start - k : start + k;
            visitor.accept(members[i], scores[i]);
        }
    }

    @Override
    public int countScoreBelow(double score, boolean inclusive) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (scores[mid] < score || (inclusive && scores[mid] == score)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int countLexBelow(byte[] member, boolean inclusive) {
        // Lex ranges assume equal scores, as in Redis; scan so unequal scores behave like Redis too.
        int n = 0;
        while (n < size) {
            int c = Arrays.compareUnsigned(members[n], member);
            if (c < 0 || (inclusive && c == 0)) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    @Override
    public int countLexAbove(byte[] member, boolean inclusive) {
        int n = 0;
        while (n < size) {
            int c = Arrays.compareUnsigned(members[size - 1 - n], member);
            if (c > 0 || (inclusive && c == 0)) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    @Override
    public long bytes() {
        return 32 + 12L * members.length + bytes;
    }
}
