package io.redoubt.engine.lists;

import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list as a growable ring buffer of elements: O(1) push and pop at both ends, O(1) access by
 * index, O(n) insertion and removal in the middle. Redis 7.0 reports every list as {@code quicklist}
 * whatever its size, so there is one encoding.
 *
 * <p>Invariant: the live elements are {@code items[(head + i) & mask]} for {@code 0 <= i < size},
 * the capacity is a power of two, and {@code bytes} is the sum of the element array sizes.
 */
public final class ListValue implements SortableValue {
    private static final int MIN_CAPACITY = 8;
    private static final long OVERHEAD = 48;

    private byte[][] items;
    private int head;
    private int size;
    private long bytes;

    /** A list holding {@code elements} in order (SORT ... STORE). */
    public static ListValue of(java.util.List<byte[]> elements) {
        ListValue list = new ListValue();
        for (byte[] e : elements) {
            list.pushTail(e);
        }
        return list;
    }

    public ListValue() {
        items = new byte[MIN_CAPACITY][];
    }

    private ListValue(ListValue other) {
        items = other.items.clone();
        head = other.head;
        size = other.size;
        bytes = other.bytes;
    }

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public long estimatedBytes() {
        return OVERHEAD + 8L * items.length + bytes;
    }

    @Override
    public RedisValue copy() {
        return new ListValue(this);
    }

    @Override
    public List<byte[]> sortElements() {
        List<byte[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private static long cost(byte[] v) {
        return (16 + v.length + 7) & ~7L;
    }

    private int mask() {
        return items.length - 1;
    }

    private void growIfFull() {
        if (size == items.length) {
            byte[][] fresh = new byte[items.length * 2][];
            for (int i = 0; i < size; i++) {
                fresh[i] = items[(head + i) & mask()];
            }
            items = fresh;
            head = 0;
        }
    }

    private void shrinkIfSparse() {
        if (items.length > MIN_CAPACITY && size < items.length / 4) {
            byte[][] fresh = new byte[items.length / 2][];
            for (int i = 0; i < size; i++) {
                fresh[i] = items[(head + i) & mask()];
            }
            items = fresh;
            head = 0;
        }
    }

    public void pushHead(byte[] v) {
        growIfFull();
        head = (head - 1) & mask();
        items[head] = v;
        size++;
        bytes += cost(v);
    }

    public void pushTail(byte[] v) {
        growIfFull();
        items[(head + size) & mask()] = v;
        size++;
        bytes += cost(v);
    }

    /** Removes and returns the first element; the list must not be empty. */
    public byte[] popHead() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & mask();
        size--;
        bytes -= cost(v);
        shrinkIfSparse();
        return v;
    }

    /** Removes and returns the last element; the list must not be empty. */
    public byte[] popTail() {
        int i = (head + size - 1) & mask();
        byte[] v = items[i];
        items[i] = null;
        size--;
        bytes -= cost(v);
        shrinkIfSparse();
        return v;
    }

    /** The element at {@code index} in {@code [0, size)}. */
    public byte[] get(int index) {
        return items[(head + index) & mask()];
    }

    public void set(int index, byte[] v) {
        int i = (head + index) & mask();
        bytes += cost(v) - cost(items[i]);
        items[i] = v;
    }

    /** Inserts {@code v} so that it ends up at {@code index} in {@code [0, size]}. */
    public void insert(int index, byte[] v) {
        if (index == 0) {
            pushHead(v);
            return;
        }
        if (index == size) {
            pushTail(v);
            return;
        }
        growIfFull();
        // shift the tail side right by one
        for (int i = size; i > index; i--) {
            items[(head + i) & mask()] = items[(head + i - 1) & mask()];
        }
        items[(head + index) & mask()] = v;
        size++;
        bytes += cost(v);
    }

    /** Index of the first element equal to {@code v}, or -1. */
    public int indexOf(byte[] v) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(get(i), v)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Removes up to {@code limit} elements equal to {@code v} (0: all), scanning from the head or,
     * when {@code fromTail}, from the tail. Returns how many were removed.
     */
    public int removeMatching(byte[] v, long limit, boolean fromTail) {
        boolean[] drop = new boolean[size];
        int removed = 0;
        for (int k = 0; k < size && (limit == 0 || removed < limit); k++) {
            int i = fromTail ? size - 1 - k : k;
            if (Arrays.equals(get(i), v)) {
                drop[i] = true;
                removed++;
            }
        }
        if (removed == 0) {
            return 0;
        }
        int w = 0;
        for (int r = 0; r < size; r++) {
            byte[] e = get(r);
            if (drop[r]) {
                bytes -= cost(e);
            } else {
                items[(head + w) & mask()] = e;
                w++;
            }
        }
        for (int r = w; r < size; r++) {
            items[(head + r) & mask()] = null;
        }
        size = w;
        shrinkIfSparse();
        return removed;
    }

    /** Keeps only the elements in {@code [start, end]} (valid, non-empty or start > end to clear). */
    public void trim(int start, int end) {
        int keep = start > end ? 0 : end - start + 1;
        for (int i = 0; i < start && i < size; i++) {
            int p = (head + i) & mask();
            bytes -= cost(items[p]);
            items[p] = null;
        }
        for (int i = Math.max(end + 1, start); i < size; i++) {
            int p = (head + i) & mask();
            bytes -= cost(items[p]);
            items[p] = null;
        }
        if (keep == 0) {
            head = 0;
            size = 0;
            bytes = 0;
        } else {
            head = (head + start) & mask();
            size = keep;
        }
        shrinkIfSparse();
    }
}
