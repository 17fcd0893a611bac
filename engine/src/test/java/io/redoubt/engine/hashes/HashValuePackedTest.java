package io.redoubt.engine.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packed listpack of {@link HashValue}: one array, binary safe, checked against a plain map. */
class HashValuePackedTest {
    private static final EncodingLimits LIMITS = EncodingLimits.DEFAULT.withHashMaxListpackValue(400);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> contents(HashValue h) {
        Map<String, String> out = new LinkedHashMap<>();
        h.forEach((f, v) -> out.put(new String(f, StandardCharsets.ISO_8859_1), new String(v, StandardCharsets.ISO_8859_1)));
        return out;
    }

    @Test
    void emptyFieldsAndValuesAndBinaryBytesRoundTrip() {
        HashValue h = new HashValue();
        byte[] binary = {0, (byte) 0xFF, 10, 13, (byte) 0x80};
        h.set(new byte[0], new byte[0], LIMITS);
        h.set(binary, binary, LIMITS);
        h.set(b("f"), new byte[0], LIMITS);
        assertThat(h.encoding()).isEqualTo("listpack");
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.get(new byte[0])).isEmpty();
        assertThat(h.get(binary)).isEqualTo(binary);
        assertThat(h.get(b("f"))).isEmpty();
        assertThat(h.get(b("g"))).isNull();
        assertThat(h.listpackField(1)).isEqualTo(binary);
        assertThat(h.listpackValue(2)).isEmpty();
        // 1-byte prefixes: (1+0)+(1+0) + (1+5)+(1+5) + (1+1)+(1+0)
        assertThat(h.listpackBytes()).isEqualTo(2 + 12 + 3);
    }

    @Test
    void lengthsFrom254UpUseTheLongPrefixAndStayIntact() {
        HashValue h = new HashValue();
        for (int length : new int[] {253, 254, 255, 256, 400}) {
            byte[] value = new byte[length];
            for (int i = 0; i < length; i++) {
                value[i] = (byte) (i * 7 + length);
            }
            h.set(b("f" + length), value, LIMITS);
        }
        for (int length : new int[] {253, 254, 255, 256, 400}) {
            byte[] got = h.get(b("f" + length));
            assertThat(got).hasSize(length);
            assertThat(got[length - 1]).isEqualTo((byte) ((length - 1) * 7 + length));
        }
        // 253 and 254 take a 1-byte prefix; 255, 256 and 400 take 5 bytes
        int fields = 5 * (1 + 4);
        assertThat(h.listpackBytes()).isEqualTo(fields + (1 + 253) + (1 + 254) + (5 + 255) + (5 + 256) + (5 + 400));
        assertThat(h.encoding()).isEqualTo("listpack");
    }

    @Test
    void updatesOfEveryLengthKeepOrderAndSizeExact() {
        HashValue h = new HashValue();
        h.set(b("a"), b("1"), LIMITS);
        h.set(b("b"), b("22"), LIMITS);
        h.set(b("c"), b("333"), LIMITS);
        h.set(b("b"), b("xx"), LIMITS);      // same length, in place
        h.set(b("a"), b("longer"), LIMITS);  // grows
        h.set(b("c"), b(""), LIMITS);        // shrinks
        assertThat(contents(h)).containsExactly(Map.entry("a", "longer"), Map.entry("b", "xx"), Map.entry("c", ""));
        assertThat(h.listpackBytes()).isEqualTo((2 + 7) + (2 + 3) + (2 + 1));
        h.remove(b("a"));
        h.remove(b("c"));
        h.remove(b("b"));
        assertThat(h.size()).isZero();
        assertThat(h.listpackBytes()).isZero();
    }

    @Test
    void convertsAtExactlyTheEntryAndValueLimits() {
        EncodingLimits limits = EncodingLimits.DEFAULT;
        HashValue h = new HashValue();
        for (int i = 0; i < limits.hashMaxListpackEntries(); i++) {
            h.set(b("f" + i), b("v" + i), limits);
        }
        assertThat(h.encoding()).isEqualTo("listpack");
        h.set(b("f0"), b("again"), limits);
        assertThat(h.encoding()).isEqualTo("listpack");
        h.set(b("extra"), b("v"), limits);
        assertThat(h.encoding()).isEqualTo("hashtable");
        assertThat(h.size()).isEqualTo(limits.hashMaxListpackEntries() + 1);
        assertThat(h.get(b("f0"))).isEqualTo(b("again"));
        assertThat(h.get(b("f511"))).isEqualTo(b("v511"));

        HashValue atValueLimit = new HashValue();
        atValueLimit.set(b("f"), new byte[limits.hashMaxListpackValue()], limits);
        assertThat(atValueLimit.encoding()).isEqualTo("listpack");
        atValueLimit.set(b("g"), new byte[limits.hashMaxListpackValue() + 1], limits);
        assertThat(atValueLimit.encoding()).isEqualTo("hashtable");
        assertThat(atValueLimit.get(b("f"))).hasSize(limits.hashMaxListpackValue());
    }

    @Test
    void randomOperationsMatchAnInsertionOrderedMap() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 50; round++) {
            HashValue h = new HashValue();
            Map<String, String> model = new LinkedHashMap<>();
            for (int op = 0; op < 200; op++) {
                String field = "f" + random.nextInt(30);
                if (random.nextInt(4) == 0) {
                    assertThat(h.remove(b(field))).isEqualTo(model.remove(field) != null);
                } else {
                    String value = "x".repeat(random.nextInt(10));
                    assertThat(h.set(b(field), b(value), LIMITS)).isEqualTo(!model.containsKey(field));
                    model.put(field, value);
                }
                assertThat(h.size()).isEqualTo(model.size());
            }
            assertThat(contents(h)).containsExactlyEntriesOf(model);
            HashValue copy = h.copy();
            copy.set(b("new"), b("v"), LIMITS);
            assertThat(contents(h)).containsExactlyEntriesOf(model);
            List<String> byPosition = new ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                byPosition.add(new String(h.listpackField(i), StandardCharsets.UTF_8));
            }
            assertThat(byPosition).containsExactlyElementsOf(model.keySet());
        }
    }

    @Test
    void returnedBytesAreCopiesSoCallersCannotCorruptTheListpack() {
        HashValue h = new HashValue();
        byte[] value = b("abc");
        h.set(b("f"), value, LIMITS);
        value[0] = 'z';
        h.get(b("f"))[1] = 'z';
        assertThat(h.get(b("f"))).isEqualTo(b("abc"));
    }
}
