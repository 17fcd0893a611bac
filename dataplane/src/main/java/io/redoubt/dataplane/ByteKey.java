package io.redoubt.dataplane;

import java.util.Arrays;

/** A key's bytes with value equality, for maps keyed by Redis keys or channels. */
record ByteKey(int db, byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && k.db == db && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * db + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return db + ":" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
