package io.redoubt.dataplane;

import java.util.Arrays;

/** A key (or channel) with the logical database it lives in, with value equality, for maps of keys or channels. */
record DbKey(int db, byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof DbKey k && k.db == db && Arrays.equals(k.bytes, bytes);
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
