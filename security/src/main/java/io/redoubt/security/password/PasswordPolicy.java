package io.redoubt.security.password;

import io.redoubt.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The password rules of Redis Enterprise (its cluster fields {@code password_complexity},
 * {@code password_min_length} and {@code password_expiration_duration}), with its error codes. With
 * complexity on, a password has at least {@code minLength} characters, an upper-case letter, a
 * lower-case letter, a digit and a special character (anything that is not a letter, a digit or white
 * space); it does not contain the user's e-mail address, forwards or reversed (ignoring case); and no
 * character repeats more than 3 times in a row. A digit or special character may be the first or last
 * character (RE allows it since 6.2.12). As in RE, the minimum length applies only while complexity is
 * on; an empty password is refused either way. Redoubt's default turns complexity <em>on</em>
 * ({@link #DEFAULT}); RE's is off ({@link #REDIS_ENTERPRISE_DEFAULT}).
 *
 * @param complexity     whether the complexity rules apply
 * @param minLength      minimum length in characters (Unicode code points), 8..256
 * @param expirationDays days a password stays valid after it was set; 0 means it never expires
 */
public record PasswordPolicy(boolean complexity, int minLength, int expirationDays) {
    public static final int MIN_LENGTH_LOWEST = 8;
    public static final int MIN_LENGTH_HIGHEST = 256;
    /** More repetitions of one character in a row than this are refused. */
    public static final int MAX_REPEATS = 3;
    /** Redoubt's default: complexity on, 8 characters, no expiry. */
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(true, 8, 0);
    /** Redis Enterprise's default: complexity off, 8 characters, no expiry. */
    public static final PasswordPolicy REDIS_ENTERPRISE_DEFAULT = new PasswordPolicy(false, 8, 0);

    public PasswordPolicy {
        if (minLength < MIN_LENGTH_LOWEST || minLength > MIN_LENGTH_HIGHEST) {
            throw new IllegalArgumentException("password_min_length must be 8..256, got " + minLength);
        }
        if (expirationDays < 0) {
            throw new IllegalArgumentException("password_expiration_duration must be 0 (never) or a number of days, "
                    + "got " + expirationDays);
        }
    }

    /**
     * Checks a password being set (a new user, an added or replacing password) for the user with
     * {@code email} (may be empty): the complexity rules, then that it differs from each of the user's
     * {@code currentHashes} (encoded hashes from {@link PasswordHasher#hash}).
     */
    public PasswordVerdict checkNew(Secret candidate, String email, Collection<String> currentHashes,
                                    PasswordHasher hasher) {
        PasswordVerdict complexityVerdict = checkComplexity(candidate, email);
        if (!complexityVerdict.accepted()) {
            return complexityVerdict;
        }
        return checkNotCurrent(candidate, currentHashes, hasher);
    }

    /** The complexity rules alone (and the empty-password rule, which applies even with complexity off). */
    public PasswordVerdict checkComplexity(Secret candidate, String email) {
        char[] chars = candidate.reveal();
        try {
            return complexity(chars, email == null ? "" : email);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Refuses {@code candidate} when it verifies against any of {@code currentHashes}. */
    public PasswordVerdict checkNotCurrent(Secret candidate, Collection<String> currentHashes, PasswordHasher hasher) {
        for (String current : currentHashes) {
            if (hasher.verify(current, candidate)) {
                return new PasswordVerdict.Refused(PasswordError.NEW_PASSWORD_SAME_AS_CURRENT,
                        "The new password is the same as a current password of this user: choose a different one");
            }
        }
        return PasswordVerdict.ACCEPTED;
    }

    /** When a password set at {@code setAt} expires, or empty when passwords never expire. */
    public Optional<Instant> expiresAt(Instant setAt) {
        return expirationDays == 0 ? Optional.empty() : Optional.of(setAt.plus(Duration.ofDays(expirationDays)));
    }

    /**
     * Refuses a password set at {@code setAt} that has expired at {@code now} (RE counts from the last
     * password change, so turning expiry on can expire passwords at once).
     */
    public PasswordVerdict checkNotExpired(Instant setAt, Instant now) {
        Optional<Instant> expiry = expiresAt(setAt);
        if (expiry.isPresent() && !now.isBefore(expiry.get())) {
            return new PasswordVerdict.Refused(PasswordError.PASSWORD_EXPIRED, "The password expired at "
                    + expiry.get() + ": set a new one with PUT /v1/users/password or ask an admin to reset it");
        }
        return PasswordVerdict.ACCEPTED;
    }

    private PasswordVerdict complexity(char[] chars, String email) {
        String password = new String(chars);
        if (password.isEmpty()) {
            return notComplex("The password is empty: choose one with at least " + minLength + " characters");
        }
        if (!complexity) {
            return PasswordVerdict.ACCEPTED;
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            return notComplex("The password is shorter than " + minLength + " characters: choose a longer one");
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean special = false;
        int previous = -1;
        int run = 0;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (!Character.isLetter(c) && !Character.isWhitespace(c)) {
                special = true;
            }
            run = c == previous ? run + 1 : 1;
            previous = c;
            if (run > MAX_REPEATS) {
                return notComplex("The password repeats a character more than " + MAX_REPEATS
                        + " times in a row: break up the repetition");
            }
        }
        if (!upper) {
            return notComplex("The password has no upper-case letter: add one");
        }
        if (!lower) {
            return notComplex("The password has no lower-case letter: add one");
        }
        if (!digit) {
            return notComplex("The password has no digit: add one");
        }
        if (!special) {
            return notComplex("The password has no special character (such as ! # % or -): add one");
        }
        String trimmed = email.strip().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty()) {
            String lowered = password.toLowerCase(Locale.ROOT);
            String reversed = new StringBuilder(trimmed).reverse().toString();
            if (lowered.contains(trimmed) || lowered.contains(reversed)) {
                return notComplex("The password contains the user's email address (or it reversed): choose one "
                        + "without it");
            }
        }
        return PasswordVerdict.ACCEPTED;
    }

    private static PasswordVerdict notComplex(String message) {
        return new PasswordVerdict.Refused(PasswordError.PASSWORD_NOT_COMPLEX, message);
    }
}
