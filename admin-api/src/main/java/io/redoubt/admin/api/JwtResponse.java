package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of authorize and refresh_jwt: {@code {"access_token": "<JWT>"}}. The token is the one
 * credential an answer may carry (it is what the caller asked for); it is still kept out of
 * {@code toString}, so a log line cannot leak it.
 */
public record JwtResponse(@JsonProperty("access_token") String accessToken) {

    @Override
    public String toString() {
        return "JwtResponse[access_token=(redacted)]";
    }
}
