package io.redoubt.engine.keys;

import io.redoubt.engine.keyspace.FieldLookup;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal real list, set, sorted set (elements given in score order) and hash values for engine
 * tests, standing in for the data-type families that are built in parallel.
 */
final class TestCollection implements SortableValue, FieldLookup {
    private final ValueType type;
    private final List<byte[]> elements = new ArrayList<>();
    private final Map<String, byte[]> fields = new LinkedHashMap<>();

    private TestCollection(ValueType type) {
        this.type = type;
    }

    static TestCollection of(ValueType type, String... elements) {
        TestCollection c = new TestCollection(type);
        for (String e : elements) {
            c.elements.add(e.getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    static TestCollection hash(String... fieldValues) {
        TestCollection c = new TestCollection(ValueType.HASH);
        for (int i = 0; i + 1 < fieldValues.length; i += 2) {
            c.fields.put(fieldValues[i], fieldValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public String encoding() {
        return type == ValueType.HASH ? "listpack" : "quicklist";
    }

    @Override
    public long estimatedBytes() {
        return 64L + 32L * (elements.size() + fields.size());
    }

    @Override
    public RedisValue copy() {
        TestCollection c = new TestCollection(type);
        elements.forEach(e -> c.elements.add(e.clone()));
        c.fields.putAll(fields);
        return c;
    }

    @Override
    public List<byte[]> sortElements() {
        return elements;
    }

    @Override
    public byte[] field(byte[] field) {
        return fields.get(new String(field, StandardCharsets.UTF_8));
    }
}
