package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** Body of {@code POST /v1/roles} and {@code PUT /v1/roles/{uid}}: RE's role object, writable fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleRequest(
        @JsonProperty("name") String name,
        @JsonProperty("management") ManagementRole management,
        @JsonProperty("resources") List<RoleResource> resources) implements RequestBody {

    static final int MAX_NAME_CHARS = 100;

    @Override
    public Optional<ApiError> validate() {
        Validation v = new Validation()
                .name("name", name, MAX_NAME_CHARS, true)
                // RE scopes only the database roles; any other role sees the whole cluster by definition
                .check(resources == null || resources.isEmpty() || management == null
                        || management == ManagementRole.DB_MEMBER || management == ManagementRole.DB_VIEWER,
                        ErrorCode.INVALID_PARAM, "'resources' scopes only db_member and db_viewer roles")
                .check(resources == null || resources.size() <= 100, ErrorCode.INVALID_PARAM,
                        "'resources' has more than 100 entries");
        if (resources != null && !v.failed()) {
            for (RoleResource r : resources) {
                v.check(r != null, ErrorCode.INVALID_SCHEMA, "'resources' holds null");
                if (r != null) {
                    v.nested(r.validate());
                }
            }
        }
        return v.result();
    }

    public Optional<ApiError> validateForCreate() {
        return new Validation()
                .required("name", name, ErrorCode.MISSING_FIELD)
                .required("management", management, ErrorCode.MISSING_FIELD)
                .nested(validate())
                .result();
    }
}
