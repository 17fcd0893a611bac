package io.redoubt.engine.streams;

import java.util.TreeMap;

/** A consumer in a group: its name, when it was last seen, and the entries delivered to it. */
final class Consumer {
    final byte[] name;
    long seenTime;
    final TreeMap<StreamId, PendingEntry> pending = new TreeMap<>();

    Consumer(byte[] name, long seenTime) {
        this.name = name;
        this.seenTime = seenTime;
    }
}
