package io.redoubt.security.password;

/**
 * What {@link PasswordPolicy} decided: accepted, or refused with Redis Enterprise's error code and a
 * one-line message that says what to do. A message never contains the password.
 */
public sealed interface PasswordVerdict permits PasswordVerdict.Accepted, PasswordVerdict.Refused {
    PasswordVerdict ACCEPTED = new Accepted();

    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** The password passes. */
    record Accepted() implements PasswordVerdict {
    }

    /** The password is refused for {@code error}; {@code message} is one line for the person. */
    record Refused(PasswordError error, String message) implements PasswordVerdict {
        public Refused {
            if (error == null || message == null || message.isBlank() || message.contains("\n")) {
                throw new IllegalArgumentException("a refusal needs an error and a one-line message");
            }
        }
    }
}
