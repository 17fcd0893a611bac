package io.redoubt.engine.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The node-structured stream checked against a TreeMap model through seeded random appends,
 * deletes, exact trims and ranges in both directions; plus ID parsing and ordering edge cases.
 */
class StreamValueModelTest {

    private static byte[][] fv(long i) {
        return new byte[][] {"f".getBytes(StandardCharsets.US_ASCII), Long.toString(i).getBytes(StandardCharsets.US_ASCII)};
    }

    private static List<StreamId> ids(StreamValue s, StreamId from, StreamId to, boolean rev) {
        List<StreamId> out = new ArrayList<>();
        s.range(from, to, rev, (id, f) -> out.add(id));
        return out;
    }

    @Test
    void randomOperationsAgreeWithModel() {
        SplittableRandom r = new SplittableRandom(42);
        StreamValue s = new StreamValue();
        TreeMap<StreamId, Long> model = new TreeMap<>();
        long ms = 0;
        for (int step = 0; step < 20000; step++) {
            int op = r.nextInt(100);
            if (op < 70) {
                ms += r.nextInt(0, 3);
                StreamId id = s.lastId().ms() == ms ? s.lastId().next() : new StreamId(ms, r.nextInt(0, 3));
                if (id.compareTo(s.lastId()) <= 0) {
                    id = s.lastId().next();
                }
                s.append(id, fv(step), 1 + r.nextInt(10), r.nextBoolean() ? 4096 : 60);
                model.put(id, (long) step);
            } else if (op < 90 && ms > 0) {
                StreamId id = new StreamId(r.nextLong(0, ms + 1), r.nextInt(0, 4));
                assertThat(s.delete(id)).isEqualTo(model.remove(id) != null);
            } else if (op < 95) {
                long max = r.nextInt(0, 200);
                long removed = s.trim(max, null, false, 0);
                long expected = Math.max(0, model.size() - max);
                assertThat(removed).isEqualTo(expected);
                while (model.size() > max) {
                    model.pollFirstEntry();
                }
            } else {
                StreamId a = new StreamId(r.nextLong(0, ms + 2), r.nextInt(0, 4));
                StreamId b = new StreamId(r.nextLong(0, ms + 2), r.nextInt(0, 4));
                List<StreamId> expected = a.compareTo(b) <= 0 ? new ArrayList<>(model.subMap(a, true, b, true).keySet()) : List.of();
                assertThat(ids(s, a, b, false)).isEqualTo(expected);
                List<StreamId> reversed = new ArrayList<>(expected);
                java.util.Collections.reverse(reversed);
                assertThat(ids(s, a, b, true)).isEqualTo(reversed);
            }
            assertThat(s.length()).isEqualTo(model.size());
        }
        assertThat(s.firstId()).isEqualTo(model.isEmpty() ? StreamId.ZERO : model.firstKey());
        for (Map.Entry<StreamId, Long> e : model.entrySet()) {
            assertThat(new String(s.get(e.getKey())[1], StandardCharsets.US_ASCII)).isEqualTo(Long.toString(e.getValue()));
        }
    }

    @Test
    void idsOrderAsUnsigned128BitNumbers() {
        StreamId max = StreamId.MAX;
        assertThat(max.toString()).isEqualTo("18446744073709551615-18446744073709551615");
        assertThat(new StreamId(-1L, 0).compareTo(new StreamId(1, -1L))).isPositive();
        assertThat(max.next()).isNull();
        assertThat(StreamId.ZERO.previous()).isNull();
        assertThat(new StreamId(5, -1L).next()).isEqualTo(new StreamId(6, 0));
        assertThat(StreamId.parseOrNull("18446744073709551616".getBytes(StandardCharsets.US_ASCII), 0)).isNull();
        assertThat(StreamId.parseOrNull("7".getBytes(StandardCharsets.US_ASCII), -1L)).isEqualTo(new StreamId(7, -1L));
        assertThat(StreamId.parseOrNull("-7".getBytes(StandardCharsets.US_ASCII), 0)).isNull();
        assertThat(StreamId.parseOrNull("1-2-3".getBytes(StandardCharsets.US_ASCII), 0)).isNull();
    }

    @Test
    void copyIsDeepForEntriesAndGroups() {
        StreamValue s = new StreamValue();
        s.append(new StreamId(1, 1), fv(1), 100, 4096);
        ConsumerGroup g = new ConsumerGroup("g".getBytes(StandardCharsets.US_ASCII), StreamId.ZERO, -1);
        s.addGroup(g);
        Consumer c = g.consumerOrCreate("c".getBytes(StandardCharsets.US_ASCII), 5);
        PendingEntry p = new PendingEntry(c, 5);
        g.pending.put(new StreamId(1, 1), p);
        c.pending.put(new StreamId(1, 1), p);
        StreamValue copy = (StreamValue) s.copy();
        s.delete(new StreamId(1, 1));
        g.pending.clear();
        assertThat(copy.length()).isEqualTo(1);
        ConsumerGroup cg = copy.group("g".getBytes(StandardCharsets.US_ASCII));
        assertThat(cg.pending).hasSize(1);
        assertThat(cg.pending.get(new StreamId(1, 1)).consumer).isSameAs(cg.consumers.firstEntry().getValue());
    }

    @Test
    void listpackSizesFollowRedisEncodings() {
        assertThat(Listpack.intEntrySize(0)).isEqualTo(2);
        assertThat(Listpack.intEntrySize(127)).isEqualTo(2);
        assertThat(Listpack.intEntrySize(128)).isEqualTo(3);
        assertThat(Listpack.intEntrySize(-4096)).isEqualTo(3);
        assertThat(Listpack.intEntrySize(Long.MIN_VALUE)).isEqualTo(10);
        assertThat(Listpack.stringEntrySize("007".getBytes(StandardCharsets.US_ASCII))).isEqualTo(5);
        assertThat(Listpack.stringEntrySize("-0".getBytes(StandardCharsets.US_ASCII))).isEqualTo(4);
        assertThat(Listpack.stringEntrySize("x".repeat(63).getBytes(StandardCharsets.US_ASCII))).isEqualTo(65);
        assertThat(Listpack.stringEntrySize("x".repeat(64).getBytes(StandardCharsets.US_ASCII))).isEqualTo(67);
        assertThat(Listpack.asInt64("9223372036854775808".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(Listpack.asInt64("-9223372036854775808".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Long.MIN_VALUE);
    }
}
