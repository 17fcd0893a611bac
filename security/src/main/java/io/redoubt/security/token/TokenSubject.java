package io.redoubt.security.token;

/**
 * Whom a token stands for: the user's uid (the JWT {@code sub}) and name (claim {@code name}).
 */
public record TokenSubject(String userUid, String userName) {
    public TokenSubject {
        if (userUid == null || userUid.isEmpty() || userName == null || userName.isEmpty()) {
            throw new IllegalArgumentException("a token names a user by uid and name");
        }
    }
}
