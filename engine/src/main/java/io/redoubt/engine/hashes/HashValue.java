package io.redoubt.engine.hashes;

import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.PackedLength;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash value. While small it is a "listpack": ONE packed {@code byte[]} of alternating field and
 * value, each with a {@link PackedLength} prefix, in insertion order (new fields go to the tail,
 * updates stay in place, as in Redis), so HGETALL order matches Redis exactly and a small hash costs
 * one array instead of two per field. It becomes a "hashtable" ({@link ByteTable}) once it holds
 * more than {@code hash-max-listpack-entries} fields or a field or value longer than
 * {@code hash-max-listpack-value} bytes, and never converts back, as in Redis 7.0.
 *
 * <p>Invariant: {@code data} is either the listpack, a {@code byte[]} exactly as long as its
 * {@code count} pairs (one field for both encodings keeps a small hash's object at 16 bytes with
 * compact headers instead of 24), or the {@link ByteTable}; the listpack has exactly as many bytes as
 * its pairs (no spare room: small hashes are many, and a spare tail
 * per hash would cost more than the copy on growth, which Redis pays too).
 */
public final class HashValue implements RedisValue, io.redoubt.engine.keyspace.FieldLookup {
    private static final long HEADER_BYTES = 16; // header, data, count (compact object headers)
    private static final byte[] EMPTY = new byte[0];

    private Object data;  // listpack byte[]: [len]field0 [len]value0 [len]field1 ...; or a ByteTable
    private int count;    // listpack fields

    public HashValue() {
        data = EMPTY;
    }

    private HashValue(HashValue other) {
        if (other.data instanceof ByteTable table) {
            data = table.copy();
        } else {
            byte[] packed = (byte[]) other.data;
            data = packed.length == 0 ? EMPTY : packed.clone();
            count = other.count;
        }
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    public String encoding() {
        return data instanceof ByteTable ? "hashtable" : "listpack";
    }

    @Override
    public long estimatedBytes() {
        return HEADER_BYTES + (data instanceof ByteTable table ? table.estimatedBytes()
                : PackedLength.arrayBytes(((byte[]) data).length));
    }

    @Override
    public HashValue copy() {
        return new HashValue(this);
    }

    public boolean isListpack() {
        return !(data instanceof ByteTable);
    }

    public int size() {
        return data instanceof ByteTable table ? table.size() : count;
    }

    @Override
    public byte[] field(byte[] field) {
        return get(field);
    }

    public byte[] get(byte[] field) {
        // the listpack first: one type check on the path small hashes take
        if (data instanceof byte[] packed) {
            int at = offsetOf(packed, field);
            return at < 0 ? null : element(packed, PackedLength.skip(packed, at));
        }
        return ((ByteTable) data).get(field);
    }

    public boolean contains(byte[] field) {
        return data instanceof byte[] packed ? offsetOf(packed, field) >= 0 : ((ByteTable) data).contains(field);
    }

    /**
     * Converts to a hash table when any of {@code argv[from..to]} is longer than the listpack value
     * limit (Redis's hashTypeTryConversion, run before a write).
     */
    public void convertForLongArguments(byte[][] argv, int from, int to, EncodingLimits limits) {
        if (data instanceof ByteTable) {
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
        if (data instanceof byte[] packed) {
            if (field.length <= limits.hashMaxListpackValue() && value.length <= limits.hashMaxListpackValue()) {
                return setPacked(packed, field, value, limits);
            }
            convert();
        }
        return ((ByteTable) data).put(field, value);
    }

    private boolean setPacked(byte[] packed, byte[] field, byte[] value, EncodingLimits limits) {
        int at = offsetOf(packed, field);
        if (at >= 0) {
            int valueAt = PackedLength.skip(packed, at);
            int oldEnd = PackedLength.skip(packed, valueAt);
            int newSize = PackedLength.size(value.length) + value.length;
            if (newSize == oldEnd - valueAt) {
                System.arraycopy(value, 0, packed, PackedLength.write(packed, valueAt, value.length), value.length);
                return false;
            }
            byte[] grown = new byte[packed.length - (oldEnd - valueAt) + newSize];
            System.arraycopy(packed, 0, grown, 0, valueAt);
            int end = put(grown, valueAt, value);
            System.arraycopy(packed, oldEnd, grown, end, packed.length - oldEnd);
            data = grown;
            return false;
        }
        int tail = packed.length;
        byte[] grown = Arrays.copyOf(packed, tail + PackedLength.size(field.length) + field.length
                + PackedLength.size(value.length) + value.length);
        put(grown, put(grown, tail, field), value);
        data = grown;
        count++;
        if (count > limits.hashMaxListpackEntries()) {
            convert();
        }
        return true;
    }

    /** Removes a field; returns whether it was there. */
    public boolean remove(byte[] field) {
        if (!(data instanceof byte[] packed)) {
            return ((ByteTable) data).remove(field) != null;
        }
        int at = offsetOf(packed, field);
        if (at < 0) {
            return false;
        }
        int end = PackedLength.skip(packed, PackedLength.skip(packed, at));
        byte[] shrunk = new byte[packed.length - (end - at)];
        System.arraycopy(packed, 0, shrunk, 0, at);
        System.arraycopy(packed, end, shrunk, at, packed.length - end);
        data = shrunk.length == 0 ? EMPTY : shrunk;
        count--;
        return true;
    }

    /** Visits every field and value: insertion order for a listpack, table order otherwise. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        if (data instanceof ByteTable table) {
            table.forEach(visitor);
            return;
        }
        byte[] p = (byte[]) data;
        int at = 0;
        for (int i = 0; i < count; i++) {
            int valueAt = PackedLength.skip(p, at);
            visitor.accept(element(p, at), element(p, valueAt));
            at = PackedLength.skip(p, valueAt);
        }
    }

    @Override
    public int touchMember(int arrayHash) {
        return data instanceof ByteTable table ? table.touch(arrayHash) : -1;
    }

    /** The hash table, or null while a listpack (HSCAN walks it with a cursor). */
    public ByteTable table() {
        return data instanceof ByteTable table ? table : null;
    }

    /** Field number {@code i} of a listpack (random picks by position). */
    public byte[] listpackField(int i) {
        byte[] packed = (byte[]) data;
        return element(packed, pairOffset(packed, i));
    }

    public byte[] listpackValue(int i) {
        byte[] packed = (byte[]) data;
        return element(packed, PackedLength.skip(packed, pairOffset(packed, i)));
    }

    /** Bytes of the packed listpack (0 once a hash table), for MEMORY USAGE and tests. */
    public int listpackBytes() {
        return data instanceof byte[] packed ? packed.length : 0;
    }

    private int pairOffset(byte[] packed, int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        int at = 0;
        for (int k = 0; k < i; k++) {
            at = PackedLength.skip(packed, PackedLength.skip(packed, at));
        }
        return at;
    }

    /** The offset of {@code field}'s prefix in the listpack, or -1. */
    private int offsetOf(byte[] p, byte[] field) {
        int at = 0;
        for (int i = 0; i < count; i++) {
            int length = PackedLength.read(p, at);
            int start = at + PackedLength.size(length);
            if (length == field.length && Arrays.equals(p, start, start + length, field, 0, length)) {
                return at;
            }
            int valueAt = start + length;
            at = PackedLength.skip(p, valueAt);
        }
        return -1;
    }

    private static byte[] element(byte[] p, int at) {
        int length = PackedLength.read(p, at);
        int start = at + PackedLength.size(length);
        return Arrays.copyOfRange(p, start, start + length);
    }

    private static int put(byte[] buf, int at, byte[] bytes) {
        int start = PackedLength.write(buf, at, bytes.length);
        System.arraycopy(bytes, 0, buf, start, bytes.length);
        return start + bytes.length;
    }

    private void convert() {
        ByteTable t = new ByteTable(count);
        forEach(t::put);
        data = t;
        count = 0;
    }
}
