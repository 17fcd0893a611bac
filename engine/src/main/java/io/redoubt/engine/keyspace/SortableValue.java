package io.redoubt.engine.keyspace;

import java.util.List;

/** A value SORT can read: a list in order, a set in any order, a sorted set in score order. */
public interface SortableValue extends RedisValue {
    List<byte[]> sortElements();
}
