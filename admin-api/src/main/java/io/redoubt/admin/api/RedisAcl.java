package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A Redis ACL as RE shows it ({@code redis_acl}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedisAcl(
        @JsonProperty("uid") int uid,
        @JsonProperty("name") String name,
        @JsonProperty("acl") String acl) {}
