package io.redoubt.resp;

/**
 * Limits applied by {@link RequestParser} before it allocates anything a client asked for.
 *
 * @param maxBulkLength       largest bulk argument accepted ({@code proto-max-bulk-len})
 * @param maxInlineLength     largest inline request or header line (Redis: 64 KiB)
 * @param maxQueryBuffer      largest partial request kept in memory ({@code client-query-buffer-limit})
 * @param maxUnauthArgs       argument count allowed before authentication (Redis: 10)
 * @param maxUnauthBulkLength bulk length allowed before authentication (Redis: 16384)
 */
public record RespLimits(long maxBulkLength, int maxInlineLength, long maxQueryBuffer,
                         int maxUnauthArgs, int maxUnauthBulkLength) {

    public static final RespLimits DEFAULT =
            new RespLimits(512L * 1024 * 1024, 64 * 1024, 1024L * 1024 * 1024, 10, 16384);

    public RespLimits {
        if (maxBulkLength < 1 || maxInlineLength < 1 || maxQueryBuffer < 1) {
            throw new IllegalArgumentException("RESP limits must be positive");
        }
    }

    public RespLimits withMaxBulkLength(long value) {
        return new RespLimits(value, maxInlineLength, maxQueryBuffer, maxUnauthArgs, maxUnauthBulkLength);
    }

    public RespLimits withMaxQueryBuffer(long value) {
        return new RespLimits(maxBulkLength, maxInlineLength, value, maxUnauthArgs, maxUnauthBulkLength);
    }
}
