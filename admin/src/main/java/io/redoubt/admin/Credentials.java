package io.redoubt.admin;

import io.redoubt.security.Secret;
import java.util.Objects;

/** What a request offered to prove who sent it, as read from its {@code Authorization} header. */
public sealed interface Credentials {
    /** No usable header. */
    record None() implements Credentials {}

    /** HTTP Basic: a user name and a password. */
    record Basic(String username, Secret password) implements Credentials {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + "]";
        }
    }

    /**
     * RE's {@code POST /v1/users/authorize} body: a user name and password offered for a token. Unlike
     * HTTP Basic it works when {@code control_plane_basic_authentication} is off, since it is how a client
     * then gets its token.
     */
    record TokenRequest(String username, Secret password) implements Credentials {
        public TokenRequest {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "TokenRequest[username=" + username + "]";
        }
    }

    /** {@code Bearer <JWT>} from {@code /v1/users/authorize}. */
    record Bearer(String token) implements Credentials {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[(redacted)]";
        }
    }

    Credentials NONE = new None();
}
