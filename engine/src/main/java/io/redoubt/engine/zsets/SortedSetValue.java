package io.redoubt.engine.zsets;

import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * A sorted set in one of Redis's two encodings. It starts as {@code listpack} and becomes
 * {@code skiplist} for good once it holds more than zset-max-listpack-entries members or a member
 * longer than zset-max-listpack-value bytes; it only goes back where Redis does (results built by
 * ZRANGESTORE and the Z*STORE set operations, see {@link #compactIfSmall}).
 */
public final class SortedSetValue implements SortableValue {
    private ZSetStore store;

    private SortedSetValue(ZSetStore store) {
        this.store = store;
    }

    /** An empty set in the encoding Redis picks for a set about to receive {@code firstMember}. */
    public static SortedSetValue forFirstMember(EncodingLimits limits, byte[] firstMember) {
        boolean big = limits.zsetMaxListpackEntries() == 0 || firstMember.length > limits.zsetMaxListpackValue();
        return new SortedSetValue(big ? new BTreeZSet() : new ListpackZSet());
    }

    /** An empty set in the listpack encoding (it converts itself as it grows). */
    public static SortedSetValue empty() {
        return new SortedSetValue(new ListpackZSet());
    }

    /** An empty set in the skiplist encoding, for results known to be large. */
    public static SortedSetValue emptySkiplist() {
        return new SortedSetValue(new BTreeZSet());
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public String encoding() {
        // Redis's name for its large encoding, whatever structure holds the set here (a B+tree)
        return store instanceof ListpackZSet ? "listpack" : "skiplist";
    }

    @Override
    public long estimatedBytes() {
        return 24 + store.bytes();
    }

    @Override
    public RedisValue copy() {
        return new SortedSetValue(store.copy());
    }

    @Override
    public List<byte[]> sortElements() {
        List<byte[]> out = new ArrayList<>(store.size());
        store.visit(0, store.size(), false, (m, s) -> out.add(m));
        return out;
    }

    ZSetStore store() {
        return store;
    }

    public int size() {
        return store.size();
    }

    /** Visits every member with its score in ascending order (RDB files and DUMP payloads). */
    public void forEachAscending(java.util.function.ObjDoubleConsumer<byte[]> visitor) {
        store.visit(0, store.size(), false, visitor::accept);
    }

    /** The score of {@code member}, NaN when absent. */
    public double score(byte[] member) {
        return store.score(member);
    }

    /** Adds a member known to be absent, converting to skiplist first when the limits say so. */
    public void insert(byte[] member, double score, EncodingLimits limits) {
        if (store instanceof ListpackZSet
                && (store.size() + 1 > limits.zsetMaxListpackEntries() || member.length > limits.zsetMaxListpackValue())) {
            BTreeZSet big = new BTreeZSet();
            store.visit(0, store.size(), false, big::insert);
            store = big;
        }
        store.insert(member, score);
    }

    public void update(byte[] member, double oldScore, double newScore) {
        store.update(member, oldScore, newScore);
    }

    public boolean remove(byte[] member) {
        return store.remove(member);
    }

    public long rank(byte[] member) {
        return store.rank(member);
    }

    /**
     * Goes back to listpack when the set is small enough, as Redis does for freshly built results
     * ({@code zsetConvertToListpackIfNeeded}).
     */
    public void compactIfSmall(EncodingLimits limits) {
        if (store instanceof BTreeZSet && store.size() <= limits.zsetMaxListpackEntries()) {
            int[] longest = {0};
            store.visit(0, store.size(), false, (m, s) -> longest[0] = Math.max(longest[0], m.length));
            if (longest[0] <= limits.zsetMaxListpackValue()) {
                ListpackZSet small = new ListpackZSet();
                store.visit(0, store.size(), false, small::insert);
                store = small;
            }
        }
    }

    /**
     * Visits the members scoring in {@code [min, max)} in ascending (score, member) order; the geo
     * commands read a sorted set's geohash boxes this way.
     */
    public void visitScoreRange(double min, double max, java.util.function.ObjDoubleConsumer<byte[]> visitor) {
        int first = store.countScoreBelow(min, false);
        int end = store.countScoreBelow(max, false);
        if (end > first) {
            store.visit(first, end - first, false, visitor::accept);
        }
    }

    /** ZSCAN over this set: returns the next cursor. */
    public long scan(long cursor, int count, java.util.function.BiConsumer<byte[], Double> visitor) {
        if (store instanceof BTreeZSet big) {
            return big.scan(cursor, count, visitor);
        }
        store.visit(0, store.size(), false, (m, s) -> visitor.accept(m, s));
        return 0;
    }
}
