package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One binding of a bdb's {@code roles_permissions}: users of the role get the Redis ACL on the database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolePermission(
        @JsonProperty("role_uid") Integer roleUid,
        @JsonProperty("redis_acl_uid") Integer redisAclUid) implements RequestBody {

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("roles_permissions.role_uid", roleUid, ErrorCode.MISSING_FIELD)
                .required("roles_permissions.redis_acl_uid", redisAclUid, ErrorCode.MISSING_FIELD)
                .range("roles_permissions.role_uid", roleUid, 1, Integer.MAX_VALUE, ErrorCode.INVALID_PARAM)
                .range("roles_permissions.redis_acl_uid", redisAclUid, 1, Integer.MAX_VALUE, ErrorCode.INVALID_PARAM)
                .result();
    }
}
