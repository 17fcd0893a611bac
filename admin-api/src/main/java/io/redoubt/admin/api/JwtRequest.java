package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Optional body of {@code POST /v1/users/authorize} and {@code /v1/users/refresh_jwt}: the token's time
 * to live in seconds, RE's range 1..86400, default 300. The caller's credentials are in the request's
 * authentication header, not here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JwtRequest(@JsonProperty("ttl") Integer ttl) implements RequestBody {
    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int MAX_TTL_SECONDS = 86_400;

    @Override
    public Optional<ApiError> validate() {
        return new Validation().range("ttl", ttl, 1, MAX_TTL_SECONDS, ErrorCode.INVALID_PARAM).result();
    }

    /** The requested ttl, or RE's default. */
    public int ttlSeconds() {
        return ttl == null ? DEFAULT_TTL_SECONDS : ttl;
    }
}
