package io.redoubt.engine.zsets;

/**
 * One encoding of a sorted set. Elements are ordered by score, then by member bytes (unsigned), and
 * addressed by 0-based ascending rank. Scores are never NaN, so NaN is used as "absent".
 */
interface ZSetStore {

    /** Receives one element during {@link #visit}. */
    @FunctionalInterface
    interface Visitor {
        void accept(byte[] member, double score);
    }

    int size();

    /** The score of {@code member}, or NaN when it is absent. */
    double score(byte[] member);

    /** Adds a member known to be absent. */
    void insert(byte[] member, double score);

    /** Changes the score of a present member. */
    void update(byte[] member, double oldScore, double newScore);

    /** Removes {@code member}; returns whether it was present. */
    boolean remove(byte[] member);

    /** The 0-based ascending rank of {@code member}, or -1. */
    long rank(byte[] member);

    /**
     * Visits {@code count} elements starting at rank {@code start}, towards higher ranks, or towards
     * lower ranks when {@code reverse}.
     */
    void visit(int start, int count, boolean reverse, Visitor visitor);

    /** How many elements score below {@code score} (or equal too, when {@code inclusive}). */
    int countScoreBelow(double score, boolean inclusive);

    /** How many elements have a member below {@code member} (or equal too, when {@code inclusive}). */
    int countLexBelow(byte[] member, boolean inclusive);

    /**
     * How many trailing elements, counted from the highest rank down until the first that fails,
     * have a member above {@code member} (or equal too, when {@code inclusive}). Reverse lex ranges
     * start from the tail as in Redis, which matters only when members are not in order.
     */
    int countLexAbove(byte[] member, boolean inclusive);

    /** Approximate heap bytes. */
    long bytes();

    /** A deep copy. */
    ZSetStore copy();
}
