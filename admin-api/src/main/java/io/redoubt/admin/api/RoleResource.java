package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** One scope entry of a role (RE 8.2): {@code {"type":"db","uids":["1","2"]}}, the databases it sees. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleResource(
        @JsonProperty("type") String type,
        @JsonProperty("uids") List<String> uids) implements RequestBody {

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("resources.type", type, ErrorCode.MISSING_FIELD)
                .oneOf("resources.type", type, List.of("db"), ErrorCode.INVALID_PARAM)
                .required("resources.uids", uids, ErrorCode.MISSING_FIELD)
                .check(uids == null || (uids.size() <= 10_000
                        && uids.stream().allMatch(u -> u != null && u.matches("[1-9][0-9]{0,9}"))),
                        ErrorCode.INVALID_PARAM, "'resources.uids' must hold database uids as strings, e.g. [\"1\"]")
                .result();
    }
}
