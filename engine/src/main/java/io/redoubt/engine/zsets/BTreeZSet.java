package io.redoubt.engine.zsets;

import io.redoubt.engine.keyspace.PackedLength;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A large sorted set (what Redis reports as the {@code skiplist} encoding): a counted B+tree for
 * order and rank, plus a chained hash index from member to score for O(1) ZSCORE and for ZSCAN.
 *
 * <p>Why not a skip list: in Java each skip-list node's levels are separate arrays, so every step
 * of a walk is a cache miss or two, and a 100k-member set costs dozens of them per search. Here a
 * leaf holds a few dozen elements in parallel sorted arrays ({@code double[]} scores, {@code
 * byte[][]} members) that a binary search reads from one or two cache lines, and the tree is only
 * three levels deep at 100k members.
 *
 * <p>Invariants: elements are ordered by (score, member bytes unsigned); every leaf but the root and
 * the last holds at least {@code leafMin} elements (the last may hold fewer, but never none, because
 * appends split it unevenly) and every inner node but the root at least {@code
 * innerMin} children (a root inner node at least two); an inner node with k children holds k-1
 * separator keys and {@code counts[i]}, the number of elements under child i; separator i is above
 * every element under children 0..i and at or below every element under children i+1.. (it need
 * not be an element); leaves are linked both ways in order; the hash index holds exactly the
 * members of the tree with their scores, in a power-of-two table so ZSCAN's reverse-binary cursor
 * survives resizes.
 */
final class BTreeZSet implements ZSetStore {
    static final int LEAF_CAPACITY = 64;
    static final int INNER_CAPACITY = 64;
    /** A lone root leaf starts small, as many large-encoded sets are large only by member length. */
    private static final int FIRST_LEAF_ARRAYS = 8;
    private static final int MIN_BUCKETS = 8;
    /** Heap bytes of one hash entry object (header, score, member, hash, next; compressed pointers). */
    private static final int ENTRY_BYTES = 32;

    private abstract static sealed class Node permits Leaf, Inner {
        /** Elements in a leaf, children in an inner node. */
        int size;
    }

    /** Sorted elements; the arrays have room for one more than the capacity, for the split. */
    private static final class Leaf extends Node {
        double[] scores;
        byte[][] members;
        Leaf prev;
        Leaf next;

        Leaf(int arrays) {
            scores = new double[arrays];
            members = new byte[arrays][];
        }
    }

    /** Children with their element counts and separators; room for one extra child, for the split. */
    private static final class Inner extends Node {
        final double[] keyScores;
        final byte[][] keyMembers;
        final Node[] children;
        final int[] counts;

        Inner(int arrays) {
            keyScores = new double[arrays - 1];
            keyMembers = new byte[arrays - 1][];
            children = new Node[arrays];
            counts = new int[arrays];
        }
    }

    /** One member in the hash index. */
    private static final class Entry {
        final byte[] member;
        double score;
        final int hash;
        Entry next;

        Entry(byte[] member, double score, int hash) {
            this.member = member;
            this.score = score;
            this.hash = hash;
        }
    }

    private final int leafCap;
    private final int innerCap;
    private final int leafMin;
    private final int innerMin;
    /** Two siblings merge when they hold at most this many; above, they share evenly. */
    private final int leafMerge;
    private final int innerMerge;

    private Node root;
    /** Inner levels above the leaves: 0 while the root is a leaf. */
    private int height;
    private int length;
    private Entry[] buckets = new Entry[MIN_BUCKETS];
    private long elementBytes;
    private long nodeBytes;

    // The path of the last descent (inner node and child index per level), reused because one
    // thread owns the set.
    private Inner[] pathNode = new Inner[4];
    private int[] pathIdx = new int[4];
    private int locatedPos;

    BTreeZSet() {
        this(LEAF_CAPACITY, INNER_CAPACITY);
    }

    /** Small capacities let tests reach splits and merges across several levels with few elements. */
    BTreeZSet(int leafCapacity, int innerCapacity) {
        if (leafCapacity < 4 || innerCapacity < 4) {
            throw new IllegalArgumentException("node capacities must be at least 4");
        }
        leafCap = leafCapacity;
        innerCap = innerCapacity;
        leafMin = Math.max(1, leafCap / 4);
        innerMin = Math.max(2, innerCap / 4);
        // merging only well below capacity keeps a remove + insert churn from splitting right back
        leafMerge = Math.max(2 * leafMin - 1, leafCap * 3 / 4);
        innerMerge = Math.max(2 * innerMin - 1, innerCap * 3 / 4);
        Leaf r = new Leaf(Math.min(FIRST_LEAF_ARRAYS, leafCap + 1));
        root = r;
        nodeBytes = leafBytes(r.scores.length);
    }

    private BTreeZSet(BTreeZSet o) {
        leafCap = o.leafCap;
        innerCap = o.innerCap;
        leafMin = o.leafMin;
        innerMin = o.innerMin;
        leafMerge = o.leafMerge;
        innerMerge = o.innerMerge;
        height = o.height;
        length = o.length;
        elementBytes = o.elementBytes;
        nodeBytes = o.nodeBytes;
        pathNode = new Inner[o.pathNode.length];
        pathIdx = new int[o.pathIdx.length];
        root = cloneTree(o.root, o.height, new Leaf[1]);
        // same table size and chain order, so a ZSCAN cursor means the same on the copy
        buckets = new Entry[o.buckets.length];
        for (int b = 0; b < buckets.length; b++) {
            Entry last = null;
            for (Entry e = o.buckets[b]; e != null; e = e.next) {
                Entry c = new Entry(e.member, e.score, e.hash);
                if (last == null) {
                    buckets[b] = c;
                } else {
                    last.next = c;
                }
                last = c;
            }
        }
    }

    /** Copies a subtree; {@code lastLeaf[0]} is the previously copied leaf, for the links. */
    private static Node cloneTree(Node n, int levels, Leaf[] lastLeaf) {
        if (levels == 0) {
            Leaf l = (Leaf) n;
            Leaf c = new Leaf(0);
            c.scores = l.scores.clone();
            c.members = l.members.clone();
            c.size = l.size;
            c.prev = lastLeaf[0];
            if (c.prev != null) {
                c.prev.next = c;
            }
            lastLeaf[0] = c;
            return c;
        }
        Inner in = (Inner) n;
        Inner c = new Inner(in.children.length);
        System.arraycopy(in.keyScores, 0, c.keyScores, 0, in.size - 1);
        System.arraycopy(in.keyMembers, 0, c.keyMembers, 0, in.size - 1);
        System.arraycopy(in.counts, 0, c.counts, 0, in.size);
        for (int i = 0; i < in.size; i++) {
            c.children[i] = cloneTree(in.children[i], levels - 1, lastLeaf);
        }
        c.size = in.size;
        return c;
    }

    @Override
    public ZSetStore copy() {
        return new BTreeZSet(this);
    }

    @Override
    public int size() {
        return length;
    }

    /** True when (s1, m1) sorts before (s2, m2). */
    private static boolean less(double s1, byte[] m1, double s2, byte[] m2) {
        return s1 < s2 || (s1 == s2 && Arrays.compareUnsigned(m1, m2) < 0);
    }

    // ---- hash index -----------------------------------------------------------------------------------

    private static int hash(byte[] member) {
        int h = Arrays.hashCode(member);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    private Entry find(byte[] member) {
        int h = hash(member);
        for (Entry e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.member, member)) {
                return e;
            }
        }
        return null;
    }

    private void index(Entry e) {
        int slot = e.hash & (buckets.length - 1);
        e.next = buckets[slot];
        buckets[slot] = e;
    }

    private void unindex(Entry target) {
        int slot = target.hash & (buckets.length - 1);
        Entry prev = null;
        for (Entry e = buckets[slot]; e != null; prev = e, e = e.next) {
            if (e == target) {
                if (prev == null) {
                    buckets[slot] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                return;
            }
        }
    }

    private void rehash(int capacity) {
        Entry[] old = buckets;
        buckets = new Entry[capacity];
        for (Entry head : old) {
            Entry e = head;
            while (e != null) {
                Entry next = e.next;
                index(e);
                e = next;
            }
        }
    }

    /**
     * Visits the members of the buckets from {@code cursor} on until about {@code count} were seen;
     * returns the next cursor, 0 when done (Redis's SCAN cursor contract).
     */
    long scan(long cursor, int count, BiConsumer<byte[], Double> visitor) {
        long mask = buckets.length - 1;
        long v = cursor;
        int visited = 0;
        do {
            for (Entry e = buckets[(int) (v & mask)]; e != null; e = e.next) {
                visitor.accept(e.member, e.score);
                visited++;
            }
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        } while (v != 0 && visited < count);
        return v;
    }

    // ---- element operations ---------------------------------------------------------------------------

    @Override
    public double score(byte[] member) {
        Entry e = find(member);
        return e == null ? Double.NaN : e.score;
    }

    @Override
    public void insert(byte[] member, double score) {
        index(new Entry(member, score, hash(member)));
        elementBytes += ENTRY_BYTES + PackedLength.arrayBytes(member.length);
        treeInsert(score, member);
        if (length > buckets.length) {
            rehash(buckets.length * 2);
        }
    }

    @Override
    public void update(byte[] member, double oldScore, double newScore) {
        Entry e = find(member);
        // the stored array, not the caller's equal one, so the tree and the index share one copy
        byte[] stored = e.member;
        Leaf leaf = locate(e.score, stored);
        int pos = locatedPos;
        e.score = newScore;
        // the common case for small changes: the element keeps its place, so only its score changes
        if (staysInPlace(leaf, pos, newScore, stored)) {
            leaf.scores[pos] = newScore;
            return;
        }
        removeLocated(leaf, pos);
        treeInsert(newScore, stored);
    }

    @Override
    public boolean remove(byte[] member) {
        Entry e = find(member);
        if (e == null) {
            return false;
        }
        Leaf leaf = locate(e.score, member);
        removeLocated(leaf, locatedPos);
        unindex(e);
        elementBytes -= ENTRY_BYTES + PackedLength.arrayBytes(member.length);
        if (buckets.length > MIN_BUCKETS && length < buckets.length / 8) {
            rehash(buckets.length / 2);
        }
        return true;
    }

    @Override
    public long rank(byte[] member) {
        Entry e = find(member);
        return e == null ? -1 : countBelow(BY_KEY, e.score, member, false);
    }

    @Override
    public void visit(int start, int count, boolean reverse, Visitor visitor) {
        if (count <= 0 || start < 0 || start >= length) {
            return;
        }
        int r = start;
        Node x = root;
        for (int h = height; h > 0; h--) {
            Inner in = (Inner) x;
            int i = 0;
            while (r >= in.counts[i]) {
                r -= in.counts[i];
                i++;
            }
            x = in.children[i];
        }
        Leaf leaf = (Leaf) x;
        int at = r;
        for (int k = 0; k < count; k++) {
            visitor.accept(leaf.members[at], leaf.scores[at]);
            if (reverse) {
                if (--at < 0) {
                    leaf = leaf.prev;
                    if (leaf == null) {
                        return;
                    }
                    at = leaf.size - 1;
                }
            } else if (++at == leaf.size) {
                leaf = leaf.next;
                if (leaf == null) {
                    return;
                }
                at = 0;
            }
        }
    }

    @Override
    public int countScoreBelow(double score, boolean inclusive) {
        return countBelow(BY_SCORE, score, null, inclusive);
    }

    @Override
    public int countLexBelow(byte[] member, boolean inclusive) {
        return countBelow(BY_LEX, 0, member, inclusive);
    }

    /**
     * As the skip list this replaces (and Redis's) finds it: the complement of {@link #countLexBelow}.
     * That is exactly the run that passes counted from the tail when members are in order, the only
     * case lex ranges are defined for; out of order, both are some partition point, as in Redis.
     */
    @Override
    public int countLexAbove(byte[] member, boolean inclusive) {
        return length - countLexBelow(member, !inclusive);
    }

    @Override
    public long bytes() {
        return 64 + 4L * buckets.length + 8L * pathNode.length + elementBytes + nodeBytes;
    }

    // ---- counting descents ----------------------------------------------------------------------------

    private static final int BY_KEY = 0;
    private static final int BY_SCORE = 1;
    private static final int BY_LEX = 2;

    /** Whether the element (ks, km) counts: below (s, m), or below (at or below) s or m alone. */
    private static boolean counts(int by, double ks, byte[] km, double s, byte[] m, boolean inclusive) {
        return switch (by) {
            case BY_SCORE -> ks < s || (inclusive && ks == s);
            case BY_LEX -> {
                int c = Arrays.compareUnsigned(km, m);
                yield c < 0 || (inclusive && c == 0);
            }
            default -> less(ks, km, s, m);
        };
    }

    /**
     * How many elements count, for a test that holds for a prefix of the order: a separator that
     * passes means everything left of it passes, one that fails that everything right of it fails.
     */
    private int countBelow(int by, double s, byte[] m, boolean inclusive) {
        int total = 0;
        Node x = root;
        for (int h = height; h > 0; h--) {
            Inner in = (Inner) x;
            int lo = 0;
            int hi = in.size - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (counts(by, in.keyScores[mid], in.keyMembers[mid], s, m, inclusive)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            total += sum(in.counts, 0, lo);
            x = in.children[lo];
        }
        Leaf leaf = (Leaf) x;
        int lo = 0;
        int hi = leaf.size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (counts(by, leaf.scores[mid], leaf.members[mid], s, m, inclusive)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return total + lo;
    }

    // ---- tree -----------------------------------------------------------------------------------------

    private static long leafBytes(int arrays) {
        return 32 + (16 + 8L * arrays) + ((16 + 4L * arrays + 7) & ~7L);
    }

    private static long innerBytes(int arrays) {
        return 32 + (16 + 8L * (arrays - 1)) + 3 * ((16 + 4L * arrays + 7) & ~7L);
    }

    /** The child of {@code in} whose range holds (s, m): the number of separators at or below it. */
    private static int childFor(Inner in, double s, byte[] m) {
        int lo = 0;
        int hi = in.size - 1;
        double[] ks = in.keyScores;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (less(s, m, ks[mid], in.keyMembers[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first position in {@code leaf} whose element is not below (s, m). */
    private static int lowerBound(Leaf leaf, double s, byte[] m) {
        int lo = 0;
        int hi = leaf.size;
        double[] sc = leaf.scores;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (less(sc[mid], leaf.members[mid], s, m)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Descends to the leaf holding (s, m), recording the path; its position goes to locatedPos. */
    private Leaf locate(double s, byte[] m) {
        Node x = root;
        for (int d = 0; d < height; d++) {
            Inner in = (Inner) x;
            int i = childFor(in, s, m);
            pathNode[d] = in;
            pathIdx[d] = i;
            x = in.children[i];
        }
        Leaf leaf = (Leaf) x;
        int pos = lowerBound(leaf, s, m);
        if (pos >= leaf.size || leaf.scores[pos] != s || !Arrays.equals(leaf.members[pos], m)) {
            throw new IllegalStateException("sorted set tree is out of step with its member index");
        }
        locatedPos = pos;
        return leaf;
    }

    /**
     * Whether (s, m) still sorts between the neighbours of the element at {@code pos}. If so, and the
     * element is first or last in its leaf, the separator bounding that side is moved to admit the
     * new key, so the tree stays valid with only the score changed in place.
     */
    private boolean staysInPlace(Leaf leaf, int pos, double s, byte[] m) {
        boolean first = pos == 0;
        boolean last = pos == leaf.size - 1;
        if (first ? leaf.prev != null && !less(leaf.prev.scores[leaf.prev.size - 1], leaf.prev.members[leaf.prev.size - 1], s, m)
                : !less(leaf.scores[pos - 1], leaf.members[pos - 1], s, m)) {
            return false;
        }
        if (last ? leaf.next != null && !less(s, m, leaf.next.scores[0], leaf.next.members[0])
                : !less(s, m, leaf.scores[pos + 1], leaf.members[pos + 1])) {
            return false;
        }
        if (first && leaf.prev != null) {
            // the separator just left of this leaf is the deepest path step that did not go left-most
            int d = height - 1;
            while (pathIdx[d] == 0) {
                d--;
            }
            Inner p = pathNode[d];
            int k = pathIdx[d] - 1;
            if (less(s, m, p.keyScores[k], p.keyMembers[k])) {
                p.keyScores[k] = s;
                p.keyMembers[k] = m;
            }
        }
        if (last && leaf.next != null) {
            int d = height - 1;
            while (pathIdx[d] == pathNode[d].size - 1) {
                d--;
            }
            Inner p = pathNode[d];
            int k = pathIdx[d];
            if (!less(s, m, p.keyScores[k], p.keyMembers[k])) {
                // the next element is the smallest on the right of that separator
                p.keyScores[k] = leaf.next.scores[0];
                p.keyMembers[k] = leaf.next.members[0];
            }
        }
        return true;
    }

    private void ensurePath() {
        if (pathNode.length < height) {
            pathNode = Arrays.copyOf(pathNode, height * 2);
            pathIdx = Arrays.copyOf(pathIdx, height * 2);
        }
    }

    private void treeInsert(double s, byte[] m) {
        Node x = root;
        for (int d = 0; d < height; d++) {
            Inner in = (Inner) x;
            int i = childFor(in, s, m);
            in.counts[i]++;
            pathNode[d] = in;
            pathIdx[d] = i;
            x = in.children[i];
        }
        Leaf leaf = (Leaf) x;
        int pos = lowerBound(leaf, s, m);
        int n = leaf.size;
        if (n == leaf.scores.length) {
            // only a root leaf has arrays below capacity
            int grown = Math.min(n * 2, leafCap + 1);
            nodeBytes += leafBytes(grown) - leafBytes(n);
            leaf.scores = Arrays.copyOf(leaf.scores, grown);
            leaf.members = Arrays.copyOf(leaf.members, grown);
        }
        System.arraycopy(leaf.scores, pos, leaf.scores, pos + 1, n - pos);
        System.arraycopy(leaf.members, pos, leaf.members, pos + 1, n - pos);
        leaf.scores[pos] = s;
        leaf.members[pos] = m;
        leaf.size = n + 1;
        length++;
        if (leaf.size > leafCap) {
            splitLeaf(leaf, pos);
        }
    }

    private void splitLeaf(Leaf leaf, int pos) {
        int n = leaf.size;
        // appending in order (conversions, growing timestamps) leaves full leaves behind
        int keep = pos == n - 1 && leaf.next == null ? n - 1 : n - n / 2;
        int moved = n - keep;
        Leaf right = new Leaf(leafCap + 1);
        nodeBytes += leafBytes(leafCap + 1);
        System.arraycopy(leaf.scores, keep, right.scores, 0, moved);
        System.arraycopy(leaf.members, keep, right.members, 0, moved);
        Arrays.fill(leaf.members, keep, n, null);
        right.size = moved;
        leaf.size = keep;
        right.next = leaf.next;
        if (right.next != null) {
            right.next.prev = right;
        }
        right.prev = leaf;
        leaf.next = right;
        addSplitChild(height, right.scores[0], right.members[0], right, keep, moved);
    }

    /**
     * Hangs {@code right}, split off the node at depth {@code d} of the recorded path, next to it in
     * its parent, splitting ancestors as they overflow and growing a new root at the top.
     */
    private void addSplitChild(int d, double sepS, byte[] sepM, Node right, int leftCount, int rightCount) {
        while (d > 0) {
            d--;
            Inner p = pathNode[d];
            int i = pathIdx[d];
            int n = p.size;
            p.counts[i] = leftCount;
            System.arraycopy(p.keyScores, i, p.keyScores, i + 1, n - 1 - i);
            System.arraycopy(p.keyMembers, i, p.keyMembers, i + 1, n - 1 - i);
            System.arraycopy(p.children, i + 1, p.children, i + 2, n - 1 - i);
            System.arraycopy(p.counts, i + 1, p.counts, i + 2, n - 1 - i);
            p.keyScores[i] = sepS;
            p.keyMembers[i] = sepM;
            p.children[i + 1] = right;
            p.counts[i + 1] = rightCount;
            p.size = ++n;
            if (n <= innerCap) {
                return;
            }
            int keep = n - n / 2;
            int moved = n - keep;
            Inner r = new Inner(innerCap + 1);
            nodeBytes += innerBytes(innerCap + 1);
            System.arraycopy(p.children, keep, r.children, 0, moved);
            System.arraycopy(p.counts, keep, r.counts, 0, moved);
            System.arraycopy(p.keyScores, keep, r.keyScores, 0, moved - 1);
            System.arraycopy(p.keyMembers, keep, r.keyMembers, 0, moved - 1);
            sepS = p.keyScores[keep - 1];
            sepM = p.keyMembers[keep - 1];
            Arrays.fill(p.children, keep, n, null);
            Arrays.fill(p.keyMembers, keep - 1, n - 1, null);
            p.size = keep;
            r.size = moved;
            leftCount = sum(p.counts, 0, keep);
            rightCount = sum(r.counts, 0, moved);
            right = r;
        }
        Inner top = new Inner(innerCap + 1);
        nodeBytes += innerBytes(innerCap + 1);
        top.children[0] = root;
        top.children[1] = right;
        top.counts[0] = leftCount;
        top.counts[1] = rightCount;
        top.keyScores[0] = sepS;
        top.keyMembers[0] = sepM;
        top.size = 2;
        root = top;
        height++;
        ensurePath();
    }

    private static int sum(int[] a, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** Removes the element at {@code pos} of the leaf found by the last {@link #locate}. */
    private void removeLocated(Leaf leaf, int pos) {
        for (int d = 0; d < height; d++) {
            pathNode[d].counts[pathIdx[d]]--;
        }
        int n = leaf.size - 1;
        System.arraycopy(leaf.scores, pos + 1, leaf.scores, pos, n - pos);
        System.arraycopy(leaf.members, pos + 1, leaf.members, pos, n - pos);
        leaf.members[n] = null;
        leaf.size = n;
        length--;
        if (height > 0 && n < leafMin) {
            leafUnderflow();
        }
    }

    /** Rebalances the recorded path's leaf with a sibling: merges them or shares evenly. */
    private void leafUnderflow() {
        Inner p = pathNode[height - 1];
        int li = Math.max(0, pathIdx[height - 1] - 1);
        int ri = li + 1;
        Leaf a = (Leaf) p.children[li];
        Leaf b = (Leaf) p.children[ri];
        int total = a.size + b.size;
        if (total <= leafMerge) {
            System.arraycopy(b.scores, 0, a.scores, a.size, b.size);
            System.arraycopy(b.members, 0, a.members, a.size, b.size);
            a.size = total;
            a.next = b.next;
            if (a.next != null) {
                a.next.prev = a;
            }
            nodeBytes -= leafBytes(b.scores.length);
            p.counts[li] = total;
            removeChild(p, ri);
            innerUnderflow(p, height - 1);
            return;
        }
        int want = total / 2;
        if (a.size > want) {
            int k = a.size - want;
            System.arraycopy(b.scores, 0, b.scores, k, b.size);
            System.arraycopy(b.members, 0, b.members, k, b.size);
            System.arraycopy(a.scores, want, b.scores, 0, k);
            System.arraycopy(a.members, want, b.members, 0, k);
            Arrays.fill(a.members, want, a.size, null);
        } else {
            int k = want - a.size;
            System.arraycopy(b.scores, 0, a.scores, a.size, k);
            System.arraycopy(b.members, 0, a.members, a.size, k);
            System.arraycopy(b.scores, k, b.scores, 0, b.size - k);
            System.arraycopy(b.members, k, b.members, 0, b.size - k);
            Arrays.fill(b.members, b.size - k, b.size, null);
        }
        a.size = want;
        b.size = total - want;
        p.keyScores[li] = b.scores[0];
        p.keyMembers[li] = b.members[0];
        p.counts[li] = a.size;
        p.counts[ri] = b.size;
    }

    /** Drops child {@code idx} (at least 1) of {@code p} with the separator on its left. */
    private static void removeChild(Inner p, int idx) {
        int n = p.size;
        System.arraycopy(p.children, idx + 1, p.children, idx, n - 1 - idx);
        System.arraycopy(p.counts, idx + 1, p.counts, idx, n - 1 - idx);
        System.arraycopy(p.keyScores, idx, p.keyScores, idx - 1, n - 1 - idx);
        System.arraycopy(p.keyMembers, idx, p.keyMembers, idx - 1, n - 1 - idx);
        p.children[n - 1] = null;
        p.keyMembers[n - 2] = null;
        p.size = n - 1;
    }

    /** Rebalances inner node {@code node} at depth {@code d} of the recorded path after it lost a child. */
    private void innerUnderflow(Inner node, int d) {
        if (d == 0) {
            if (node.size == 1) {
                root = node.children[0];
                height--;
                nodeBytes -= innerBytes(node.children.length);
            }
            return;
        }
        if (node.size >= innerMin) {
            return;
        }
        Inner p = pathNode[d - 1];
        int li = Math.max(0, pathIdx[d - 1] - 1);
        int ri = li + 1;
        Inner a = (Inner) p.children[li];
        Inner b = (Inner) p.children[ri];
        int an = a.size;
        int bn = b.size;
        int total = an + bn;
        if (total <= innerMerge) {
            a.keyScores[an - 1] = p.keyScores[li];
            a.keyMembers[an - 1] = p.keyMembers[li];
            System.arraycopy(b.keyScores, 0, a.keyScores, an, bn - 1);
            System.arraycopy(b.keyMembers, 0, a.keyMembers, an, bn - 1);
            System.arraycopy(b.children, 0, a.children, an, bn);
            System.arraycopy(b.counts, 0, a.counts, an, bn);
            a.size = total;
            nodeBytes -= innerBytes(b.children.length);
            p.counts[li] += p.counts[ri];
            removeChild(p, ri);
            innerUnderflow(p, d - 1);
            return;
        }
        int want = total / 2;
        if (an > want) {
            // a's last k children go to the front of b, rotating through the parent's separator
            int k = an - want;
            System.arraycopy(b.children, 0, b.children, k, bn);
            System.arraycopy(b.counts, 0, b.counts, k, bn);
            System.arraycopy(b.keyScores, 0, b.keyScores, k, bn - 1);
            System.arraycopy(b.keyMembers, 0, b.keyMembers, k, bn - 1);
            System.arraycopy(a.children, want, b.children, 0, k);
            System.arraycopy(a.counts, want, b.counts, 0, k);
            System.arraycopy(a.keyScores, want, b.keyScores, 0, k - 1);
            System.arraycopy(a.keyMembers, want, b.keyMembers, 0, k - 1);
            b.keyScores[k - 1] = p.keyScores[li];
            b.keyMembers[k - 1] = p.keyMembers[li];
            p.keyScores[li] = a.keyScores[want - 1];
            p.keyMembers[li] = a.keyMembers[want - 1];
            int delta = sum(a.counts, want, an);
            Arrays.fill(a.children, want, an, null);
            Arrays.fill(a.keyMembers, want - 1, an - 1, null);
            p.counts[li] -= delta;
            p.counts[ri] += delta;
        } else {
            // b's first k children go to the end of a
            int k = want - an;
            System.arraycopy(b.children, 0, a.children, an, k);
            System.arraycopy(b.counts, 0, a.counts, an, k);
            a.keyScores[an - 1] = p.keyScores[li];
            a.keyMembers[an - 1] = p.keyMembers[li];
            System.arraycopy(b.keyScores, 0, a.keyScores, an, k - 1);
            System.arraycopy(b.keyMembers, 0, a.keyMembers, an, k - 1);
            p.keyScores[li] = b.keyScores[k - 1];
            p.keyMembers[li] = b.keyMembers[k - 1];
            int delta = sum(b.counts, 0, k);
            System.arraycopy(b.children, k, b.children, 0, bn - k);
            System.arraycopy(b.counts, k, b.counts, 0, bn - k);
            System.arraycopy(b.keyScores, k, b.keyScores, 0, bn - 1 - k);
            System.arraycopy(b.keyMembers, k, b.keyMembers, 0, bn - 1 - k);
            Arrays.fill(b.children, bn - k, bn, null);
            Arrays.fill(b.keyMembers, bn - 1 - k, bn - 1, null);
            p.counts[li] += delta;
            p.counts[ri] -= delta;
        }
        a.size = want;
        b.size = total - want;
    }

    // ---- verification, for tests ----------------------------------------------------------------------

    /** Checks every invariant in the class comment; throws IllegalStateException on the first broken one. */
    void checkInvariants() {
        Leaf[] prevLeaf = new Leaf[1];
        int counted = checkNode(root, height, true, null, 0, null, 0, prevLeaf);
        require(counted == length, "length " + length + " but the tree holds " + counted);
        require(prevLeaf[0] == null || prevLeaf[0].next == null, "last leaf has a successor");
        int indexed = 0;
        for (int b = 0; b < buckets.length; b++) {
            for (Entry e = buckets[b]; e != null; e = e.next) {
                indexed++;
                require((e.hash & (buckets.length - 1)) == b, "entry in the wrong bucket");
                require(e.hash == hash(e.member), "stale hash");
                long rank = countBelow(BY_KEY, e.score, e.member, false);
                require(rank < length, "indexed member not in the tree");
                byte[][] at = new byte[1][];
                double[] sc = new double[1];
                visit((int) rank, 1, false, (m, s) -> {
                    at[0] = m;
                    sc[0] = s;
                });
                require(Arrays.equals(at[0], e.member) && Double.compare(sc[0], e.score) == 0,
                        "indexed member not where its score puts it");
            }
        }
        require(indexed == length, "index holds " + indexed + " of " + length);
    }

    /** Checks a subtree whose keys lie in [lo, hi) (null: unbounded); returns its element count. */
    private int checkNode(Node n, int levels, boolean isRoot, byte[] loM, double loS, byte[] hiM, double hiS,
                          Leaf[] prevLeaf) {
        if (levels == 0) {
            Leaf l = (Leaf) n;
            require(isRoot || l.next == null || l.size >= leafMin, "leaf below minimum: " + l.size);
            require(l.size <= leafCap, "leaf above capacity");
            require(l.prev == prevLeaf[0], "broken leaf back link");
            require(prevLeaf[0] == null || prevLeaf[0].next == l, "broken leaf forward link");
            prevLeaf[0] = l;
            for (int i = 0; i < l.size; i++) {
                require(l.members[i] != null, "missing member");
                require(i == 0 || less(l.scores[i - 1], l.members[i - 1], l.scores[i], l.members[i]), "leaf out of order");
                require(loM == null || !less(l.scores[i], l.members[i], loS, loM), "element below its separator");
                require(hiM == null || less(l.scores[i], l.members[i], hiS, hiM), "element not below the next separator");
            }
            for (int i = l.size; i < l.members.length; i++) {
                require(l.members[i] == null, "stale member reference in a leaf");
            }
            return l.size;
        }
        Inner in = (Inner) n;
        require(in.size >= (isRoot ? 2 : innerMin), "inner node below minimum: " + in.size);
        require(in.size <= innerCap, "inner node above capacity");
        int total = 0;
        for (int i = 0; i < in.size; i++) {
            byte[] cLoM = i == 0 ? loM : in.keyMembers[i - 1];
            double cLoS = i == 0 ? loS : in.keyScores[i - 1];
            byte[] cHiM = i == in.size - 1 ? hiM : in.keyMembers[i];
            double cHiS = i == in.size - 1 ? hiS : in.keyScores[i];
            int c = checkNode(in.children[i], levels - 1, false, cLoM, cLoS, cHiM, cHiS, prevLeaf);
            require(c == in.counts[i], "count " + in.counts[i] + " but child holds " + c);
            total += c;
        }
        for (int i = in.size; i < in.children.length; i++) {
            require(in.children[i] == null, "stale child reference");
        }
        return total;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
