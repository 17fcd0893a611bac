package io.redoubt.engine.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packed list checked against an ArrayList through random operations at both ends and inside. */
class ListValueModelTest {

    private static byte[] b(int i) {
        return Integer.toString(i % 7).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> contents(ListValue l) {
        List<String> out = new ArrayList<>();
        for (byte[] v : l.sortElements()) {
            out.add(new String(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** LREM on the model: removes up to {@code limit} (0: all) copies of {@code v} scanning from one end. */
    static int removeMatching(List<String> model, String v, long limit, boolean fromTail) {
        int removed = 0;
        for (int k = 0; k < model.size() && (limit == 0 || removed < limit); k++) {
            int idx = fromTail ? model.size() - 1 - k : k;
            if (model.get(idx).equals(v)) {
                model.remove(idx);
                removed++;
                k--; // the next candidate now sits at the same distance from the end scanned from
            }
        }
        return removed;
    }

    @Test
    void randomOperationsMatchAnArrayList() {
        Random random = new Random(7);
        ListValue l = new ListValue();
        List<String> model = new ArrayList<>();
        long emptyBytes = new ListValue().estimatedBytes();
        for (int step = 0; step < 20000; step++) {
            int i = random.nextInt(1000);
            switch (random.nextInt(9)) {
                case 0, 1 -> {
                    l.pushHead(b(i));
                    model.add(0, new String(b(i)));
                }
                case 2, 3 -> {
                    l.pushTail(b(i));
                    model.add(new String(b(i)));
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
                case 6 -> {
                    int at = random.nextInt(model.size() + 1);
                    l.insert(at, b(i));
                    model.add(at, new String(b(i)));
                }
                case 7 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        l.set(at, b(i));
                        model.set(at, new String(b(i)));
                    }
                }
                default -> {
                    long limit = random.nextInt(3);
                    boolean fromTail = random.nextBoolean();
                    String v = new String(b(i));
                    int removed = removeMatching(model, v, limit, fromTail);
                    assertThat(l.removeMatching(b(i), limit, fromTail)).isEqualTo(removed);
                }
            }
            assertThat(l.size()).isEqualTo(model.size());
        }
        assertThat(contents(l)).isEqualTo(model);
        while (!l.isEmpty()) {
            l.popHead();
        }
        assertThat(l.estimatedBytes()).isEqualTo(emptyBytes);
    }

    /**
     * Mostly pushes and pops at the head, in bursts that grow nodes to their limit and empty them again,
     * mixed with every other edit; under count and byte fills alike.
     */
    @ParameterizedTest
    @ValueSource(ints = {-5, -2, -1, 1, 2, 4, 100})
    void headHeavyOperationsMatchAnArrayList(int fill) {
        Random random = new Random(1000 + fill);
        ListValue l = new ListValue(fill);
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 30000; step++) {
            int i = random.nextInt(1000);
            String v = random.nextInt(50) == 0 ? "long-" + "z".repeat(random.nextInt(600)) : new String(b(i));
            int op = random.nextInt(16);
            if (op < 6) {
                int burst = random.nextInt(30) == 0 ? 500 : 1;
                for (int n = 0; n < burst; n++) {
                    l.pushHead(v.getBytes(StandardCharsets.UTF_8));
                    model.add(0, v);
                }
            } else if (op < 10) {
                int burst = random.nextInt(30) == 0 ? 400 : 1;
                for (int n = 0; n < burst && !model.isEmpty(); n++) {
                    assertThat(new String(l.popHead(), StandardCharsets.UTF_8)).isEqualTo(model.remove(0));
                }
            } else if (op == 10) {
                l.pushTail(v.getBytes(StandardCharsets.UTF_8));
                model.add(v);
            } else if (op == 11) {
                if (!model.isEmpty()) {
                    assertThat(new String(l.popTail(), StandardCharsets.UTF_8)).isEqualTo(model.remove(model.size() - 1));
                }
            } else if (op == 12) {
                int at = random.nextInt(model.size() + 1);
                l.insert(at, v.getBytes(StandardCharsets.UTF_8));
                model.add(at, v);
            } else if (op == 13) {
                if (!model.isEmpty()) {
                    int at = random.nextInt(Math.min(model.size(), 3 + random.nextInt(model.size())));
                    l.set(at, v.getBytes(StandardCharsets.UTF_8));
                    model.set(at, v);
                }
            } else if (op == 14) {
                if (!model.isEmpty() && random.nextInt(8) == 0) {
                    int keep = random.nextInt(model.size());
                    l.trim(0, keep); // the capped list: LPUSH then LTRIM 0 N
                    model.subList(keep + 1, model.size()).clear();
                }
            } else {
                long limit = random.nextInt(3);
                boolean fromTail = random.nextBoolean();
                int removed = removeMatching(model, v, limit, fromTail);
                assertThat(l.removeMatching(v.getBytes(StandardCharsets.UTF_8), limit, fromTail)).isEqualTo(removed);
            }
            assertThat(l.size()).isEqualTo(model.size());
            if (step % 1000 == 0) {
                assertThat(contents(l)).isEqualTo(model);
                if (!model.isEmpty()) {
                    int at = random.nextInt(model.size());
                    assertThat(new String(l.get(at), StandardCharsets.UTF_8)).isEqualTo(model.get(at));
                }
            }
        }
        assertThat(contents(l)).isEqualTo(model);
        List<String> backward = new ArrayList<>();
        if (!model.isEmpty()) {
            for (ListValue.Cursor c = l.cursor(l.size() - 1); c.valid(); c.backward()) {
                backward.add(0, new String(c.value(), StandardCharsets.UTF_8));
            }
        }
        assertThat(backward).isEqualTo(model);
    }

    @Test
    void trimKeepsTheRequestedWindow() {
        ListValue l = new ListValue();
        for (int i = 0; i < 100; i++) {
            l.pushTail(Integer.toString(i).getBytes());
        }
        l.trim(10, 19);
        assertThat(contents(l)).containsExactly("10", "11", "12", "13", "14", "15", "16", "17", "18", "19");
        l.trim(1, 0);
        assertThat(l.isEmpty()).isTrue();
        assertThat(l.indexOf("10".getBytes())).isEqualTo(-1);
    }

    @Test
    void copyIsIndependent() {
        ListValue l = new ListValue();
        l.pushTail("a".getBytes());
        ListValue c = (ListValue) l.copy();
        c.pushTail("b".getBytes());
        assertThat(l.size()).isEqualTo(1);
        assertThat(Arrays.equals(c.get(1), "b".getBytes())).isTrue();
        assertThat(l.encoding()).isEqualTo("quicklist");
    }
}
