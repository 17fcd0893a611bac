package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * RE's cluster policy ({@code cluster_settings}), for {@code GET} and {@code PUT /v1/cluster/policy}:
 * the same fields both ways (none is secret or read-only). Sign-in lockout lives here as in RE:
 * threshold 0 turns lockout off; duration 0 means only an admin unlocks (by resetting the password).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterPolicy(
        @JsonProperty("login_lockout_threshold") Integer loginLockoutThreshold,
        @JsonProperty("login_lockout_counter_reset_after") Integer loginLockoutCounterResetAfter,
        @JsonProperty("login_lockout_duration") Integer loginLockoutDuration,
        @JsonProperty("acl_pubsub_default") String aclPubsubDefault,
        @JsonProperty("max_saved_events_per_type") Integer maxSavedEventsPerType,
        @JsonProperty("hide_user_data_from_log") Boolean hideUserDataFromLog) implements RequestBody {

    static final List<String> PUBSUB_DEFAULTS = List.of("allchannels", "resetchannels");
    static final int MAX_SECONDS = 365 * 24 * 3600;

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .range("login_lockout_threshold", loginLockoutThreshold, 0, 1000, ErrorCode.INVALID_PARAM)
                .range("login_lockout_counter_reset_after", loginLockoutCounterResetAfter, 1, MAX_SECONDS,
                        ErrorCode.INVALID_PARAM)
                .range("login_lockout_duration", loginLockoutDuration, 0, MAX_SECONDS, ErrorCode.INVALID_PARAM)
                .oneOf("acl_pubsub_default", aclPubsubDefault, PUBSUB_DEFAULTS, ErrorCode.INVALID_PARAM)
                .range("max_saved_events_per_type", maxSavedEventsPerType, 1, 1_000_000, ErrorCode.INVALID_PARAM)
                .result();
    }
}
