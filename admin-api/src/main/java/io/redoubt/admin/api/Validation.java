package io.redoubt.admin.api;

import java.util.Collection;
import java.util.Optional;

/**
 * Collects the first failure of a request's pure field checks (types and ranges; nothing that needs
 * the cluster's state). Each check is skipped once one has failed, so the answer names one problem,
 * as RE's does. Not thread-safe: one per {@code validate()} call.
 */
final class Validation {
    private ApiError failure;

    /** A field every request of this kind must carry. */
    Validation required(String field, Object value, ErrorCode code) {
        if (failure == null && (value == null || (value instanceof String s && s.isBlank()))) {
            failure = ApiError.of(code, "'" + field + "' is required");
        }
        return this;
    }

    /** An optional number that, when present, lies in [min, max]. */
    Validation range(String field, Number value, long min, long max, ErrorCode code) {
        if (failure == null && value != null && (value.longValue() < min || value.longValue() > max)) {
            failure = ApiError.of(code, "'" + field + "' is " + value + ": use " + min + ".." + max);
        }
        return this;
    }

    /** An optional string that, when present, is one of {@code allowed}. */
    Validation oneOf(String field, String value, Collection<String> allowed, ErrorCode code) {
        if (failure == null && value != null && !allowed.contains(value)) {
            failure = ApiError.of(code, "'" + field + "' is '" + value + "': use one of " + String.join(", ", allowed));
        }
        return this;
    }

    /** Any other rule: {@code ok} false fails with the description given. */
    Validation check(boolean ok, ErrorCode code, String description) {
        if (failure == null && !ok) {
            failure = ApiError.of(code, description);
        }
        return this;
    }

    /** Folds a nested object's result in. */
    Validation nested(Optional<ApiError> result) {
        if (failure == null && result.isPresent()) {
            failure = result.get();
        }
        return this;
    }

    /**
     * An optional object name (role, ACL, database, user): printable ASCII without the characters RE
     * refuses ({@code & < > "}), without path separators, and not "." or "..", so a name can never
     * reach outside a path or a log line.
     */
    Validation name(String field, String value, int maxChars, boolean spacesAllowed) {
        if (failure == null && value != null) {
            boolean ok = !value.isEmpty() && value.length() <= maxChars && !value.equals(".") && !value.equals("..")
                    && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && "&<>\"/\\".indexOf(c) < 0
                            && (spacesAllowed || c != ' '));
            check(ok, ErrorCode.INVALID_PARAM, "'" + field + "' must be 1.." + maxChars
                    + " printable ASCII characters without & < > \" / \\" + (spacesAllowed ? "" : " or spaces"));
        }
        return this;
    }

    boolean failed() {
        return failure != null;
    }

    Optional<ApiError> result() {
        return Optional.ofNullable(failure);
    }
}
