package io.redoubt.engine.lists;

import static io.redoubt.engine.lists.ListNode.HEADER;

import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.PackedLength;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;

/**
 * A list as a quicklist: a ring of packed nodes ({@link ListNode}), each one {@code byte[]} holding up
 * to list-max-listpack-size worth of entries, so a list costs about what Redis's quicklist of
 * listpacks costs and holds no object per element. Pushes and pops at both ends are O(1): they touch
 * the first or last node only, and inside it write or drop one entry next to the node's free room at
 * that end without moving the others (see {@link ListNode} for the front room). Access by index walks
 * node counts from the nearer end, then entries inside one node; {@link Cursor} walks elements in
 * order without copying them.
 *
 * <p>The fill (list-max-listpack-size) is fixed when the list is made, as Redis keeps it in the
 * quicklist: changing the setting shapes new lists only. Redis 7.0 reports every list as
 * {@code quicklist}, one node or many, so there is one encoding name.
 *
 * <p>Invariant: node {@code k} (0 first) is {@code nodes[(head + k) & (nodes.length - 1)]} for
 * {@code 0 <= k < nodeCount}; no node is empty; {@code size} is the sum of the node counts and
 * {@code nodeBytes} the sum of the node arrays' heap sizes.
 */
public final class ListValue implements SortableValue {
    /** Object header, four fields of references and ints, one long. */
    private static final long HEADER_BYTES = 40;

    private final int fill;
    private byte[][] nodes;
    private int head;
    private int nodeCount;
    private int size;
    private long nodeBytes;

    /** A list holding {@code elements} in order (SORT ... STORE). */
    public static ListValue of(List<byte[]> elements) {
        ListValue list = new ListValue();
        for (byte[] e : elements) {
            list.pushTail(e);
        }
        return list;
    }

    /** An empty list with Redis's default node size (list-max-listpack-size -2: 8 KiB). */
    public ListValue() {
        this(EncodingLimits.DEFAULT.listMaxListpackSize());
    }

    /** An empty list whose nodes follow {@code fill}, a list-max-listpack-size value. */
    public ListValue(int fill) {
        this.fill = fill;
        nodes = new byte[1][];
    }

    /** An empty list shaped by the configured {@code limits}. */
    public static ListValue create(EncodingLimits limits) {
        return new ListValue(limits.listMaxListpackSize());
    }

    private ListValue(ListValue other) {
        fill = other.fill;
        nodes = new byte[other.nodes.length][];
        for (int k = 0; k < other.nodeCount; k++) {
            nodes[k] = other.node(k).clone();
        }
        nodeCount = other.nodeCount;
        size = other.size;
        nodeBytes = other.nodeBytes;
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
        return HEADER_BYTES + ((16 + 4L * nodes.length + 7) & ~7L) + nodeBytes;
    }

    @Override
    public RedisValue copy() {
        return new ListValue(this);
    }

    @Override
    public List<byte[]> sortElements() {
        List<byte[]> out = new ArrayList<>(size);
        if (size > 0) {
            for (Cursor c = cursor(0); c.valid(); c.forward()) {
                out.add(c.value());
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The list-max-listpack-size this list was made with. */
    public int fill() {
        return fill;
    }

    /** Number of nodes (DEBUG OBJECT's ql_nodes). */
    public int nodeCount() {
        return nodeCount;
    }

    /** Bytes the nodes use, headers included, free room not (DEBUG OBJECT's ql_uncompressed_size). */
    public long packedBytes() {
        long sum = 0;
        for (int k = 0; k < nodeCount; k++) {
            sum += ListNode.bytes(node(k));
        }
        return sum;
    }

    /**
     * The quicklist part of DEBUG OBJECT's line, in Redis's words: nodes, average entries per node,
     * the fill, whether nodes are compressed (never here: list-compress-depth is accepted but nodes
     * stay plain), and the bytes the nodes use.
     */
    public String debugFields() {
        double average = nodeCount == 0 ? 0 : (double) size / nodeCount;
        return String.format(java.util.Locale.ROOT,
                " ql_nodes:%d ql_avg_node:%.2f ql_listpack_max:%d ql_compressed:0 ql_uncompressed_size:%d",
                nodeCount, average, fill, packedBytes());
    }

    /**
     * Per node, in order: entry count, bytes used (free room excluded), array length, offset of the first
     * entry, offset after the last (for tests of the node layout).
     */
    List<int[]> nodeShapes() {
        List<int[]> out = new ArrayList<>(nodeCount);
        for (int k = 0; k < nodeCount; k++) {
            byte[] n = node(k);
            out.add(new int[] {ListNode.count(n), ListNode.bytes(n), n.length, ListNode.start(n), ListNode.end(n)});
        }
        return out;
    }

    // ---- ends -------------------------------------------------------------------------------------------

    public void pushHead(byte[] v) {
        if (nodeCount > 0) {
            byte[] first = node(0);
            if (ListNode.accepts(fill, ListNode.bytes(first), ListNode.count(first), ListNode.entrySize(v.length))) {
                insertEntry(0, ListNode.start(first), v);
                return;
            }
        }
        insertNode(0, ListNode.of(v, fill, true));
        size++;
    }

    public void pushTail(byte[] v) {
        if (nodeCount > 0) {
            byte[] last = node(nodeCount - 1);
            if (ListNode.accepts(fill, ListNode.bytes(last), ListNode.count(last), ListNode.entrySize(v.length))) {
                insertEntry(nodeCount - 1, ListNode.end(last), v);
                return;
            }
        }
        insertNode(nodeCount, ListNode.of(v, fill, false));
        size++;
    }

    /** Removes and returns the first element; the list must not be empty. */
    public byte[] popHead() {
        byte[] n = node(0);
        int at = ListNode.start(n);
        byte[] v = ListNode.value(n, at);
        deleteEntries(0, at, ListNode.next(n, at), 1);
        return v;
    }

    /** Removes and returns the last element; the list must not be empty. */
    public byte[] popTail() {
        int k = nodeCount - 1;
        byte[] n = node(k);
        int end = ListNode.end(n);
        int at = ListNode.previous(n, end);
        byte[] v = ListNode.value(n, at);
        deleteEntries(k, at, end, 1);
        return v;
    }

    // ---- by index -----------------------------------------------------------------------------------

    /** The element at {@code index} in {@code [0, size)}. */
    public byte[] get(int index) {
        long p = locate(index);
        return ListNode.value(node(nodeOf(p)), offsetOf(p));
    }

    /** Replaces the element at {@code index} in {@code [0, size)}. */
    public void set(int index, byte[] v) {
        long p = locate(index);
        int k = nodeOf(p);
        int at = offsetOf(p);
        byte[] n = node(k);
        int end = ListNode.next(n, at);
        int oldBytes = end - at;
        int newBytes = ListNode.entrySize(v.length);
        if (oldBytes == newBytes) {
            ListNode.write(n, at, v);
            return;
        }
        int count = ListNode.count(n);
        if (count == 1 || ListNode.accepts(fill, ListNode.bytes(n) - oldBytes, count - 1, newBytes)) {
            replaceEntry(k, at, end, v);
            return;
        }
        // a longer value that overflows its node: out, then back in through the splitting insert
        deleteEntries(k, at, end, 1);
        insert(index, v);
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
        long p = locate(index);
        int k = nodeOf(p);
        int at = offsetOf(p);
        byte[] n = node(k);
        int entry = ListNode.entrySize(v.length);
        if (ListNode.accepts(fill, ListNode.bytes(n), ListNode.count(n), entry)) {
            insertEntry(k, at, v);
            return;
        }
        if (at == ListNode.start(n)) {
            // before the first element of a full node: the end of the previous node, or a node of its own
            if (k > 0) {
                byte[] previous = node(k - 1);
                if (ListNode.accepts(fill, ListNode.bytes(previous), ListNode.count(previous), entry)) {
                    insertEntry(k - 1, ListNode.end(previous), v);
                    return;
                }
            }
            insertNode(k, ListNode.of(v, fill, false));
            size++;
            return;
        }
        split(k, at);
        byte[] left = node(k);
        if (ListNode.accepts(fill, ListNode.bytes(left), ListNode.count(left), entry)) {
            insertEntry(k, ListNode.end(left), v);
            return;
        }
        byte[] right = node(k + 1);
        if (ListNode.accepts(fill, ListNode.bytes(right), ListNode.count(right), entry)) {
            insertEntry(k + 1, ListNode.start(right), v);
            return;
        }
        insertNode(k + 1, ListNode.of(v, fill, false));
        size++;
    }

    // ---- searches and bulk removal ------------------------------------------------------------------

    /** Index of the first element equal to {@code v}, or -1. */
    public int indexOf(byte[] v) {
        int index = 0;
        for (int k = 0; k < nodeCount; k++) {
            byte[] n = node(k);
            int end = ListNode.end(n);
            for (int at = ListNode.start(n); at < end; at = ListNode.next(n, at)) {
                if (ListNode.matches(n, at, v)) {
                    return index;
                }
                index++;
            }
        }
        return -1;
    }

    /**
     * Removes up to {@code limit} elements equal to {@code v} (0: all), scanning from the head or,
     * when {@code fromTail}, from the tail. Returns how many were removed. Nodes are compacted in
     * place in one pass, and neighbours that now fit together are merged.
     */
    public int removeMatching(byte[] v, long limit, boolean fromTail) {
        long total = 0;
        if (fromTail && limit != 0) {
            total = countMatching(v);
        }
        // matches are numbered from the head; those in [firstRemoved, lastRemoved) go
        long firstRemoved = fromTail && limit != 0 ? Math.max(0, total - limit) : 0;
        long lastRemoved = limit == 0 || fromTail ? Long.MAX_VALUE : limit;
        long ordinal = 0;
        int removed = 0;
        int written = 0;
        for (int k = 0; k < nodeCount; k++) {
            byte[] n = node(k);
            int used = ListNode.end(n);
            // kept entries close up towards the start, so the front room stays where it was
            int w = ListNode.start(n);
            int kept = 0;
            for (int r = w; r < used; ) {
                int end = ListNode.next(n, r);
                boolean drop = false;
                if (ListNode.matches(n, r, v)) {
                    drop = ordinal >= firstRemoved && ordinal < lastRemoved;
                    ordinal++;
                }
                if (drop) {
                    removed++;
                } else {
                    if (w != r) {
                        System.arraycopy(n, r, n, w, end - r);
                    }
                    w += end - r;
                    kept++;
                }
                r = end;
            }
            nodeBytes -= PackedLength.arrayBytes(n.length);
            if (kept == 0) {
                continue;
            }
            ListNode.end(n, w);
            ListNode.count(n, kept);
            if (written > 0 && ListNode.fitTogether(fill, node(written - 1), n)) {
                byte[] merged = append(node(written - 1), n);
                nodeBytes += PackedLength.arrayBytes(merged.length) - PackedLength.arrayBytes(node(written - 1).length);
                nodes[slot(written - 1)] = merged;
                continue;
            }
            n = ListNode.fit(n, fill);
            nodeBytes += PackedLength.arrayBytes(n.length);
            nodes[slot(written)] = n;
            written++;
        }
        for (int k = written; k < nodeCount; k++) {
            nodes[slot(k)] = null;
        }
        nodeCount = written;
        size -= removed;
        shrinkRing();
        return removed;
    }

    /** Keeps only the elements in {@code [start, end]} (valid, non-empty or start > end to clear). */
    public void trim(int start, int end) {
        if (start > end || start >= size) {
            clear();
            return;
        }
        int last = Math.min(end, size - 1);
        deleteRange(last + 1, size - last - 1);
        deleteRange(0, start);
    }

    /** Removes {@code count} elements from {@code index} on: whole nodes at once, cut nodes in place. */
    public void deleteRange(int index, int count) {
        if (count <= 0) {
            return;
        }
        long p = locate(index);
        int k = nodeOf(p);
        int at = offsetOf(p);
        int left = count;
        while (left > 0) {
            byte[] n = node(k);
            int start = ListNode.start(n);
            if (at < 0) {
                at = start;
            }
            int inNode = ListNode.count(n);
            if (at == start && left >= inNode) {
                removeNode(k);
                size -= inNode;
                left -= inNode;
                at = -1;
                continue;
            }
            int last = ListNode.end(n);
            int end = at;
            int m = 0;
            while (m < left && end < last) {
                end = ListNode.next(n, end);
                m++;
            }
            deleteEntries(k, at, end, m);
            left -= m;
            k++;
            at = -1; // the start of the next node
        }
    }

    private void clear() {
        nodes = new byte[1][];
        head = 0;
        nodeCount = 0;
        size = 0;
        nodeBytes = 0;
    }

    private long countMatching(byte[] v) {
        long total = 0;
        for (int k = 0; k < nodeCount; k++) {
            byte[] n = node(k);
            int end = ListNode.end(n);
            for (int at = ListNode.start(n); at < end; at = ListNode.next(n, at)) {
                if (ListNode.matches(n, at, v)) {
                    total++;
                }
            }
        }
        return total;
    }

    // ---- iteration ----------------------------------------------------------------------------------

    /** A cursor on the element at {@code index} in {@code [0, size)}. */
    public Cursor cursor(int index) {
        long p = locate(index);
        return new Cursor(nodeOf(p), offsetOf(p), index);
    }

    /**
     * A position on one element, moved one element at a time in either direction without copying
     * elements. Any change to the list invalidates it.
     */
    public final class Cursor {
        private int k;
        private int at;
        private int index;

        private Cursor(int k, int at, int index) {
            this.k = k;
            this.at = at;
            this.index = index;
        }

        /** Whether the cursor is on an element (false once moved past either end). */
        public boolean valid() {
            return index >= 0 && index < size;
        }

        /** The index of the element the cursor is on. */
        public int index() {
            return index;
        }

        /** A copy of the element. */
        public byte[] value() {
            return ListNode.value(node(k), at);
        }

        public boolean matches(byte[] v) {
            return ListNode.matches(node(k), at, v);
        }

        /** Writes the element as a bulk string, straight from the node. */
        public void reply(ReplySink r) {
            byte[] n = node(k);
            r.bulk(n, ListNode.valueOffset(n, at), ListNode.valueLength(n, at));
        }

        public void forward() {
            index++;
            if (index >= size) {
                return;
            }
            byte[] n = node(k);
            at = ListNode.next(n, at);
            if (at >= ListNode.end(n)) {
                k++;
                at = ListNode.start(node(k));
            }
        }

        public void backward() {
            index--;
            if (index < 0) {
                return;
            }
            if (at == ListNode.start(node(k))) {
                k--;
                at = ListNode.end(node(k));
            }
            at = ListNode.previous(node(k), at);
        }
    }

    // ---- nodes --------------------------------------------------------------------------------------

    private int slot(int k) {
        return (head + k) & (nodes.length - 1);
    }

    private byte[] node(int k) {
        return nodes[slot(k)];
    }

    private static int nodeOf(long position) {
        return (int) (position >>> 32);
    }

    private static int offsetOf(long position) {
        return (int) position;
    }

    /** Node number and byte offset of element {@code index}, packed in a long, walking from the nearer end. */
    private long locate(int index) {
        int k;
        int inNode;
        if (index < size - index) {
            k = 0;
            inNode = index;
            int c;
            while (inNode >= (c = ListNode.count(node(k)))) {
                inNode -= c;
                k++;
            }
        } else {
            k = nodeCount - 1;
            int fromEnd = size - 1 - index;
            int c;
            while (fromEnd >= (c = ListNode.count(node(k)))) {
                fromEnd -= c;
                k--;
            }
            inNode = c - 1 - fromEnd;
        }
        byte[] n = node(k);
        int count = ListNode.count(n);
        int at;
        if (inNode <= count / 2) {
            at = ListNode.start(n);
            for (int i = 0; i < inNode; i++) {
                at = ListNode.next(n, at);
            }
        } else {
            at = ListNode.end(n);
            for (int i = count; i > inNode; i--) {
                at = ListNode.previous(n, at);
            }
        }
        return ((long) k << 32) | (at & 0xFFFFFFFFL);
    }

    private void setNode(int k, byte[] n) {
        int s = slot(k);
        nodeBytes += PackedLength.arrayBytes(n.length) - PackedLength.arrayBytes(nodes[s].length);
        nodes[s] = n;
    }

    /** Makes {@code n} node number {@code k}, shifting the nodes from {@code k} on by one. */
    private void insertNode(int k, byte[] n) {
        if (nodeCount == nodes.length) {
            resizeRing(nodes.length * 2);
        }
        int mask = nodes.length - 1;
        if (k == 0) {
            head = (head - 1) & mask;
        } else {
            for (int i = nodeCount; i > k; i--) {
                nodes[(head + i) & mask] = nodes[(head + i - 1) & mask];
            }
        }
        nodes[(head + k) & mask] = n;
        nodeCount++;
        nodeBytes += PackedLength.arrayBytes(n.length);
    }

    private void removeNode(int k) {
        int mask = nodes.length - 1;
        nodeBytes -= PackedLength.arrayBytes(nodes[(head + k) & mask].length);
        if (k == 0) {
            nodes[head] = null;
            head = (head + 1) & mask;
        } else {
            for (int i = k; i < nodeCount - 1; i++) {
                nodes[(head + i) & mask] = nodes[(head + i + 1) & mask];
            }
            nodes[(head + nodeCount - 1) & mask] = null;
        }
        nodeCount--;
        shrinkRing();
    }

    private void shrinkRing() {
        if (nodeCount == 0) {
            head = 0;
        }
        if (nodes.length > 1 && nodeCount <= nodes.length / 4) {
            resizeRing(Math.max(1, Integer.highestOneBit(Math.max(1, nodeCount)) * 2));
        }
    }

    private void resizeRing(int capacity) {
        byte[][] fresh = new byte[capacity][];
        for (int k = 0; k < nodeCount; k++) {
            fresh[k] = node(k);
        }
        nodes = fresh;
        head = 0;
    }

    /** Writes {@code v} as a new entry at byte {@code at} of node {@code k}. */
    private void insertEntry(int k, int at, byte[] v) {
        byte[] n = replaceEntry(k, at, at, v);
        ListNode.count(n, ListNode.count(n) + 1);
        size++;
    }

    /**
     * Replaces the bytes {@code [at, end)} of node {@code k} (one entry, or none when equal) by an entry
     * holding {@code v}; returns the node, a new array when it had to grow or shrink. Of the entries
     * before and after the edit, the shorter run moves, into the free room on its side, so a push at
     * either end moves nothing. An edit at an end of the node that finds no room on its side never
     * moves the whole node for one entry's room: the node is laid out again with room to spare there.
     */
    private byte[] replaceEntry(int k, int at, int end, byte[] v) {
        byte[] n = node(k);
        int start = ListNode.start(n);
        int last = ListNode.end(n);
        int entry = ListNode.entrySize(v.length);
        int delta = entry - (end - at);
        int before = at - start;
        int after = last - end;
        if (delta > 0) {
            boolean frontFits = start - HEADER >= delta;
            boolean backFits = n.length - last >= delta;
            // the longer run moves only for an edit inside the node, as it did before there was front room
            boolean inside = before > 0 && after > 0;
            if (frontFits && (before <= after || (inside && !backFits))) {
                System.arraycopy(n, start, n, start - delta, before);
                ListNode.start(n, start - delta);
                ListNode.write(n, at - delta, v);
            } else if (backFits && (after <= before || inside)) {
                System.arraycopy(n, end, n, end + delta, after);
                ListNode.end(n, last + delta);
                ListNode.write(n, at, v);
            } else {
                n = relayout(k, n, at, end, v, before == 0 && after > 0);
            }
            return n;
        }
        if (delta < 0 && before < after && start - delta - HEADER <= ListNode.MAX_FRONT) {
            System.arraycopy(n, start, n, start - delta, before);
            ListNode.start(n, start - delta);
            ListNode.write(n, at - delta, v);
        } else {
            if (delta < 0) {
                System.arraycopy(n, end, n, at + entry, after);
                ListNode.end(n, last + delta);
            }
            ListNode.write(n, at, v);
        }
        return delta < 0 ? fitNode(k, n) : n;
    }

    /**
     * Node {@code k} laid out again for the edit of {@link #replaceEntry} that its free room could not
     * take: the side that needed room ({@code front} or back) gets an eighth of the node to spare, as
     * arrays grow, and the other side keeps at most half of what is left, so a node pushed at both ends
     * keeps room at both. The array is reused when long enough, and never grows past the node's limit
     * (the room to spare shrinks instead). Each lay-out moves the node's bytes once and leaves at least
     * an eighth of them free on the needing side, so pushes stay amortized O(1).
     */
    private byte[] relayout(int k, byte[] n, int at, int end, byte[] v, boolean front) {
        int start = ListNode.start(n);
        int last = ListNode.end(n);
        int entry = ListNode.entrySize(v.length);
        int before = at - start;
        int after = last - end;
        int need = HEADER + before + entry + after;
        int slack = Math.max(8, need >> 3);
        int otherRoom = front ? n.length - last : start - HEADER;
        long want = (long) need + slack + Math.min(otherRoom, slack);
        int length = n.length;
        if (want > length) {
            long capped = Math.min(want, Math.max(need, ListNode.arrayLimit(fill)));
            length = (int) Math.max(length, Math.min(Integer.MAX_VALUE - 8, (capped + 7) & ~7L));
        }
        int extra = length - need;
        int otherKeep = Math.min(otherRoom, extra / 2);
        int frontRoom = Math.min(ListNode.MAX_FRONT, front ? extra - otherKeep : otherKeep);
        int newStart = HEADER + frontRoom;
        int entryAt = newStart + before;
        int tailAt = entryAt + entry;
        byte[] out;
        if (length == n.length) {
            out = n;
            // move the two runs in an order where neither overwrites the other before it has moved
            if (newStart > start) {
                System.arraycopy(n, end, n, tailAt, after);
                System.arraycopy(n, start, n, newStart, before);
            } else {
                System.arraycopy(n, start, n, newStart, before);
                System.arraycopy(n, end, n, tailAt, after);
            }
        } else {
            out = new byte[length];
            System.arraycopy(n, 0, out, 0, HEADER);
            System.arraycopy(n, start, out, newStart, before);
            System.arraycopy(n, end, out, tailAt, after);
            setNode(k, out);
        }
        ListNode.write(out, entryAt, v);
        ListNode.start(out, newStart);
        ListNode.end(out, tailAt + after);
        return out;
    }

    /** Node {@code k}, or the smaller copy it was replaced by when mostly free room. */
    private byte[] fitNode(int k, byte[] n) {
        byte[] fitted = ListNode.fit(n, fill);
        if (fitted != n) {
            setNode(k, fitted);
        }
        return fitted;
    }

    /**
     * Removes bytes {@code [from, to)}, holding {@code entries} entries, from node {@code k}, closing the
     * gap from the shorter side: a pop at either end moves nothing.
     */
    private void deleteEntries(int k, int from, int to, int entries) {
        byte[] n = node(k);
        size -= entries;
        int count = ListNode.count(n) - entries;
        if (count == 0) {
            removeNode(k);
            return;
        }
        int start = ListNode.start(n);
        int last = ListNode.end(n);
        int gap = to - from;
        int before = from - start;
        if (before < last - to && start + gap - HEADER <= ListNode.MAX_FRONT) {
            System.arraycopy(n, start, n, start + gap, before);
            ListNode.start(n, start + gap);
        } else {
            System.arraycopy(n, to, n, from, last - to);
            ListNode.end(n, last - gap);
        }
        ListNode.count(n, count);
        fitNode(k, n);
    }

    /** Cuts node {@code k} at byte {@code at} (strictly inside it) into two nodes. */
    private void split(int k, int at) {
        byte[] n = node(k);
        int used = ListNode.end(n);
        int leftCount = 0;
        for (int p = ListNode.start(n); p < at; p = ListNode.next(n, p)) {
            leftCount++;
        }
        int rightUsed = HEADER + used - at;
        byte[] right = new byte[ListNode.capacityFor(rightUsed, fill)];
        System.arraycopy(n, at, right, HEADER, used - at);
        ListNode.end(right, rightUsed);
        ListNode.count(right, ListNode.count(n) - leftCount);
        ListNode.end(n, at);
        ListNode.count(n, leftCount);
        byte[] fitted = ListNode.fit(n, fill);
        if (fitted != n) {
            setNode(k, fitted);
        }
        insertNode(k + 1, right);
    }

    /** A node holding the entries of {@code a} then those of {@code b}: {@code a} itself if its back room holds them. */
    private byte[] append(byte[] a, byte[] b) {
        int startB = ListNode.start(b);
        int moved = ListNode.end(b) - startB;
        int count = ListNode.count(a) + ListNode.count(b);
        int endA = ListNode.end(a);
        if (endA + moved <= a.length) {
            System.arraycopy(b, startB, a, endA, moved);
            ListNode.end(a, endA + moved);
            ListNode.count(a, count);
            return a;
        }
        int bytesA = ListNode.bytes(a);
        int need = bytesA + moved;
        byte[] out = new byte[ListNode.capacityFor(need, fill)];
        System.arraycopy(a, ListNode.start(a), out, HEADER, bytesA - HEADER);
        System.arraycopy(b, startB, out, bytesA, moved);
        ListNode.end(out, need);
        ListNode.count(out, count);
        return out;
    }
}
