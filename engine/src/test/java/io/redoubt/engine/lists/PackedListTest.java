package io.redoubt.engine.lists;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.PackedLength;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quicklist's node layout: nodes split, empty and merge where they should, stay within their
 * fill, hold elements of any size, and the byte accounting matches the arrays actually held. Every
 * test also checks the node invariants ({@link #checkNodes}).
 */
class PackedListTest {

    private static byte[] s(String v) {
        return v.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static List<String> contents(ListValue l) {
        List<String> out = new ArrayList<>();
        for (byte[] v : l.sortElements()) {
            out.add(new String(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** No empty node, counts add up, entries walk exactly to the used bytes, limits hold, bytes add up. */
    private static void checkNodes(ListValue l) {
        List<int[]> shapes = l.nodeShapes();
        int total = 0;
        long arrays = 0;
        for (int[] shape : shapes) {
            int count = shape[0];
            int used = shape[1];
            int capacity = shape[2];
            int start = shape[3];
            int end = shape[4];
            assertThat(count).as("no empty node").isPositive();
            assertThat(used).isLessThanOrEqualTo(capacity);
            assertThat(start).as("front room within what the header says").isBetween(ListNode.HEADER, ListNode.HEADER + ListNode.MAX_FRONT);
            assertThat(end).as("entries inside the array").isBetween(start, capacity);
            assertThat(used).as("bytes used leave out the free room").isEqualTo(ListNode.HEADER + end - start);
            if (count > 1) {
                if (l.fill() < 0) {
                    assertThat(used).as("node within its byte limit").isLessThanOrEqualTo(ListNode.byteLimit(l.fill()));
                } else {
                    assertThat(count).as("node within its entry limit").isLessThanOrEqualTo(l.fill());
                }
            }
            total += count;
            arrays += PackedLength.arrayBytes(capacity);
        }
        assertThat(total).isEqualTo(l.size());
        assertThat(l.nodeCount()).isEqualTo(shapes.size());
        long ring = l.estimatedBytes() - arrays;
        assertThat(ring).as("object and ring bytes").isBetween(40L + 24, 40L + 16 + 4L * Math.max(4, 4 * shapes.size()) + 8);
        // walking forward and backward gives the same elements as get(i)
        if (l.size() > 0) {
            List<String> forward = new ArrayList<>();
            for (ListValue.Cursor c = l.cursor(0); c.valid(); c.forward()) {
                forward.add(new String(c.value(), StandardCharsets.UTF_8));
            }
            List<String> backward = new ArrayList<>();
            for (ListValue.Cursor c = l.cursor(l.size() - 1); c.valid(); c.backward()) {
                backward.add(0, new String(c.value(), StandardCharsets.UTF_8));
            }
            assertThat(backward).isEqualTo(forward);
            for (int i = 0; i < l.size(); i++) {
                assertThat(new String(l.get(i), StandardCharsets.UTF_8)).isEqualTo(forward.get(i));
            }
        }
    }

    @Test
    void popsEmptyAndDropNodesAtBothEnds() {
        ListValue l = new ListValue(2);
        long empty = l.estimatedBytes();
        for (int i = 0; i < 6; i++) {
            l.pushTail(s("e" + i));
        }
        assertThat(l.nodeCount()).isEqualTo(3);
        assertThat(new String(l.popHead())).isEqualTo("e0");
        assertThat(new String(l.popHead())).isEqualTo("e1");
        assertThat(l.nodeCount()).isEqualTo(2);
        assertThat(new String(l.popTail())).isEqualTo("e5");
        assertThat(new String(l.popTail())).isEqualTo("e4");
        checkNodes(l);
        assertThat(contents(l)).containsExactly("e2", "e3");
        l.popTail();
        l.popTail();
        assertThat(l.nodeCount()).isZero();
        assertThat(l.estimatedBytes()).isEqualTo(empty);
        l.pushHead(s("again"));
        assertThat(contents(l)).containsExactly("again");
        checkNodes(l);
    }

    @Test
    void insertIntoAFullNodeSplitsIt() {
        ListValue l = new ListValue(4);
        for (String v : new String[] {"a", "b", "c", "d"}) {
            l.pushTail(s(v));
        }
        assertThat(l.nodeCount()).isEqualTo(1);
        l.insert(2, s("x"));
        assertThat(contents(l)).containsExactly("a", "b", "x", "c", "d");
        assertThat(l.nodeCount()).isEqualTo(2);
        checkNodes(l);
        // before the first element of a full node whose left neighbour has room: it goes there
        ListValue m = new ListValue(2);
        m.pushTail(s("a"));
        m.pushTail(s("b"));
        m.pushTail(s("c"));
        m.pushTail(s("d"));
        m.popHead();
        m.insert(1, s("y"));
        assertThat(contents(m)).containsExactly("b", "y", "c", "d");
        assertThat(m.nodeCount()).isEqualTo(2);
        checkNodes(m);
    }

    @Test
    void lsetWithALongerValueSplitsAnOverfullNode() {
        ListValue l = new ListValue(-1); // 4 KiB nodes
        for (int i = 0; i < 200; i++) {
            l.pushTail(s(String.format("v%015d", i)));
        }
        int nodesBefore = l.nodeCount();
        l.set(100, filled(1000, 'L'));
        assertThat(l.size()).isEqualTo(200);
        assertThat(l.get(100)).isEqualTo(filled(1000, 'L'));
        assertThat(new String(l.get(99))).isEqualTo(String.format("v%015d", 99));
        assertThat(new String(l.get(101))).isEqualTo(String.format("v%015d", 101));
        assertThat(l.nodeCount()).isGreaterThan(nodesBefore);
        checkNodes(l);
        // shorter and equal-length values replace in place
        l.set(100, s("short"));
        l.set(0, s("v999999999999999"));
        assertThat(new String(l.get(100))).isEqualTo("short");
        assertThat(new String(l.get(0))).isEqualTo("v999999999999999");
        checkNodes(l);
    }

    @Test
    void trimAcrossNodesDropsWholeNodesAndCutsTheEdges() {
        ListValue l = new ListValue(3);
        List<String> model = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            l.pushTail(s("" + i));
            model.add("" + i);
        }
        assertThat(l.nodeCount()).isEqualTo(10);
        l.trim(4, 25);
        assertThat(contents(l)).isEqualTo(model.subList(4, 26));
        assertThat(l.nodeCount()).isEqualTo(8);
        checkNodes(l);
        l.trim(0, 0);
        assertThat(contents(l)).containsExactly("4");
        l.trim(1, 0);
        assertThat(l.isEmpty()).isTrue();
        assertThat(l.nodeCount()).isZero();
    }

    @Test
    void cappedListPatternKeepsTheNewest() {
        ListValue l = new ListValue(-2);
        for (int i = 0; i < 5000; i++) {
            l.pushHead(s("item-" + i));
            l.trim(0, 999);
        }
        assertThat(l.size()).isEqualTo(1000);
        assertThat(new String(l.get(0))).isEqualTo("item-4999");
        assertThat(new String(l.get(999))).isEqualTo("item-4000");
        checkNodes(l);
    }

    @Test
    void removeAcrossNodesCompactsAndMergesNeighbours() {
        ListValue l = new ListValue(4);
        for (int i = 0; i < 40; i++) {
            l.pushTail(s(i % 2 == 0 ? "x" : "k" + i));
        }
        assertThat(l.nodeCount()).isEqualTo(10);
        assertThat(l.removeMatching(s("x"), 3, true)).isEqualTo(3);
        assertThat(l.indexOf(s("x"))).isZero();
        assertThat(new String(l.get(l.size() - 1))).isEqualTo("k39");
        assertThat(new String(l.get(l.size() - 2))).isEqualTo("k37");
        assertThat(l.removeMatching(s("x"), 0, false)).isEqualTo(17);
        assertThat(l.size()).isEqualTo(20);
        assertThat(l.indexOf(s("x"))).isEqualTo(-1);
        assertThat(l.nodeCount()).as("half-empty nodes merged").isEqualTo(5);
        checkNodes(l);
        assertThat(l.removeMatching(s("absent"), 0, false)).isZero();
        for (int i = 1; i < 40; i += 2) {
            l.removeMatching(s("k" + i), 1, false);
        }
        assertThat(l.isEmpty()).isTrue();
        assertThat(l.nodeCount()).isZero();
    }

    @Test
    void elementsBiggerThanANodeGetANodeOfTheirOwn() {
        ListValue l = new ListValue(-2);
        byte[] big = filled(20_000, 'B');
        byte[] mid = filled(300, 'M'); // a length needing the long prefix and suffix
        l.pushTail(s("a"));
        l.pushTail(big);
        l.pushTail(s("b"));
        l.pushHead(mid);
        assertThat(l.nodeCount()).isEqualTo(3);
        assertThat(l.get(2)).isEqualTo(big);
        assertThat(l.get(0)).isEqualTo(mid);
        checkNodes(l);
        l.insert(2, big);
        assertThat(l.get(2)).isEqualTo(big);
        assertThat(l.get(3)).isEqualTo(big);
        checkNodes(l);
        assertThat(new String(l.popTail())).isEqualTo("b");
        assertThat(l.popTail()).isEqualTo(big);
        assertThat(l.popTail()).isEqualTo(big);
        assertThat(new String(l.popTail())).isEqualTo("a");
        assertThat(l.popTail()).isEqualTo(mid);
        assertThat(l.isEmpty()).isTrue();
    }

    @Test
    void smallListsStaySmall() {
        ListValue one = new ListValue();
        one.pushTail(s("x"));
        assertThat(one.estimatedBytes()).as("object, ring of one, a 24-byte node").isEqualTo(40 + 24 + 40);
        ListValue ten = new ListValue();
        for (int i = 0; i < 10; i++) {
            ten.pushTail(s(String.format("v%015d", i)));
        }
        int[] shape = ten.nodeShapes().get(0);
        assertThat(shape[1]).isEqualTo(ListNode.HEADER + 10 * 18);
        // grown by an eighth at a time, rounded to 8 bytes
        assertThat(shape[2]).as("array grown by small chunks").isLessThanOrEqualTo(shape[1] + shape[1] / 8 + 8);
        // a 1M-element list averages close to 18 bytes per 16-byte element
        ListValue big = new ListValue();
        for (int i = 0; i < 1_000_000; i++) {
            big.pushTail(s(String.format("v%015d", i)));
        }
        assertThat(big.estimatedBytes() / 1_000_000.0).isBetween(18.0, 20.0);
        checkNodes(ten);
    }

    @Test
    void copyDoesNotShareNodes() {
        ListValue l = new ListValue(2);
        for (int i = 0; i < 5; i++) {
            l.pushTail(s("" + i));
        }
        ListValue c = (ListValue) l.copy();
        c.set(0, s("changed"));
        c.popTail();
        assertThat(contents(l)).containsExactly("0", "1", "2", "3", "4");
        assertThat(contents(c)).containsExactly("changed", "1", "2", "3");
        assertThat(c.estimatedBytes()).isLessThanOrEqualTo(l.estimatedBytes());
        checkNodes(c);
    }

    @ParameterizedTest
    @ValueSource(ints = {-5, -2, -1, 0, 1, 3, 16})
    void randomOperationsMatchAnArrayListUnderEveryFill(int fill) {
        Random random = new Random(31 + fill);
        ListValue l = new ListValue(fill);
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 6000; step++) {
            String v = value(random);
            switch (random.nextInt(12)) {
                case 0, 1 -> {
                    l.pushHead(s(v));
                    model.add(0, v);
                }
                case 2, 3 -> {
                    l.pushTail(s(v));
                    model.add(v);
                }
                case 4 -> {
                    if (!model.isEmpty()) {
                        assertThat(new String(l.popHead())).isEqualTo(model.remove(0));
                    }
                }
                case 5 -> {
                    if (!model.isEmpty()) {
                        assertThat(new String(l.popTail())).isEqualTo(model.remove(model.size() - 1));
                    }
                }
                case 6, 7 -> {
                    int at = random.nextInt(model.size() + 1);
                    l.insert(at, s(v));
                    model.add(at, v);
                }
                case 8 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        l.set(at, s(v));
                        model.set(at, v);
                    }
                }
                case 9 -> {
                    if (!model.isEmpty() && random.nextInt(10) == 0) {
                        int start = random.nextInt(model.size());
                        int end = start + random.nextInt(model.size() - start);
                        l.trim(start, end);
                        model = new ArrayList<>(model.subList(start, end + 1));
                    }
                }
                case 10 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        assertThat(new String(l.get(at))).isEqualTo(model.get(at));
                        assertThat(l.indexOf(s(model.get(at)))).isEqualTo(model.indexOf(model.get(at)));
                    }
                }
                default -> {
                    long limit = random.nextInt(3);
                    boolean fromTail = random.nextBoolean();
                    int removed = ListValueModelTest.removeMatching(model, v, limit, fromTail);
                    assertThat(l.removeMatching(s(v), limit, fromTail)).isEqualTo(removed);
                }
            }
            assertThat(l.size()).isEqualTo(model.size());
            if (step % 500 == 0) {
                checkNodes(l);
            }
        }
        assertThat(contents(l)).isEqualTo(model);
        checkNodes(l);
    }

    @Test
    void tailBuiltNodesHaveNoFrontRoom() {
        for (int fill : new int[] {-5, -2, -1, 1, 7, 128}) {
            ListValue l = new ListValue(fill);
            for (int i = 0; i < 20_000; i++) {
                l.pushTail(s(i % 50 == 0 ? "m".repeat(300) : "v" + i));
            }
            l.insert(l.size() / 2, s("middle"));
            l.set(l.size() / 3, s("a longer value than was there"));
            for (int[] shape : l.nodeShapes()) {
                assertThat(shape[3]).as("fill %d: no front room", fill).isEqualTo(ListNode.HEADER);
            }
            checkNodes(l);
        }
    }

    @Test
    void headPushesWriteBeforeTheFirstEntryWithoutMovingTheOthers() {
        ListValue l = new ListValue(-2);
        l.pushHead(s("first"));
        assertThat(l.nodeShapes().get(0)[3]).as("a node made by a head push has its room at the front")
                .isGreaterThan(ListNode.HEADER);
        int inRoom = 0;
        for (int i = 0; i < 2000; i++) { // 2000 three-byte entries fit one 8 KiB node
            int[] before = l.nodeShapes().get(0);
            l.pushHead(s("x"));
            int[] after = l.nodeShapes().get(0);
            if (l.nodeCount() == 1 && before[3] - ListNode.HEADER >= ListNode.entrySize(1)) {
                inRoom++;
                assertThat(after[2]).as("same array").isEqualTo(before[2]);
                assertThat(after[3]).as("start moved down by one entry").isEqualTo(before[3] - ListNode.entrySize(1));
                assertThat(after[4]).as("the other entries stayed").isEqualTo(before[4]);
            }
        }
        assertThat(inRoom).as("most pushes found room").isGreaterThan(1900);
        assertThat(l.nodeCount()).isEqualTo(1);
        int popsInPlace = 0;
        while (l.size() > 1) {
            int[] before = l.nodeShapes().get(0);
            int nodes = l.nodeCount();
            assertThat(new String(l.popHead())).isEqualTo("x");
            int[] after = l.nodeShapes().get(0);
            if (l.nodeCount() == nodes && after[2] == before[2]) {
                popsInPlace++;
                assertThat(after[3]).as("a pop at the head moves start up").isEqualTo(before[3] + ListNode.entrySize(1));
                assertThat(after[4]).isEqualTo(before[4]);
            }
        }
        assertThat(popsInPlace).isGreaterThan(1900);
        assertThat(contents(l)).containsExactly("first");
        checkNodes(l);
    }

    @Test
    void headBuiltListsCostWhatTailBuiltOnesCost() {
        for (int fill : new int[] {-2, -5, 128}) {
            ListValue head = new ListValue(fill);
            ListValue tail = new ListValue(fill);
            ListValue both = new ListValue(fill);
            for (int i = 0; i < 60_000; i++) {
                byte[] v = s(Integer.toString(i % 1000));
                head.pushHead(v);
                tail.pushTail(v);
                if (i % 2 == 0) {
                    both.pushHead(v);
                } else {
                    both.pushTail(v);
                }
            }
            assertThat((double) head.estimatedBytes()).as("fill %d head-built", fill)
                    .isLessThanOrEqualTo(tail.estimatedBytes() * 1.01);
            // pushed at both ends: the first node as well as the last is partly filled, and the nodes hold
            // other values than the tail-built list's (so other sizes and roundings)
            assertThat((double) both.estimatedBytes()).as("fill %d built at both ends", fill)
                    .isLessThanOrEqualTo(tail.estimatedBytes() * 1.03 + ListNode.arrayLimit(fill) / 8.0);
            assertThat(head.packedBytes()).isEqualTo(tail.packedBytes());
            assertThat(head.nodeCount()).isEqualTo(tail.nodeCount());
            checkNodes(head);
            checkNodes(both);
            // popped back at the head to nothing, node by node, as LPOP does
            for (int i = 59_999; i >= 0; i--) {
                assertThat(new String(head.popHead())).isEqualTo(Integer.toString(i % 1000));
                if (i % 20_000 == 0) {
                    checkNodes(head);
                }
            }
            assertThat(head.estimatedBytes()).isEqualTo(new ListValue(fill).estimatedBytes());
        }
    }

    @Test
    void queueAndStackPatternsStayCorrectAndCompact() {
        ListValue queue = new ListValue(-1);
        ListValue stack = new ListValue(-1);
        java.util.ArrayDeque<String> stackModel = new java.util.ArrayDeque<>();
        int next = 0;
        int oldest = 0;
        for (int round = 0; round < 40; round++) {
            int pushes = 100 + (round * 37) % 400;
            for (int i = 0; i < pushes; i++) {
                queue.pushTail(s("q" + next));
                stack.pushHead(s("s" + next));
                stackModel.push("s" + next);
                next++;
            }
            int pops = Math.min(queue.size(), 80 + (round * 53) % 450);
            for (int i = 0; i < pops; i++) {
                assertThat(new String(queue.popHead())).isEqualTo("q" + oldest++);
                assertThat(new String(stack.popHead())).isEqualTo(stackModel.pop());
            }
            checkNodes(queue);
            checkNodes(stack);
            assertThat(queue.size()).isEqualTo(next - oldest);
            assertThat(contents(stack)).containsExactlyElementsOf(stackModel);
            assertThat(queue.estimatedBytes()).isLessThan(200L + 2L * queue.packedBytes() + 8192);
            assertThat(stack.estimatedBytes()).isLessThan(200L + 2L * stack.packedBytes() + 8192);
        }
    }

    @Test
    void aNodeArrayPastItsLimitKeepsItsFrontRoomInRange() {
        // one element bigger than 64 KiB, then replaced by one that fits: the array stays past the limit
        ListValue l = new ListValue(-5);
        l.pushTail(filled(100_000, 'H'));
        l.set(0, filled(60_000, 'h'));
        for (int i = 0; i < 500; i++) {
            l.pushHead(s("p" + i));
            l.pushTail(s("t" + i));
        }
        checkNodes(l);
        l.deleteRange(0, 500);
        assertThat(l.get(0)).isEqualTo(filled(60_000, 'h'));
        checkNodes(l);
        assertThat(l.popHead()).isEqualTo(filled(60_000, 'h'));
        for (int i = 0; i < 200; i++) {
            l.pushHead(s("again" + i));
        }
        assertThat(new String(l.get(0))).isEqualTo("again199");
        assertThat(new String(l.get(l.size() - 1))).isEqualTo("t499");
        checkNodes(l);
    }

    @ParameterizedTest
    @ValueSource(ints = {-5, -3, -2, -1, 0, 1, 2, 5, 64, 1000})
    void headHeavyOperationsMatchAnArrayListUnderEveryFill(int fill) {
        Random random = new Random(977 + fill);
        ListValue l = new ListValue(fill);
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 8000; step++) {
            String v = value(random);
            int op = random.nextInt(20);
            if (op < 7) {
                int burst = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 4);
                for (int i = 0; i < burst; i++) {
                    String w = i == 0 ? v : Integer.toString(random.nextInt(9));
                    l.pushHead(s(w));
                    model.add(0, w);
                }
            } else if (op < 11) {
                int burst = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 3);
                for (int i = 0; i < burst && !model.isEmpty(); i++) {
                    assertThat(new String(l.popHead())).isEqualTo(model.remove(0));
                }
            } else if (op == 11) {
                l.pushTail(s(v));
                model.add(v);
            } else if (op == 12) {
                if (!model.isEmpty()) {
                    assertThat(new String(l.popTail())).isEqualTo(model.remove(model.size() - 1));
                }
            } else if (op == 13) {
                // LINSERT, often next to the head
                int at = random.nextBoolean() ? random.nextInt(Math.min(model.size(), 5) + 1) : random.nextInt(model.size() + 1);
                l.insert(at, s(v));
                model.add(at, v);
            } else if (op == 14) {
                if (!model.isEmpty()) {
                    int at = random.nextBoolean() ? random.nextInt(Math.min(model.size(), 5)) : random.nextInt(model.size());
                    l.set(at, s(v));
                    model.set(at, v);
                }
            } else if (op == 15) {
                if (!model.isEmpty() && random.nextInt(4) == 0) {
                    // LTRIM, mostly the capped-list kind that keeps the newest
                    int start = random.nextBoolean() ? 0 : random.nextInt(model.size());
                    int end = start + random.nextInt(model.size() - start);
                    l.trim(start, end);
                    model = new ArrayList<>(model.subList(start, end + 1));
                }
            } else if (op == 16) {
                if (!model.isEmpty()) {
                    int at = random.nextInt(model.size());
                    int count = 1 + random.nextInt(Math.min(model.size() - at, 50));
                    l.deleteRange(at, count);
                    model.subList(at, at + count).clear();
                }
            } else if (op == 17) {
                long limit = random.nextInt(3);
                boolean fromTail = random.nextBoolean();
                int removed = ListValueModelTest.removeMatching(model, v, limit, fromTail);
                assertThat(l.removeMatching(s(v), limit, fromTail)).isEqualTo(removed);
            } else if (op == 18) {
                if (!model.isEmpty()) {
                    int at = random.nextInt(model.size());
                    assertThat(new String(l.get(at))).isEqualTo(model.get(at));
                    assertThat(l.indexOf(s(model.get(at)))).isEqualTo(model.indexOf(model.get(at)));
                    // LRANGE from there, both ways
                    ListValue.Cursor c = l.cursor(at);
                    for (int i = at; i < Math.min(model.size(), at + 30); i++, c.forward()) {
                        assertThat(new String(c.value())).isEqualTo(model.get(i));
                    }
                    c = l.cursor(at);
                    for (int i = at; i >= Math.max(0, at - 30); i--, c.backward()) {
                        assertThat(c.matches(s(model.get(i)))).isTrue();
                    }
                }
            } else if (random.nextInt(20) == 0) {
                ListValue copy = (ListValue) l.copy();
                assertThat(contents(copy)).isEqualTo(model);
                copy.pushHead(s("only in the copy"));
                checkNodes(copy);
            }
            assertThat(l.size()).isEqualTo(model.size());
            if (step % 400 == 0) {
                checkNodes(l);
                assertThat(contents(l)).isEqualTo(model);
            }
        }
        assertThat(contents(l)).isEqualTo(model);
        checkNodes(l);
        while (!l.isEmpty()) {
            assertThat(new String(l.popHead())).isEqualTo(model.remove(0));
        }
        assertThat(l.estimatedBytes()).isEqualTo(new ListValue(fill).estimatedBytes());
    }

    /** Mostly short values from a small alphabet (so LREM finds matches), sometimes long or huge ones. */
    private static String value(Random random) {
        int kind = random.nextInt(100);
        if (kind < 90) {
            return Integer.toString(random.nextInt(9));
        }
        if (kind < 98) {
            return "m".repeat(250 + random.nextInt(20)) + random.nextInt(3);
        }
        return "H".repeat(9000 + random.nextInt(2000));
    }
}
