package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A role as RE shows it: a management role, optionally scoped to some databases. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Role(
        @JsonProperty("uid") int uid,
        @JsonProperty("name") String name,
        @JsonProperty("management") ManagementRole management,
        @JsonProperty("resources") List<RoleResource> resources) {}
