package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Optional;

/**
 * A request record: read from a client's JSON body, so untrusted. Implementing this is how a record
 * refuses unknown fields: Jackson hands every property the record lacks to the any-setter below, which
 * throws, whatever the reading mapper's {@code FAIL_ON_UNKNOWN_PROPERTIES} says (databind is not a
 * dependency of this module, so the refusal cannot be configured here; it is declared). A request record's
 * {@code toString} never shows a secret.
 */
public interface RequestBody {

    /** The first pure field check that fails (types, ranges, required fields), as RE's error code. */
    Optional<ApiError> validate();

    /** Jackson calls this for each property the record does not declare. */
    @JsonAnySetter
    default void refuseUnknownField(String name, Object ignored) {
        throw new UnknownFieldException(name);
    }
}
