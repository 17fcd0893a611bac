package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Body of {@code POST /v1/bootstrap/create_cluster} on a fresh node, RE's shape:
 * {@code {"action":"create_cluster","cluster":{"name":"..."},"credentials":{"username":"...","password":"..."}}}.
 * The credentials become the first admin user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootstrapRequest(
        @JsonProperty("action") String action,
        @JsonProperty("cluster") ClusterIdentity cluster,
        @JsonProperty("credentials") Credentials credentials) implements RequestBody {

    /** The new cluster's name (RE: its FQDN). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterIdentity(@JsonProperty("name") String name) implements RequestBody {
        @Override
        public Optional<ApiError> validate() {
            return new Validation()
                    .required("cluster.name", name, ErrorCode.MISSING_FIELD)
                    .check(name == null || name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?"),
                            ErrorCode.INVALID_PARAM, "'cluster.name' must be a DNS name (letters, digits, '.', '-')")
                    .result();
        }
    }

    /** The first admin's sign-in; the password is a secret and stays out of {@code toString}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credentials(
            @JsonProperty("username") String username,
            @JsonProperty("password") String password) implements RequestBody {
        @Override
        public Optional<ApiError> validate() {
            return new Validation()
                    .required("credentials.username", username, ErrorCode.MISSING_FIELD)
                    .name("credentials.username", username, UserRequest.MAX_NAME_CHARS, false)
                    .required("credentials.password", password, ErrorCode.MISSING_FIELD)
                    .check(password == null || password.length() <= UserRequest.MAX_PASSWORD_CHARS,
                            ErrorCode.INVALID_PARAM, "'credentials.password' is longer than "
                                    + UserRequest.MAX_PASSWORD_CHARS + " characters")
                    .result();
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=(redacted)]";
        }
    }

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .check(action == null || action.equals("create_cluster"), ErrorCode.INVALID_PARAM,
                        "'action' must be create_cluster on this route")
                .required("cluster", cluster, ErrorCode.MISSING_FIELD)
                .required("credentials", credentials, ErrorCode.MISSING_FIELD)
                .nested(cluster == null ? Optional.empty() : cluster.validate())
                .nested(credentials == null ? Optional.empty() : credentials.validate())
                .result();
    }
}
