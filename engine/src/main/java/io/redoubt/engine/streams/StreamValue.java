package io.redoubt.engine.streams;

import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A stream: entries ordered by ID, held in nodes of consecutive entries as Redis holds them in
 * listpacks under a radix tree. Nodes matter for behaviour, not only for memory: approximate
 * trimming ({@code ~}) removes whole nodes only, and deleted entries stay in their node as
 * tombstones until the whole node is empty, so node boundaries must fall where Redis puts them
 * (a new node starts when the tail node holds stream-node-max-entries entries, live or deleted).
 * Invariant: every node holds at least one live entry or is the only place its tombstones are.
 */
public final class StreamValue implements RedisValue {
    /** Consecutive entries; ids ascending; deleted entries keep their slot. */
    static final class Node {
        long[] ms = new long[4];
        long[] seq = new long[4];
        byte[][][] fields = new byte[4][][];
        boolean[] deleted = new boolean[4];
        int size;
        int live;
        /** Field names of the node's master entry (the first entry's fields). */
        byte[][] masterFields;
        /** Bytes of Redis's listpack for this node, except the live and deleted counters. */
        long lpOther;

        /** The size Redis's listpack for this node would have (lpBytes). */
        long listpackBytes() {
            return lpOther + Listpack.intEntrySize(live) + Listpack.intEntrySize(size - live);
        }

        void append(long m, long s, byte[][] fv) {
            if (size == ms.length) {
                int n = size * 2;
                ms = Arrays.copyOf(ms, n);
                seq = Arrays.copyOf(seq, n);
                fields = Arrays.copyOf(fields, n);
                deleted = Arrays.copyOf(deleted, n);
            }
            ms[size] = m;
            seq[size] = s;
            fields[size] = fv;
            size++;
            live++;
        }

        int compareAt(int i, StreamId id) {
            int c = Long.compareUnsigned(ms[i], id.ms());
            return c != 0 ? c : Long.compareUnsigned(seq[i], id.seq());
        }

        /** Index of the first slot with id >= {@code id} (size when none). */
        int lowerBound(StreamId id) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compareAt(mid, id) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        StreamId idAt(int i) {
            return new StreamId(ms[i], seq[i]);
        }

        Node copy() {
            Node n = new Node();
            n.ms = ms.clone();
            n.seq = seq.clone();
            n.fields = fields.clone();
            n.deleted = deleted.clone();
            n.size = size;
            n.live = live;
            n.masterFields = masterFields;
            n.lpOther = lpOther;
            return n;
        }
    }

    /** Receives entries during a range walk; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(StreamId id, byte[][] fieldsAndValues);
    }

    private static final int ENTRY_OVERHEAD = 48;

    final TreeMap<StreamId, Node> nodes = new TreeMap<>();
    private long length;
    private StreamId lastId = StreamId.ZERO;
    private StreamId maxDeletedId = StreamId.ZERO;
    private long entriesAdded;
    private long bytes = 64;
    final TreeMap<byte[], ConsumerGroup> groups = new TreeMap<>(Arrays::compareUnsigned);

    @Override
    public ValueType type() {
        return ValueType.STREAM;
    }

    @Override
    public String encoding() {
        return "stream";
    }

    @Override
    public long estimatedBytes() {
        return bytes;
    }

    @Override
    public RedisValue copy() {
        StreamValue c = new StreamValue();
        for (Map.Entry<StreamId, Node> e : nodes.entrySet()) {
            c.nodes.put(e.getKey(), e.getValue().copy());
        }
        c.length = length;
        c.lastId = lastId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        c.bytes = bytes;
        for (Map.Entry<byte[], ConsumerGroup> g : groups.entrySet()) {
            c.groups.put(g.getKey(), g.getValue().copy());
        }
        return c;
    }

    public long length() {
        return length;
    }

    public StreamId lastId() {
        return lastId;
    }

    public void lastId(StreamId id) {
        lastId = id;
    }

    public StreamId maxDeletedId() {
        return maxDeletedId;
    }

    public void maxDeletedId(StreamId id) {
        maxDeletedId = id;
    }

    public long entriesAdded() {
        return entriesAdded;
    }

    public void entriesAdded(long n) {
        entriesAdded = n;
    }

    /** Number of nodes (radix-tree-nodes / listpacks in XINFO STREAM FULL). */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * Appends an entry whose ID is greater than {@link #lastId()}; counts it as added. Starts a new
     * node exactly when Redis's streamAppendItem starts a new listpack: when the tail listpack plus
     * the new strings would reach {@code nodeMaxBytes}, or the tail holds {@code nodeMaxEntries}
     * entries, live or deleted.
     */
    public void append(StreamId id, byte[][] fv, int nodeMaxEntries, int nodeMaxBytes) {
        Map.Entry<StreamId, Node> tail = nodes.lastEntry();
        Node node = tail == null ? null : tail.getValue();
        long maxBytes = nodeMaxBytes <= 0 || nodeMaxBytes > Listpack.MAX_SIZE ? Listpack.MAX_SIZE : nodeMaxBytes;
        long stringBytes = 0;
        for (byte[] x : fv) {
            stringBytes += x.length;
        }
        if (node != null && (node.listpackBytes() + stringBytes >= maxBytes
                || nodeMaxEntries > 0 && node.size >= nodeMaxEntries)) {
            node = null;
        }
        StreamId master;
        if (node == null) {
            node = new Node();
            nodes.put(id, node);
            master = id;
            int numFields = fv.length / 2;
            node.masterFields = new byte[numFields][];
            node.lpOther = Listpack.HEADER_AND_END + Listpack.intEntrySize(numFields) + Listpack.intEntrySize(0);
            for (int i = 0; i < numFields; i++) {
                node.masterFields[i] = fv[2 * i];
                node.lpOther += Listpack.stringEntrySize(fv[2 * i]);
            }
        } else {
            master = tail.getKey();
        }
        node.lpOther += Listpack.streamEntrySize(id, master, fv, node.masterFields);
        node.append(id.ms(), id.seq(), fv);
        long b = ENTRY_OVERHEAD;
        for (byte[] x : fv) {
            b += 16 + x.length;
        }
        bytes += b;
        length++;
        entriesAdded++;
        lastId = id;
    }

    /**
     * Adds a node rebuilt from a file (RDB, RESTORE) after the existing ones, counting its live
     * entries in the length and the memory estimate as {@link #append} would have.
     */
    void putLoadedNode(StreamId master, Node n) {
        nodes.put(master, n);
        for (int i = 0; i < n.size; i++) {
            if (!n.deleted[i]) {
                long b = ENTRY_OVERHEAD;
                for (byte[] x : n.fields[i]) {
                    b += 16 + x.length;
                }
                bytes += b;
                length++;
            }
        }
    }

    /** The fields and values of the live entry {@code id}, or null. */
    public byte[][] get(StreamId id) {
        Map.Entry<StreamId, Node> e = nodes.floorEntry(id);
        if (e == null) {
            return null;
        }
        Node n = e.getValue();
        int i = n.lowerBound(id);
        if (i < n.size && n.compareAt(i, id) == 0 && !n.deleted[i]) {
            return n.fields[i];
        }
        return null;
    }

    /** Deletes a live entry (a tombstone in its node); returns false when there is none. */
    public boolean delete(StreamId id) {
        Map.Entry<StreamId, Node> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        Node n = e.getValue();
        int i = n.lowerBound(id);
        if (i >= n.size || n.compareAt(i, id) != 0 || n.deleted[i]) {
            return false;
        }
        markDeleted(n, i);
        if (n.live == 0) {
            nodes.remove(e.getKey());
        }
        return true;
    }

    private void markDeleted(Node n, int i) {
        long b = ENTRY_OVERHEAD;
        for (byte[] x : n.fields[i]) {
            b += 16 + x.length;
        }
        bytes -= b;
        n.deleted[i] = true;
        n.fields[i] = null;
        n.live--;
        length--;
    }

    /** The first live entry's ID, or 0-0 when empty. */
    public StreamId firstId() {
        for (Node n : nodes.values()) {
            for (int i = 0; i < n.size; i++) {
                if (!n.deleted[i]) {
                    return n.idAt(i);
                }
            }
        }
        return StreamId.ZERO;
    }

    /** The last live entry's ID, or 0-0 when empty. */
    public StreamId lastValidId() {
        for (Node n : nodes.descendingMap().values()) {
            for (int i = n.size - 1; i >= 0; i--) {
                if (!n.deleted[i]) {
                    return n.idAt(i);
                }
            }
        }
        return StreamId.ZERO;
    }

    /** Walks live entries with {@code start <= id <= end}, ascending or descending. */
    public void range(StreamId start, StreamId end, boolean rev, Visitor v) {
        if (start.compareTo(end) > 0) {
            return;
        }
        if (!rev) {
            Map.Entry<StreamId, Node> first = nodes.floorEntry(start);
            NavigableMap<StreamId, Node> tail = first == null ? nodes.tailMap(start, true)
                    : nodes.tailMap(first.getKey(), true);
            for (Node n : tail.values()) {
                for (int i = n.lowerBound(start); i < n.size; i++) {
                    if (n.compareAt(i, end) > 0) {
                        return;
                    }
                    if (!n.deleted[i] && !v.visit(n.idAt(i), n.fields[i])) {
                        return;
                    }
                }
            }
        } else {
            for (Node n : nodes.headMap(end, true).descendingMap().values()) {
                int i = n.lowerBound(end);
                if (i == n.size || n.compareAt(i, end) > 0) {
                    i--;
                }
                for (; i >= 0; i--) {
                    if (n.compareAt(i, start) < 0) {
                        return;
                    }
                    if (!n.deleted[i] && !v.visit(n.idAt(i), n.fields[i])) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Trims as Redis's streamTrim: whole nodes from the head while they may go, then (unless
     * {@code approx}) single entries of the next node. {@code maxLen < 0} means trim by
     * {@code minId}. {@code limit} 0 means no limit. Returns the number of entries removed.
     */
    public long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        long deleted = 0;
        Iterator<Map.Entry<StreamId, Node>> it = nodes.entrySet().iterator();
        while (it.hasNext()) {
            if (maxLen >= 0 && length <= maxLen) {
                break;
            }
            Node n = it.next().getValue();
            long entries = n.live;
            if (limit > 0 && deleted + entries > limit) {
                break;
            }
            boolean removeNode = maxLen >= 0 ? length - entries >= maxLen
                    : n.compareAt(n.size - 1, minId) < 0;
            if (removeNode) {
                for (int i = 0; i < n.size; i++) {
                    if (!n.deleted[i]) {
                        markDeleted(n, i);
                    }
                }
                it.remove();
                deleted += entries;
                continue;
            }
            if (approx) {
                break;
            }
            for (int i = 0; i < n.size; i++) {
                boolean stop = maxLen >= 0 ? length <= maxLen : n.compareAt(i, minId) >= 0;
                if (stop) {
                    break;
                }
                if (!n.deleted[i]) {
                    markDeleted(n, i);
                    deleted++;
                }
            }
            break;
        }
        return deleted;
    }

    public ConsumerGroup group(byte[] name) {
        return groups.get(name);
    }

    public Iterable<ConsumerGroup> groups() {
        return groups.values();
    }

    public int groupCount() {
        return groups.size();
    }

    /** Adds a group; false when one with that name exists. */
    public boolean addGroup(ConsumerGroup g) {
        return groups.putIfAbsent(g.name(), g) == null;
    }

    public boolean removeGroup(byte[] name) {
        return groups.remove(name) != null;
    }

    // ---- consumer-group lag bookkeeping (Redis 7.0 entries-read / lag) ---------------------------

    /** Logical read counter estimate for {@code id}, or -1 when it cannot be known. */
    public long estimateDistanceFromFirstEverEntry(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) < 1) {
            return entriesAdded;
        }
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return -1;
        }
        StreamId first = firstId();
        int cmpIdFirst = id.compareTo(first);
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(first) < 0) {
            if (cmpIdFirst < 0) {
                return entriesAdded - length;
            } else if (cmpIdFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return -1;
    }

    /** True when a deleted entry may lie in {@code [start, +inf]}. */
    public boolean rangeHasTombstones(StreamId start) {
        if (length == 0 || maxDeletedId.isZero()) {
            return false;
        }
        if (firstId().compareTo(maxDeletedId) > 0) {
            return false;
        }
        return start.compareTo(maxDeletedId) <= 0;
    }
}
