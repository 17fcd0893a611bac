package io.redoubt.engine.keys;

import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The list SORT ... STORE writes while the list family's own type is not wired in: an immutable
 * sequence of elements reported as Redis 7.0 reports every list ({@code quicklist}). Replace it by
 * passing the list family's factory to {@link SortCommands#SortCommands(java.util.function.Function)}.
 */
final class StoredList implements SortableValue {
    private final List<byte[]> elements;
    private final long bytes;

    StoredList(List<byte[]> elements) {
        this.elements = List.copyOf(elements);
        long b = 32;
        for (byte[] e : this.elements) {
            b += 24 + e.length;
        }
        this.bytes = b;
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
        return bytes;
    }

    @Override
    public RedisValue copy() {
        return new StoredList(new ArrayList<>(elements));
    }

    @Override
    public List<byte[]> sortElements() {
        return elements;
    }
}
