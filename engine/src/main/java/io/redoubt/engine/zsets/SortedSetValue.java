package io.redoubt.engine.zsets;

import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.PackedLength;
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
 *
 * <p>While a listpack the packed array and its count are this object's own fields, edited through
 * {@link ListpackZSet}'s static methods: small sorted sets are many, and one object per set instead
 * of a value wrapping a store saves 16 bytes each (compact object headers).
 */
public final class SortedSetValue implements SortableValue {
    private Object data; // listpack: the packed byte[] (see ListpackZSet); skiplist: a BTreeZSet
    private int size;    // listpack entries

    private SortedSetValue(Object data, int size) {
        this.data = data;
        this.size = size;
    }

    /** An empty set in the encoding Redis picks for a set about to receive {@code firstMember}. */
    public static SortedSetValue forFirstMember(EncodingLimits limits, byte[] firstMember) {
        boolean big = limits.zsetMaxListpackEntries() == 0 || firstMember.length > limits.zsetMaxListpackValue();
        return big ? emptySkiplist() : empty();
    }

    /** An empty set in the listpack encoding (it converts itself as it grows). */
    public static SortedSetValue empty() {
        return new SortedSetValue(ListpackZSet.empty(), 0);
    }

    /** An empty set in the skiplist encoding, for results known to be large. */
    public static SortedSetValue emptySkiplist() {
        return new SortedSetValue(new BTreeZSet(), 0);
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public String encoding() {
        // Redis's name for its large encoding, whatever structure holds the set here (a B+tree)
        return data instanceof byte[] ? "listpack" : "skiplist";
    }

    @Override
    public long estimatedBytes() {
        return 16 + (data instanceof byte[] packed ? PackedLength.arrayBytes(packed.length) : ((BTreeZSet) data).bytes());
    }

    @Override
    public RedisValue copy() {
        if (data instanceof byte[] packed) {
            return new SortedSetValue(packed.length == 0 ? packed : packed.clone(), size);
        }
        return new SortedSetValue(((BTreeZSet) data).copy(), 0);
    }

    @Override
    public List<byte[]> sortElements() {
        List<byte[]> out = new ArrayList<>(size());
        store().visit(0, size(), false, (m, s) -> out.add(m));
        return out;
    }

    /**
     * The set for queries: the B+tree, or a view of the listpack that is valid until the next change
     * (callers query, then change through this value).
     */
    ZSetStore store() {
        return data instanceof byte[] packed ? new ListpackZSet(packed, size) : (BTreeZSet) data;
    }

    public int size() {
        return data instanceof byte[] ? size : ((BTreeZSet) data).size();
    }

    /** Visits every member with its score in ascending order (RDB files and DUMP payloads). */
    public void forEachAscending(java.util.function.ObjDoubleConsumer<byte[]> visitor) {
        store().visit(0, size(), false, visitor::accept);
    }

    /** The score of {@code member}, NaN when absent. */
    public double score(byte[] member) {
        return data instanceof byte[] packed ? ListpackZSet.score(packed, size, member) : ((BTreeZSet) data).score(member);
    }

    /** Adds a member known to be absent, converting to skiplist first when the limits say so. */
    public void insert(byte[] member, double score, EncodingLimits limits) {
        if (data instanceof byte[] packed) {
            if (size + 1 <= limits.zsetMaxListpackEntries() && member.length <= limits.zsetMaxListpackValue()) {
                data = ListpackZSet.insert(packed, size, member, score);
                size++;
                return;
            }
            BTreeZSet big = new BTreeZSet();
            new ListpackZSet(packed, size).visit(0, size, false, big::insert);
            data = big;
            size = 0;
        }
        ((BTreeZSet) data).insert(member, score);
    }

    public void update(byte[] member, double oldScore, double newScore) {
        if (data instanceof byte[] packed) {
            byte[] without = ListpackZSet.remove(packed, size, member);
            if (without != null) {
                data = ListpackZSet.insert(without, size - 1, member, newScore);
            }
            return;
        }
        ((BTreeZSet) data).update(member, oldScore, newScore);
    }

    public boolean remove(byte[] member) {
        if (data instanceof byte[] packed) {
            byte[] without = ListpackZSet.remove(packed, size, member);
            if (without == null) {
                return false;
            }
            data = without;
            size--;
            return true;
        }
        return ((BTreeZSet) data).remove(member);
    }

    public long rank(byte[] member) {
        return data instanceof byte[] packed ? ListpackZSet.rank(packed, size, member) : ((BTreeZSet) data).rank(member);
    }

    /**
     * Goes back to listpack when the set is small enough, as Redis does for freshly built results
     * ({@code zsetConvertToListpackIfNeeded}).
     */
    public void compactIfSmall(EncodingLimits limits) {
        if (data instanceof BTreeZSet big && big.size() <= limits.zsetMaxListpackEntries()) {
            int[] longest = {0};
            big.visit(0, big.size(), false, (m, s) -> longest[0] = Math.max(longest[0], m.length));
            if (longest[0] <= limits.zsetMaxListpackValue()) {
                ListpackZSet small = new ListpackZSet();
                big.visit(0, big.size(), false, small::insert);
                data = small.packed();
                size = small.size();
            }
        }
    }

    /**
     * Visits the members scoring in {@code [min, max)} in ascending (score, member) order; the geo
     * commands read a sorted set's geohash boxes this way.
     */
    public void visitScoreRange(double min, double max, java.util.function.ObjDoubleConsumer<byte[]> visitor) {
        ZSetStore store = store();
        int first = store.countScoreBelow(min, false);
        int end = store.countScoreBelow(max, false);
        if (end > first) {
            store.visit(first, end - first, false, visitor::accept);
        }
    }

    /** ZSCAN over this set: returns the next cursor. */
    public long scan(long cursor, int count, java.util.function.BiConsumer<byte[], Double> visitor) {
        if (data instanceof BTreeZSet big) {
            return big.scan(cursor, count, visitor);
        }
        store().visit(0, size, false, (m, s) -> visitor.accept(m, s));
        return 0;
    }
}
