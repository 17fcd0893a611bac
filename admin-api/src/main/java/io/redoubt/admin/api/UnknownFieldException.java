package io.redoubt.admin.api;

/**
 * Thrown while a request body is read when it carries a field its record does not have. Jackson wraps it
 * (in a {@code JsonMappingException}); the HTTP layer finds it with {@link #in(Throwable)} and answers
 * {@link #toApiError()}.
 */
public final class UnknownFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Field names come from the client: bound, so the answer cannot be made huge with one. */
    private static final int MAX_NAME_CHARS = 64;

    private final String field;

    public UnknownFieldException(String field) {
        super("unknown field '" + shorten(field) + "'", null, false, false);
        this.field = shorten(field);
    }

    public String field() {
        return field;
    }

    public ApiError toApiError() {
        return ApiError.of(ErrorCode.UNKNOWN_FIELD, "unknown field '" + field + "': remove it (see /v1/openapi.yaml)");
    }

    /** This exception anywhere in {@code t}'s cause chain. */
    public static java.util.Optional<UnknownFieldException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnknownFieldException u) {
                return java.util.Optional.of(u);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private static String shorten(String s) {
        String safe = s == null ? "" : s.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= MAX_NAME_CHARS ? safe : safe.substring(0, MAX_NAME_CHARS) + "...";
    }
}
