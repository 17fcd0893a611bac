package io.redoubt.engine.streams;

/**
 * A delivered, not yet acknowledged entry (Redis's streamNACK): shared by the group's PEL and its
 * owner's PEL, so both always agree on owner, delivery time and count.
 */
final class PendingEntry {
    Consumer consumer;
    long deliveryTime;
    long deliveryCount;

    PendingEntry(Consumer consumer, long deliveryTime) {
        this.consumer = consumer;
        this.deliveryTime = deliveryTime;
        this.deliveryCount = 1;
    }
}
