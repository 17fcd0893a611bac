package io.redoubt.engine.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.redoubt.engine.testing.RandomCases;
import org.junit.jupiter.api.Test;

/**
 * The listpack form of a hash against the hash table, across the conversion threshold: one hash
 * starts compact under small limits (4 entries, 8-byte values) and converts as Redis does, the other
 * is a hash table from its first field; every operation must answer the same on both, and the
 * compact one must report Redis's encoding and keep Redis's insertion order while it is a listpack.
 */
class HashEncodingPropertyTest {
    private static final int MAX_ENTRIES = 4;
    private static final int MAX_VALUE = 8;
    private static final EncodingLimits COMPACT = EncodingLimits.DEFAULT
            .withHashMaxListpackEntries(MAX_ENTRIES).withHashMaxListpackValue(MAX_VALUE);
    private static final EncodingLimits FULL = EncodingLimits.DEFAULT.withHashMaxListpackEntries(0);
    private static final List<String> FIELDS = List.of("", "a", "b", "c", "field:1", "field:2", "0123456789");

    /** One operation: a set when {@code value} is non-null, a removal otherwise. */
    record Op(String field, String value) {
    }

    /** Up to 40 operations: three sets (values of 0 to 10 bytes, around the 8-byte limit) to one removal. */
    private static List<Op> operations(Random random) {
        List<Op> ops = new ArrayList<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            if (random.nextInt(4) == 0) {
                ops.add(new Op(field, null));
            } else {
                char[] value = new char[random.nextInt(11)];
                for (int c = 0; c < value.length; c++) {
                    value[c] = (char) random.nextInt(256); // binary bytes included
                }
                ops.add(new Op(field, new String(value)));
            }
        }
        return ops;
    }

    /** 300 random operation lists from a fixed seed, so a failure repeats. */
    @Test
    void compactAndFullAnswerTheSame() {
        RandomCases.check(20261208, 300, r -> operations(r), ops -> compactAndFullAnswerTheSame(ops));
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> contents(HashValue h) {
        Map<String, String> out = new LinkedHashMap<>();
        h.forEach((f, v) -> out.put(string(f), string(v)));
        return out;
    }

    private static void compactAndFullAnswerTheSame(List<Op> ops) {
        HashValue compact = new HashValue();
        HashValue full = new HashValue();
        Map<String, String> model = new LinkedHashMap<>();
        boolean converted = false;
        boolean fullConverted = false; // past its 0-entry limit from the first field on
        for (Op op : ops) {
            if (op.value() != null) {
                boolean added = compact.set(bytes(op.field()), bytes(op.value()), COMPACT);
                assertThat(full.set(bytes(op.field()), bytes(op.value()), FULL)).isEqualTo(added);
                assertThat(added).isEqualTo(!model.containsKey(op.field()));
                model.put(op.field(), op.value());
                fullConverted = true;
                converted |= model.size() > MAX_ENTRIES || op.field().length() > MAX_VALUE
                        || op.value().length() > MAX_VALUE;
            } else {
                boolean removed = compact.remove(bytes(op.field()));
                assertThat(full.remove(bytes(op.field()))).isEqualTo(removed);
                assertThat(removed).isEqualTo(model.remove(op.field()) != null);
            }
            // Redis converts once past a limit and never back
            assertThat(compact.encoding()).isEqualTo(converted ? "hashtable" : "listpack");
            assertThat(full.encoding()).isEqualTo(fullConverted ? "hashtable" : "listpack");
            assertThat(compact.size()).isEqualTo(full.size()).isEqualTo(model.size());
            for (String f : FIELDS) {
                assertThat(string(compact.get(bytes(f)))).isEqualTo(string(full.get(bytes(f)))).isEqualTo(model.get(f));
                assertThat(compact.contains(bytes(f))).isEqualTo(full.contains(bytes(f))).isEqualTo(model.containsKey(f));
            }
            assertThat(contents(compact)).isEqualTo(contents(full)).isEqualTo(model);
            if (compact.isListpack()) {
                // insertion order, updates in place: HGETALL, HRANDFIELD and HSCAN see Redis's order
                assertThat(new ArrayList<>(contents(compact).keySet())).isEqualTo(new ArrayList<>(model.keySet()));
                for (int i = 0; i < compact.size(); i++) {
                    String f = string(compact.listpackField(i));
                    assertThat(string(compact.listpackValue(i))).isEqualTo(model.get(f));
                }
            }
            assertThat(contents((HashValue) compact.copy())).isEqualTo(model);
        }
    }
}
