package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A user as RE's REST API shows it. Never a password or its hash: only when it was last set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
        @JsonProperty("uid") int uid,
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("role") ManagementRole role,
        @JsonProperty("role_uids") List<Integer> roleUids,
        @JsonProperty("auth_method") String authMethod,
        @JsonProperty("certificate_subject_line") String certificateSubjectLine,
        // RE: active, locked, password_expired
        @JsonProperty("status") String status,
        // ISO-8601 UTC, e.g. 2017-03-02T09:43:34Z
        @JsonProperty("password_issue_date") String passwordIssueDate,
        @JsonProperty("last_login") Long lastLogin) {}
