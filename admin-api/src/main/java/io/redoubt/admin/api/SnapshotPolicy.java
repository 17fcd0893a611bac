package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One RDB snapshot rule of a bdb ({@code snapshot_policy}: save after {@code secs} if {@code writes}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotPolicy(
        @JsonProperty("secs") Integer secs,
        @JsonProperty("writes") Integer writes) implements RequestBody {

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("snapshot_policy.secs", secs, ErrorCode.INVALID_DATA_PERSISTENCE)
                .required("snapshot_policy.writes", writes, ErrorCode.INVALID_DATA_PERSISTENCE)
                .range("snapshot_policy.secs", secs, 1, Integer.MAX_VALUE, ErrorCode.INVALID_DATA_PERSISTENCE)
                .range("snapshot_policy.writes", writes, 1, Integer.MAX_VALUE, ErrorCode.INVALID_DATA_PERSISTENCE)
                .result();
    }
}
