package io.redoubt.engine.keyspace;

/**
 * The classes of keyspace events, each with the flag character {@code notify-keyspace-events} uses
 * and the bit Redis gives it, so a class is enabled when {@code (flags & mask) != 0}.
 */
public enum EventClass {
    /** Type-independent commands: DEL, EXPIRE, RENAME, ... */
    GENERIC('g', 1 << 2),
    STRING('$', 1 << 3),
    LIST('l', 1 << 4),
    SET('s', 1 << 5),
    HASH('h', 1 << 6),
    ZSET('z', 1 << 7),
    /** A key deleted because its time passed. */
    EXPIRED('x', 1 << 8),
    /** A key deleted to free memory. */
    EVICTED('e', 1 << 9),
    STREAM('t', 1 << 10),
    /** A read of a key that does not exist. */
    KEY_MISS('m', 1 << 11),
    MODULE('d', 1 << 13),
    /** A key created. */
    NEW('n', 1 << 14);

    final char flag;
    final int mask;

    EventClass(char flag, int mask) {
        this.flag = flag;
        this.mask = mask;
    }
}
