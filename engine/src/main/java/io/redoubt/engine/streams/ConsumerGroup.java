package io.redoubt.engine.streams;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group: the last delivered ID, the logical read counter (-1 when unknown, Redis's
 * SCG_INVALID_ENTRIES_READ), the pending entries list and the consumers, both ordered as Redis's
 * radix trees order them (IDs numerically, names bytewise).
 */
public final class ConsumerGroup {
    private final byte[] name;
    StreamId lastId;
    long entriesRead;
    final TreeMap<StreamId, PendingEntry> pending = new TreeMap<>();
    final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

    public ConsumerGroup(byte[] name, StreamId lastId, long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    public byte[] name() {
        return name;
    }

    Consumer consumer(byte[] consumerName) {
        return consumers.get(consumerName);
    }

    /** Creates the consumer when absent; returns it. */
    Consumer consumerOrCreate(byte[] consumerName, long now) {
        Consumer c = consumers.get(consumerName);
        if (c == null) {
            c = new Consumer(consumerName, now);
            consumers.put(consumerName, c);
        }
        return c;
    }

    /** Deletes a consumer and its pending entries; returns how many it had, or -1 when absent. */
    long deleteConsumer(byte[] consumerName) {
        Consumer c = consumers.remove(consumerName);
        if (c == null) {
            return -1;
        }
        for (StreamId id : c.pending.keySet()) {
            pending.remove(id);
        }
        return c.pending.size();
    }

    ConsumerGroup copy() {
        ConsumerGroup g = new ConsumerGroup(name, lastId, entriesRead);
        for (Map.Entry<byte[], Consumer> e : consumers.entrySet()) {
            Consumer c = new Consumer(e.getKey(), e.getValue().seenTime);
            g.consumers.put(e.getKey(), c);
        }
        for (Map.Entry<StreamId, PendingEntry> e : pending.entrySet()) {
            PendingEntry p = e.getValue();
            Consumer owner = g.consumers.get(p.consumer.name);
            PendingEntry q = new PendingEntry(owner, p.deliveryTime);
            q.deliveryCount = p.deliveryCount;
            g.pending.put(e.getKey(), q);
            owner.pending.put(e.getKey(), q);
        }
        return g;
    }
}
