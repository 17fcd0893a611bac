package io.redoubt.engine.sets;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.hashes.ByteTable;
import io.redoubt.engine.keyspace.PackedLength;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A set value. While every member is an integer (Redis's string2ll form) and there are at most
 * {@code set-max-intset-entries}, it is an "intset": a {@link PackedIntset} (ascending values of
 * 2, 4 or 8 bytes each, as Redis packs them), so iteration is in ascending order exactly as Redis's. Otherwise it is a "hashtable" ({@link ByteTable} with null
 * values). The conversion is one way, as in Redis 7.0.
 *
 * <p>Invariant: exactly one of {@code ints} and {@code table} is non-null.
 */
public final class SetValue implements SortableValue {
    private static final long HEADER_BYTES = 24;

    private PackedIntset ints;
    private ByteTable table;

    private SetValue(boolean intset, int expected) {
        if (intset) {
            ints = new PackedIntset();
        } else {
            table = new ByteTable(expected);
        }
    }

    /** An empty set in the encoding Redis picks for a set whose first member is {@code first}. */
    public static SetValue createFor(byte[] first) {
        return new SetValue(Args.isLong(first), 0);
    }

    /** An empty intset: results of SINTERSTORE and friends start as one, as Redis's do. */
    public static SetValue createIntset() {
        return new SetValue(true, 0);
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public String encoding() {
        return table == null ? "intset" : "hashtable";
    }

    @Override
    public int touchMember(int arrayHash) {
        return table == null ? -1 : table.touch(arrayHash);
    }

    @Override
    public long estimatedBytes() {
        return HEADER_BYTES + (table == null ? 16 + PackedLength.arrayBytes(ints.packedBytes()) : table.estimatedBytes());
    }

    @Override
    public SetValue copy() {
        SetValue s = new SetValue(table == null, 0);
        if (table == null) {
            s.ints = ints.copy();
        } else {
            s.table = table.copy();
        }
        return s;
    }

    @Override
    public List<byte[]> sortElements() {
        List<byte[]> out = new ArrayList<>(size());
        forEach(out::add);
        return out;
    }

    public boolean isIntset() {
        return table == null;
    }

    public int size() {
        return table == null ? ints.size() : table.size();
    }

    public boolean contains(byte[] member) {
        if (table != null) {
            return table.contains(member);
        }
        Long v = Args.parseLongOrNull(member);
        return v != null && ints.search(v) >= 0;
    }

    /** Adds a member; returns whether it was new. */
    public boolean add(byte[] member, int maxIntsetEntries) {
        if (table != null) {
            return table.put(member, null);
        }
        Long v = Args.parseLongOrNull(member);
        if (v == null) {
            convert();
            return table.put(member, null);
        }
        if (!ints.add(v)) {
            return false;
        }
        if (ints.size() > maxIntsetEntries) {
            convert();
        }
        return true;
    }

    /** Removes a member; returns whether it was there. */
    public boolean remove(byte[] member) {
        if (table != null) {
            return table.remove(member) != null;
        }
        Long v = Args.parseLongOrNull(member);
        if (v == null) {
            return false;
        }
        int at = ints.search(v);
        if (at < 0) {
            return false;
        }
        ints.removeAt(at);
        return true;
    }

    /** Visits every member: ascending for an intset, table order otherwise. */
    public void forEach(Consumer<byte[]> visitor) {
        if (table != null) {
            table.forEach((k, v) -> visitor.accept(k));
            return;
        }
        for (int i = 0; i < ints.size(); i++) {
            visitor.accept(Args.bytes(ints.get(i)));
        }
    }

    /** A random member, or null when empty. */
    public byte[] random(RandomGenerator random) {
        if (size() == 0) {
            return null;
        }
        return table == null ? Args.bytes(ints.get(random.nextInt(ints.size()))) : table.random(random).key();
    }

    /** Removes and returns a random member, or null when empty. */
    public byte[] pop(RandomGenerator random) {
        if (size() == 0) {
            return null;
        }
        if (table == null) {
            int at = random.nextInt(ints.size());
            byte[] m = Args.bytes(ints.get(at));
            ints.removeAt(at);
            return m;
        }
        byte[] m = table.random(random).key();
        table.remove(m);
        return m;
    }

    /** The hash table, or null while an intset (SSCAN walks it with a cursor). */
    public ByteTable table() {
        return table;
    }

    private void convert() {
        ByteTable t = new ByteTable(ints.size() + 1);
        for (int i = 0; i < ints.size(); i++) {
            t.put(Args.bytes(ints.get(i)), null);
        }
        table = t;
        ints = null;
    }
}
