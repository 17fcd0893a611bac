package io.redoubt.engine.hashes;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A chained hash table of {@code byte[]} keys with optional {@code byte[]} values: the "hashtable"
 * encoding of hashes (field → value) and sets (member → null).
 *
 * <p>Invariant: the bucket array length is a power of two, so the reverse-binary cursor of
 * {@link #scan} returns every key present for the whole scan at least once even when the table
 * grows or shrinks between calls, as Redis's dictScan guarantees. {@link #estimatedBytes} is kept
 * up to date by every change so callers can report memory deltas in O(1).
 */
public final class ByteTable {
    private static final int MIN_CAPACITY = 4;
    private static final long NODE_BYTES = 32;
    private static final long HEADER_BYTES = 32;

    /** One key of the table; {@code value} is null for set members. */
    public static final class Node {
        final byte[] key;
        byte[] value;
        final int hash;
        Node next;

        Node(byte[] key, byte[] value, int hash) {
            this.key = key;
            this.value = value;
            this.hash = hash;
        }

        public byte[] key() {
            return key;
        }

        public byte[] value() {
            return value;
        }
    }

    private Node[] buckets;
    private int size;
    private long bytes;

    public ByteTable(int expected) {
        int capacity = MIN_CAPACITY;
        // the caller's own element count, never a client-supplied one
        while (capacity < expected && capacity < (1 << 30)) {
            capacity <<= 1;
        }
        buckets = new Node[capacity];
        bytes = HEADER_BYTES + arrayBytes(capacity);
    }

    public int size() {
        return size;
    }

    public long estimatedBytes() {
        return bytes;
    }

    public Node find(byte[] key) {
        int h = hash(key);
        for (Node n = buckets[h & (buckets.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && Arrays.equals(n.key, key)) {
                return n;
            }
        }
        return null;
    }

    public boolean contains(byte[] key) {
        return find(key) != null;
    }

    public byte[] get(byte[] key) {
        Node n = find(key);
        return n == null ? null : n.value;
    }

    /** Sets {@code key} to {@code value}; returns true when the key was added, false when replaced. */
    public boolean put(byte[] key, byte[] value) {
        int h = hash(key);
        int slot = h & (buckets.length - 1);
        for (Node n = buckets[slot]; n != null; n = n.next) {
            if (n.hash == h && Arrays.equals(n.key, key)) {
                bytes += valueBytes(value) - valueBytes(n.value);
                n.value = value;
                return false;
            }
        }
        Node n = new Node(key, value, h);
        n.next = buckets[slot];
        buckets[slot] = n;
        size++;
        bytes += NODE_BYTES + byteArrayBytes(key.length) + valueBytes(value);
        if (size > buckets.length) {
            resize(buckets.length * 2);
        }
        return true;
    }

    /** Replaces the value of a node of this table. */
    public void setValue(Node n, byte[] value) {
        bytes += valueBytes(value) - valueBytes(n.value);
        n.value = value;
    }

    /** Removes {@code key}; returns the removed node or null. */
    public Node remove(byte[] key) {
        int h = hash(key);
        int slot = h & (buckets.length - 1);
        Node prev = null;
        for (Node n = buckets[slot]; n != null; prev = n, n = n.next) {
            if (n.hash == h && Arrays.equals(n.key, key)) {
                if (prev == null) {
                    buckets[slot] = n.next;
                } else {
                    prev.next = n.next;
                }
                n.next = null;
                size--;
                bytes -= NODE_BYTES + byteArrayBytes(key.length) + valueBytes(n.value);
                if (buckets.length > MIN_CAPACITY && size < buckets.length / 8) {
                    resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(size, 1)) * 2));
                }
                return n;
            }
        }
        return null;
    }

    /** Visits every node in table order. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        for (Node head : buckets) {
            for (Node n = head; n != null; n = n.next) {
                visitor.accept(n.key, n.value);
            }
        }
    }

    /**
     * A random node, or null when empty, every node equally likely: a random bucket and a random slot
     * below a bound on chain lengths, drawn again when the slot is past the chain's end. Picking a
     * random node of a random non-empty chain (Redis's dictGetRandomKey) would favour nodes alone in
     * their bucket, twice as likely as those sharing one; Redis's own tests measure the distribution.
     * The bound starts at 4 and rises to any longer chain met (then drawing starts over).
     */
    public Node random(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        int bound = 4;
        while (true) {
            Node head = buckets[random.nextInt(buckets.length)];
            int len = 0;
            for (Node n = head; n != null; n = n.next) {
                len++;
            }
            if (len > bound) {
                bound = len;
                continue;
            }
            int pick = random.nextInt(bound);
            if (pick >= len) {
                continue;
            }
            Node n = head;
            while (pick-- > 0) {
                n = n.next;
            }
            return n;
        }
    }

    /**
     * Visits whole bucket chains from {@code cursor} until at least {@code count} nodes were visited,
     * {@code count * 10} buckets were tried or the table is done; returns the next cursor (0: done).
     */
    public long scan(long cursor, long count, BiConsumer<byte[], byte[]> visitor) {
        if (size == 0) {
            return 0;
        }
        long mask = buckets.length - 1;
        long v = cursor;
        long visited = 0;
        long budget = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            for (Node n = buckets[(int) (v & mask)]; n != null; n = n.next) {
                visitor.accept(n.key, n.value);
                visited++;
            }
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        } while (v != 0 && budget-- > 0 && visited < count);
        return v;
    }

    /** A deep copy (keys and values are immutable arrays, so they are shared). */
    public ByteTable copy() {
        ByteTable t = new ByteTable(size);
        forEach(t::put);
        return t;
    }

    private void resize(int capacity) {
        Node[] fresh = new Node[capacity];
        int m = capacity - 1;
        for (Node head : buckets) {
            Node n = head;
            while (n != null) {
                Node next = n.next;
                int slot = n.hash & m;
                n.next = fresh[slot];
                fresh[slot] = n;
                n = next;
            }
        }
        bytes += arrayBytes(capacity) - arrayBytes(buckets.length);
        buckets = fresh;
    }

    /** Reads the first node of the bucket for a key of this array hash, changing nothing; see {@code RedisValue#touchMember}. */
    public int touch(int arrayHash) {
        Node n = buckets[mix(arrayHash) & (buckets.length - 1)];
        if (n == null) {
            return 0;
        }
        return n.key.length + (n.value == null ? 0 : n.value.length);
    }

    private static int hash(byte[] key) {
        return mix(Arrays.hashCode(key));
    }

    private static int mix(int arrayHash) {
        int h = arrayHash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    private static long arrayBytes(int length) {
        return (16 + 4L * length + 7) & ~7L;
    }

    /** Heap bytes of a {@code byte[]} of {@code length}. */
    public static long byteArrayBytes(int length) {
        return (16 + (long) length + 7) & ~7L;
    }

    private static long valueBytes(byte[] value) {
        return value == null ? 0 : byteArrayBytes(value.length);
    }
}
