package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Body of {@code POST /v1/redis_acls} and {@code PUT /v1/redis_acls/{uid}}: a named Redis ACL rule
 * string such as {@code +@read ~cache:*}. The rules are parsed by the ACL module (which refuses the
 * password directives RE refuses); here only the shape is checked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedisAclRequest(
        @JsonProperty("name") String name,
        @JsonProperty("acl") String acl) implements RequestBody {

    static final int MAX_NAME_CHARS = 100;
    static final int MAX_ACL_CHARS = 16 * 1024;

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .name("name", name, MAX_NAME_CHARS, true)
                .check(acl == null || acl.length() <= MAX_ACL_CHARS, ErrorCode.INVALID_PARAM,
                        "'acl' is longer than " + MAX_ACL_CHARS + " characters")
                .check(acl == null || acl.chars().allMatch(c -> c >= 0x20 && c != 0x7f), ErrorCode.INVALID_PARAM,
                        "'acl' holds a control character")
                .result();
    }

    public Optional<ApiError> validateForCreate() {
        return new Validation()
                .required("name", name, ErrorCode.MISSING_FIELD)
                .required("acl", acl, ErrorCode.MISSING_FIELD)
                .nested(validate())
                .result();
    }
}
