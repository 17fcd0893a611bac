package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Body of {@code POST /v1/users/authorize} and {@code /v1/users/refresh_jwt}: the token's time to live
 * in seconds, RE's range 1..86400, default 300. {@code authorize} also takes RE's {@code username} and
 * {@code password} here, for a caller that sends no authentication header; a header, when present,
 * is what signs the caller in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JwtRequest(@JsonProperty("username") String username, @JsonProperty("password") String password,
                         @JsonProperty("ttl") Integer ttl) implements RequestBody {
    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int MAX_TTL_SECONDS = 86_400;

    /** Only a time to live (the credentials are in the request's header). */
    public static JwtRequest ttlOnly(Integer ttl) {
        return new JwtRequest(null, null, ttl);
    }

    @Override
    public Optional<ApiError> validate() {
        if ((username == null) != (password == null)) {
            return Optional.of(new ApiError(ErrorCode.INVALID_PARAM.code(),
                    "give both 'username' and 'password', or neither (and sign in with the Authorization header)"));
        }
        return new Validation().range("ttl", ttl, 1, MAX_TTL_SECONDS, ErrorCode.INVALID_PARAM).result();
    }

    /** The requested ttl, or RE's default. */
    public int ttlSeconds() {
        return ttl == null ? DEFAULT_TTL_SECONDS : ttl;
    }

    /** Whether the body carries the caller's credentials. */
    public boolean hasCredentials() {
        return username != null && password != null;
    }

    @Override
    public String toString() {
        return "JwtRequest[username=" + username + ", password=" + (password == null ? null : "(redacted)")
                + ", ttl=" + ttl + "]";
    }
}
