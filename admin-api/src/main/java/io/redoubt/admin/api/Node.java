package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A node as RE's {@code node} object shows it (the fields Redoubt has). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(
        @JsonProperty("uid") int uid,
        @JsonProperty("addr") String addr,
        // RE: active, provisioning, decommissioning, down
        @JsonProperty("status") String status,
        @JsonProperty("software_version") String softwareVersion,
        @JsonProperty("total_memory") long totalMemory,
        @JsonProperty("cores") int cores,
        @JsonProperty("shard_count") int shardCount,
        @JsonProperty("uptime") long uptime,
        @JsonProperty("rack_id") String rackId) {}
