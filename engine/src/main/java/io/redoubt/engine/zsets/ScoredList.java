package io.redoubt.engine.zsets;

import io.redoubt.resp.ReplySink;
import java.util.Arrays;

/** Members with their scores collected for one reply, in reply order. Grows as elements arrive. */
public final class ScoredList {
    private byte[][] members = new byte[8][];
    private double[] scores = new double[8];
    private int size;

    public void add(byte[] member, double score) {
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        members[size] = member;
        scores[size] = score;
        size++;
    }

    public int size() {
        return size;
    }

    public byte[] member(int i) {
        return members[i];
    }

    public double score(int i) {
        return scores[i];
    }

    /**
     * Writes the elements as range replies do: members only, or member/score pairs, flat in RESP2
     * and one two-element array per pair in RESP3.
     */
    public void reply(ReplySink r, boolean withScores) {
        reply(r, withScores, r.protocol() == 3);
    }

    /** Like {@link #reply(ReplySink, boolean)} with the pair nesting chosen by the caller. */
    public void reply(ReplySink r, boolean withScores, boolean pairs) {
        if (!withScores) {
            r.array(size);
            for (int i = 0; i < size; i++) {
                r.bulk(members[i]);
            }
            return;
        }
        r.array(pairs ? size : size * 2);
        for (int i = 0; i < size; i++) {
            if (pairs) {
                r.array(2);
            }
            r.bulk(members[i]);
            r.doubleValue(scores[i]);
        }
    }
}
