package io.redoubt.engine.hashes;

import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash value. While small it is a "listpack": one flat array of alternating field and value, in
 * insertion order (new fields go to the tail, updates stay in place, as in Redis), so HGETALL order
 * matches Redis exactly. It becomes a "hashtable" ({@link ByteTable}) once it holds more than
 * {@code hash-max-listpack-entries} fields or a field or value longer than
 * {@code hash-max-listpack-value} bytes, and never converts back, as in Redis 7.0.
 *
 * <p>Invariant: exactly one of {@code flat} and {@code table} is non-null; {@code bytes} always
 * equals the estimate of the current representation.
 */
public final class HashValue implements RedisValue, io.redoubt.engine.keyspace.FieldLookup {
    private static final long HEADER_BYTES = 24;

    private byte[][] flat;   // listpack: field0, value0, field1, value1, ...
    private int count;       // listpack fields
    private ByteTable table; // hashtable
    private long bytes;

    public HashValue() {
        flat = new byte[4][];
        bytes = HEADER_BYTES + refArrayBytes(flat.length);
    }

    private HashValue(HashValue other) {
        if (other.table != null) {
            table = other.table.copy();
        } else {
            flat = Arrays.copyOf(other.flat, other.flat.length);
            count = other.count;
        }
        bytes = other.table != null ? HEADER_BYTES + table.estimatedBytes() : other.bytes;
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    @Override
    public long estimatedBytes() {
        return table == null ? bytes : HEADER_BYTES + table.estimatedBytes();
    }

    @Override
    public HashValue copy() {
        return new HashValue(this);
    }

    public boolean isListpack() {
        return table == null;
    }

    public int size() {
        return table == null ? count : table.size();
    }

    @Override
    public byte[] field(byte[] field) {
        return get(field);
    }

    public byte[] get(byte[] field) {
        if (table != null) {
            return table.get(field);
        }
        int i = indexOf(field);
        return i < 0 ? null : flat[i + 1];
    }

    public boolean contains(byte[] field) {
        return table != null ? table.contains(field) : indexOf(field) >= 0;
    }

    /**
     * Converts to a hash table when any of {@code argv[from..to]} is longer than the listpack value
     * limit (Redis's hashTypeTryConversion, run before a write).
     */
    public void convertForLongArguments(byte[][] argv, int from, int to, EncodingLimits limits) {
        if (table != null) {
            return;
        }
        for (int i = from; i <= to; i++) {
            if (argv[i].length > limits.hashMaxListpackValue()) {
                convert();
                return;
            }
        }
    }

    /** Sets a field; returns true when it was added, false when its value was replaced. */
    public boolean set(byte[] field, byte[] value, EncodingLimits limits) {
        if (table == null && (field.length > limits.hashMaxListpackValue()
                || value.length > limits.hashMaxListpackValue())) {
            convert();
        }
        if (table != null) {
            return table.put(field, value);
        }
        int i = indexOf(field);
        if (i >= 0) {
            bytes += ByteTable.byteArrayBytes(value.length) - ByteTable.byteArrayBytes(flat[i + 1].length);
            flat[i + 1] = value;
            return false;
        }
        if (2 * count + 2 > flat.length) {
            int capacity = flat.length * 2;
            bytes += refArrayBytes(capacity) - refArrayBytes(flat.length);
            flat = Arrays.copyOf(flat, capacity);
        }
        flat[2 * count] = field;
        flat[2 * count + 1] = value;
        count++;
        bytes += ByteTable.byteArrayBytes(field.length) + ByteTable.byteArrayBytes(value.length);
        if (count > limits.hashMaxListpackEntries()) {
            convert();
        }
        return true;
    }

    /** Removes a field; returns whether it was there. */
    public boolean remove(byte[] field) {
        if (table != null) {
            return table.remove(field) != null;
        }
        int i = indexOf(field);
        if (i < 0) {
            return false;
        }
        bytes -= ByteTable.byteArrayBytes(flat[i].length) + ByteTable.byteArrayBytes(flat[i + 1].length);
        System.arraycopy(flat, i + 2, flat, i, 2 * count - i - 2);
        count--;
        flat[2 * count] = null;
        flat[2 * count + 1] = null;
        return true;
    }

    /** Visits every field and value: insertion order for a listpack, table order otherwise. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        if (table != null) {
            table.forEach(visitor);
            return;
        }
        for (int i = 0; i < 2 * count; i += 2) {
            visitor.accept(flat[i], flat[i + 1]);
        }
    }

    /** The hash table, or null while a listpack (HSCAN walks it with a cursor). */
    public ByteTable table() {
        return table;
    }

    /** Field number {@code i} of a listpack (random picks by position). */
    public byte[] listpackField(int i) {
        return flat[2 * i];
    }

    public byte[] listpackValue(int i) {
        return flat[2 * i + 1];
    }

    private int indexOf(byte[] field) {
        for (int i = 0; i < 2 * count; i += 2) {
            if (Arrays.equals(flat[i], field)) {
                return i;
            }
        }
        return -1;
    }

    private void convert() {
        ByteTable t = new ByteTable(count);
        for (int i = 0; i < 2 * count; i += 2) {
            t.put(flat[i], flat[i + 1]);
        }
        table = t;
        flat = null;
        count = 0;
        bytes = 0;
    }

    private static long refArrayBytes(int length) {
        return (16 + 4L * length + 7) & ~7L;
    }
}
