package io.redoubt.engine.strings;

import io.redoubt.engine.keyspace.Entry;

/**
 * The name Redis 7.0's {@code OBJECT ENCODING} reports for a string value.
 *
 * <p>Redis decides the encoding when it stores a value: SET, MSET, GETSET, SETNX, SETEX and APPEND
 * on a missing key try {@code int} (a canonical 64-bit integer of at most 20 characters), then
 * {@code embstr} (at most 44 bytes), else {@code raw}; INCR-family results are always {@code int}. A
 * string grown in place (APPEND on an existing key, SETRANGE, SETBIT, BITOP, BITFIELD) is {@code raw}
 * whatever its content: such entries carry {@link Entry#raw()}. Known gap: INCRBYFLOAT stores an
 * integral result such as {@code 3} as embstr in Redis, reported here as {@code int}.
 */
public final class StringEncoding {
    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    static final int EMBSTR_SIZE_LIMIT = 44;

    private StringEncoding() {
    }

    /** {@code int}, {@code embstr} or {@code raw}; null when the entry does not hold a string. */
    public static String of(Entry e) {
        if (!(e.value() instanceof byte[] v)) {
            return null;
        }
        if (e.raw()) {
            return "raw";
        }
        return of(v);
    }

    /** The encoding Redis's tryObjectEncoding picks for a freshly stored value. */
    public static String of(byte[] v) {
        if (v.length <= 20 && Numbers.isLong(v)) {
            return "int";
        }
        return v.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
    }
}
