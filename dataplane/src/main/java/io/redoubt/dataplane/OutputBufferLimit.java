package io.redoubt.dataplane;

/**
 * One class of Redis's {@code client-output-buffer-limit}: a client whose unsent replies exceed
 * {@code hardBytes}, or stay above {@code softBytes} for {@code softSeconds}, is disconnected so a slow
 * reader cannot make the server hold unbounded memory. Zero disables a limit.
 */
public record OutputBufferLimit(long hardBytes, long softBytes, long softSeconds) {
    public static final OutputBufferLimit PUBSUB_DEFAULT = new OutputBufferLimit(32L << 20, 8L << 20, 60);
    public static final OutputBufferLimit NORMAL_DEFAULT = new OutputBufferLimit(0, 0, 0);

    /** Decides, given the pending bytes and since when the soft limit has been exceeded (-1: not). */
    boolean exceeded(long pendingBytes, long softSinceMillis, long nowMillis) {
        if (hardBytes > 0 && pendingBytes >= hardBytes) {
            return true;
        }
        return softBytes > 0 && pendingBytes >= softBytes && softSinceMillis >= 0
                && nowMillis - softSinceMillis >= softSeconds * 1000;
    }
}
