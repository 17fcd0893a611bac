package io.redoubt.admin.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The query of {@code GET /v1/logs?stime=&etime=&order=asc|desc&limit=&offset=} (RE's parameters), as
 * strings from the URL, checked by {@link #validate()} before any is used.
 */
public record LogQuery(String stime, String etime, String order, String limit, String offset) {
    public static final int MAX_LIMIT = 10_000;

    public Optional<ApiError> validate() {
        return new Validation()
                .check(stime == null || isInstant(stime), ErrorCode.INVALID_PARAM,
                        "'stime' must be an ISO-8601 time such as 2024-01-31T12:00:00Z")
                .check(etime == null || isInstant(etime), ErrorCode.INVALID_PARAM,
                        "'etime' must be an ISO-8601 time such as 2024-01-31T12:00:00Z")
                .check(stime == null || etime == null || !isInstant(stime) || !isInstant(etime)
                        || !Instant.parse(stime).isAfter(Instant.parse(etime)), ErrorCode.INVALID_PARAM,
                        "'stime' is after 'etime'")
                .oneOf("order", order, List.of("asc", "desc"), ErrorCode.INVALID_PARAM)
                .check(limit == null || isCount(limit, MAX_LIMIT), ErrorCode.INVALID_PARAM,
                        "'limit' must be 0.." + MAX_LIMIT)
                .check(offset == null || isCount(offset, Integer.MAX_VALUE), ErrorCode.INVALID_PARAM,
                        "'offset' must be a non-negative integer")
                .result();
    }

    public Optional<Instant> start() {
        return Optional.ofNullable(stime).map(Instant::parse);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(etime).map(Instant::parse);
    }

    /** RE's default order is ascending time. */
    public boolean descending() {
        return "desc".equals(order);
    }

    public int limitOr(int dflt) {
        return limit == null ? dflt : Integer.parseInt(limit);
    }

    public int offsetOrZero() {
        return offset == null ? 0 : Integer.parseInt(offset);
    }

    private static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isCount(String s, int max) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Long.parseLong(s) <= max;
    }
}
