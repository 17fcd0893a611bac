package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code GET /v1/logs}: RE's {@code {time, type, ...}} event, with who did what to which
 * object, from where, and how it ended. {@code changed_fields} names what changed, never a value, so a
 * password change shows as {@code ["password"]} and nothing more. RE adds per-type fields (its
 * {@code bdb_uid}, kept here; {@code old_val}/{@code new_val}, left out since a value may be a secret).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEvent(
        // ISO-8601 UTC, as RE writes event times
        @JsonProperty("time") String time,
        // RE's event names: bdb_created, bdb_updated, user_created, authentication_err, ...
        @JsonProperty("type") String type,
        // INFO, WARNING, ERROR
        @JsonProperty("severity") String severity,
        // as in RE's syslog line: "bdb:1", "user:3", "cluster"
        @JsonProperty("object") String object,
        // RE's events name their database this way, as a string: "1"
        @JsonProperty("bdb_uid") String bdbUid,
        @JsonProperty("originator_uid") Integer originatorUid,
        @JsonProperty("originator_username") String originatorUsername,
        @JsonProperty("source_ip") String sourceIp,
        // success or failure
        @JsonProperty("outcome") String outcome,
        @JsonProperty("changed_fields") List<String> changedFields,
        @JsonProperty("description") String description) {}
