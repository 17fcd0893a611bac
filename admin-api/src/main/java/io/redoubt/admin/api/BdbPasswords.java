package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code GET /v1/bdbs/{uid}/passwords} (a Redoubt route; RE shows the password itself to
 * holders of view_redis_pass). Redoubt keeps only hashes, so it tells how many passwords the default
 * user has, never one of them.
 */
public record BdbPasswords(
        @JsonProperty("uid") int uid,
        @JsonProperty("passwords_count") int passwordsCount) {}
