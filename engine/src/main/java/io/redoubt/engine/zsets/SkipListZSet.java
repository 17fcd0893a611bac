package io.redoubt.engine.zsets;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * A large sorted set, Redis's {@code skiplist} encoding: a skip list whose links carry spans (how many
 * elements each link jumps over) so rank lookups are O(log n), plus a chained hash index from member
 * to node for O(1) score lookups.
 *
 * <p>Invariants: list order is (score, member); for every level, the spans along the path from the
 * header add up to the rank of each node; the hash index holds exactly the nodes of the list, in a
 * power-of-two table so ZSCAN's reverse-binary cursor survives resizes.
 */
final class SkipListZSet implements ZSetStore {
    private static final int MAX_LEVEL = 32;
    private static final int MIN_BUCKETS = 8;

    /** One element; also a link in its hash bucket chain. */
    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        final int[] span;
        Node hashNext;
        final int hash;

        Node(byte[] member, double score, int level, int hash) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new int[level];
            this.hash = hash;
        }
    }

    private final Node header = new Node(null, 0, MAX_LEVEL, 0);
    private Node tail;
    private int level = 1;
    private int length;
    private Node[] buckets = new Node[MIN_BUCKETS];
    private long bytes;
    // scratch for link/unlink, reused because one thread owns the set
    private final Node[] update = new Node[MAX_LEVEL];
    private final int[] rank = new int[MAX_LEVEL];

    @Override
    public ZSetStore copy() {
        SkipListZSet c = new SkipListZSet();
        for (Node x = header.forward[0]; x != null; x = x.forward[0]) {
            c.insert(x.member, x.score);
        }
        return c;
    }

    /** True when (s1, m1) sorts before (s2, m2). */
    static boolean less(double s1, byte[] m1, double s2, byte[] m2) {
        return s1 < s2 || (s1 == s2 && Arrays.compareUnsigned(m1, m2) < 0);
    }

    @Override
    public int size() {
        return length;
    }

    // ---- hash index -----------------------------------------------------------------------------------

    private static int hash(byte[] member) {
        int h = Arrays.hashCode(member);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    private Node find(byte[] member) {
        int h = hash(member);
        for (Node n = buckets[h & (buckets.length - 1)]; n != null; n = n.hashNext) {
            if (n.hash == h && Arrays.equals(n.member, member)) {
                return n;
            }
        }
        return null;
    }

    private void index(Node n) {
        int slot = n.hash & (buckets.length - 1);
        n.hashNext = buckets[slot];
        buckets[slot] = n;
    }

    private void unindex(Node target) {
        int slot = target.hash & (buckets.length - 1);
        Node prev = null;
        for (Node n = buckets[slot]; n != null; prev = n, n = n.hashNext) {
            if (n == target) {
                if (prev == null) {
                    buckets[slot] = n.hashNext;
                } else {
                    prev.hashNext = n.hashNext;
                }
                n.hashNext = null;
                return;
            }
        }
    }

    private void rehash(int capacity) {
        Node[] old = buckets;
        buckets = new Node[capacity];
        for (Node head : old) {
            Node n = head;
            while (n != null) {
                Node next = n.hashNext;
                index(n);
                n = next;
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
            for (Node n = buckets[(int) (v & mask)]; n != null; n = n.hashNext) {
                visitor.accept(n.member, n.score);
                visited++;
            }
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        } while (v != 0 && visited < count);
        return v;
    }

    // ---- skip list ------------------------------------------------------------------------------------

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && r.nextInt(4) == 0) {
            lvl++;
        }
        return lvl;
    }

    @Override
    public double score(byte[] member) {
        Node n = find(member);
        return n == null ? Double.NaN : n.score;
    }

    @Override
    public void insert(byte[] member, double score) {
        Node n = link(member, score, hash(member));
        index(n);
        bytes += 64 + member.length + 12L * n.forward.length;
        if (length > buckets.length) {
            rehash(buckets.length * 2);
        }
    }

    private Node link(byte[] member, double score, int hash) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && less(x.forward[i].score, x.forward[i].member, score, member)) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span[i] = length;
            }
            level = lvl;
        }
        Node n = new Node(member, score, lvl, hash);
        for (int i = 0; i < lvl; i++) {
            n.forward[i] = update[i].forward[i];
            update[i].forward[i] = n;
            n.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = rank[0] - rank[i] + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        n.backward = update[0] == header ? null : update[0];
        if (n.forward[0] != null) {
            n.forward[0].backward = n;
        } else {
            tail = n;
        }
        length++;
        return n;
    }

    private void unlink(Node target) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && x.forward[i] != target
                    && less(x.forward[i].score, x.forward[i].member, target.score, target.member)) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == target) {
                update[i].span[i] += target.span[i] - 1;
                update[i].forward[i] = target.forward[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (target.forward[0] != null) {
            target.forward[0].backward = target.backward;
        } else {
            tail = target.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    @Override
    public void update(byte[] member, double oldScore, double newScore) {
        Node n = find(member);
        Node prev = n.backward;
        Node next = n.forward[0];
        // the common case: the element keeps its place, so only its score changes
        if ((prev == null || less(prev.score, prev.member, newScore, member))
                && (next == null || less(newScore, member, next.score, next.member))) {
            n.score = newScore;
            return;
        }
        unlink(n);
        unindex(n);
        bytes -= 64 + member.length + 12L * n.forward.length;
        insert(member, newScore);
    }

    @Override
    public boolean remove(byte[] member) {
        Node n = find(member);
        if (n == null) {
            return false;
        }
        unlink(n);
        unindex(n);
        bytes -= 64 + member.length + 12L * n.forward.length;
        if (buckets.length > MIN_BUCKETS && length < buckets.length / 8) {
            rehash(buckets.length / 2);
        }
        return true;
    }

    @Override
    public long rank(byte[] member) {
        Node n = find(member);
        if (n == null) {
            return -1;
        }
        int traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && less(x.forward[i].score, x.forward[i].member, n.score, member)) {
                traversed += x.span[i];
                x = x.forward[i];
            }
        }
        return traversed;
    }

    /** The node at 0-based {@code rank}. */
    private Node nodeAt(int rank) {
        int target = rank + 1;
        int traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= target) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }

    @Override
    public void visit(int start, int count, boolean reverse, Visitor visitor) {
        if (count <= 0) {
            return;
        }
        Node x = start == length - 1 ? tail : nodeAt(start);
        for (int k = 0; k < count && x != null; k++) {
            Node next = reverse ? x.backward : x.forward[0];
            visitor.accept(x.member, x.score);
            x = next;
        }
    }

    @Override
    public int countScoreBelow(double score, boolean inclusive) {
        int traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null
                    && (x.forward[i].score < score || (inclusive && x.forward[i].score == score))) {
                traversed += x.span[i];
                x = x.forward[i];
            }
        }
        return traversed;
    }

    @Override
    public int countLexBelow(byte[] member, boolean inclusive) {
        int traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null) {
                int c = Arrays.compareUnsigned(x.forward[i].member, member);
                if (c < 0 || (inclusive && c == 0)) {
                    traversed += x.span[i];
                    x = x.forward[i];
                } else {
                    break;
                }
            }
        }
        return traversed;
    }

    @Override
    public int countLexAbove(byte[] member, boolean inclusive) {
        return length - countLexBelow(member, !inclusive);
    }

    @Override
    public long bytes() {
        return 64 + 8L * buckets.length + bytes;
    }
}
