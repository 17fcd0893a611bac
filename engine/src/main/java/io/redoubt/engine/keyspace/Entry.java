package io.redoubt.engine.keyspace;

/**
 * One key in a {@link Keyspace}: the key bytes, the value ({@code byte[]} for strings, a
 * {@link RedisValue} otherwise), the absolute expiry in milliseconds ({@link #NO_EXPIRY} when none) and
 * the access clock used by eviction (LRU seconds or LFU counter, as Redis packs them).
 */
public final class Entry {
    public static final long NO_EXPIRY = -1;

    // No cached hash: the table recomputes it from the key when it resizes (cheap for short keys),
    // which keeps an Entry at 40 bytes instead of 48 with compact object headers.
    final byte[] key;
    Object value;
    long expireAt = NO_EXPIRY;
    int access;
    int volatileSlot = -1;  // position in the database's volatile-key array, -1 when no expiry
    boolean raw;            // a string grown in place (APPEND, SETRANGE): OBJECT ENCODING says raw
    boolean ownsValue;      // the string array was made by the database for this entry and never handed out
    Entry next;

    Entry(byte[] key, Object value) {
        this.key = key;
        this.value = value;
    }

    public byte[] key() {
        return key;
    }

    public Object value() {
        return value;
    }

    public long expireAt() {
        return expireAt;
    }

    public boolean hasExpiry() {
        return expireAt != NO_EXPIRY;
    }

    public ValueType type() {
        return value instanceof byte[] ? ValueType.STRING : ((RedisValue) value).type();
    }

    public int access() {
        return access;
    }

    public boolean raw() {
        return raw;
    }

    public void markRaw(boolean raw) {
        this.raw = raw;
    }
}
