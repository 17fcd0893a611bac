package io.redoubt.resp;

import java.nio.charset.StandardCharsets;

/**
 * Where a command writes its reply. Callers describe the reply in RESP3 terms; a RESP2 sink
 * downgrades maps to flat arrays, doubles to bulk strings, booleans to integers and so on, exactly as
 * Redis does, so command code never branches on the protocol version.
 *
 * <p>Aggregates are written header first: {@code array(2)} followed by two elements.
 */
public interface ReplySink {

    /** 2 or 3. */
    int protocol();

    /** {@code +text}; the text must not contain CR or LF. */
    void simple(String text);

    /** {@code -text}; the text starts with the error code, e.g. {@code "ERR syntax error"}. */
    void error(String text);

    /**
     * An error reply already counted in INFO errorstats when it first happened (a script failing with
     * the error of a command it ran: Redis's ERR_REPLY_FLAG_NO_STATS_UPDATE); it still makes the
     * command that answers it a failed call.
     */
    default void errorAlreadyCounted(String text) {
        error(text);
    }

    void integer(long value);

    void bulk(byte[] value, int offset, int length);

    default void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    default void bulk(String value) {
        bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A missing value: RESP2 {@code $-1}, RESP3 {@code _}. */
    void nullBulk();

    /** A missing aggregate: RESP2 {@code *-1}, RESP3 {@code _}. */
    void nullArray();

    void array(int length);

    /** {@code length} key/value pairs follow (2 × length elements). */
    void map(int length);

    void set(int length);

    /** An out-of-band message (pub/sub, invalidation); RESP2 sends it as an array. */
    void push(int length);

    void doubleValue(double value);

    void bool(boolean value);

    /** A verbatim string; {@code format} is three characters such as {@code txt}. */
    void verbatim(String format, String text);

    void bigNumber(String digits);

    /** Pre-encoded RESP bytes, written as they are. */
    void raw(byte[] encoded);

    default void ok() {
        simple("OK");
    }
}
