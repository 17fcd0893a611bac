package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code GET /v1/bootstrap}: RE's {@code {"bootstrap_status": {"state": ..., ...}}}. */
public record BootstrapStatus(@JsonProperty("bootstrap_status") State bootstrapStatus) {

    /**
     * RE's states: idle, initiated, creating_cluster, recovering_cluster, joining_cluster, error,
     * completed. Times are ISO-8601 UTC.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record State(
            @JsonProperty("state") String state,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime) {}
}
