package io.redoubt.security.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private static final String EMAIL = "ops@example.com";
    private final PasswordPolicy policy = PasswordPolicy.DEFAULT;
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasherTest.CHEAP_ARGON);

    @ParameterizedTest
    @ValueSource(strings = {"Abcdef1!", "1Abcdef!", "!Abcdef1", "Abcdef!1", "Aaa-bbb-9", "Émile-42x", "Pass word-1"})
    void acceptsComplexPasswordsIncludingDigitOrSpecialFirstOrLast(String password) {
        assertThat(policy.checkComplexity(Secret.of(password), EMAIL)).isEqualTo(PasswordVerdict.ACCEPTED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Abcde1!     | shorter than 8 characters",
        "abcdef1!    | no upper-case letter",
        "ABCDEF1!    | no lower-case letter",
        "Abcdefg!    | no digit",
        "Abcdefg1    | no special character",
        "Abcd 1234   | no special character",
        "Aaaaa-bc1   | repeats a character more than 3 times",
        "Ab1!zzzzq   | repeats a character more than 3 times",
        "X1!ops@example.com | contains the user's email",
        "x1!OPS@EXAMPLE.COM | contains the user's email",
        "X1!moc.elpmaxe@spo | contains the user's email"})
    void refusesEachComplexityRuleWithReCodeAndOneLine(String password, String why) {
        PasswordVerdict verdict = policy.checkComplexity(Secret.of(password.strip()), EMAIL);
        assertThat(verdict).isInstanceOfSatisfying(PasswordVerdict.Refused.class, r -> {
            assertThat(r.error().code()).isEqualTo("password_not_complex");
            assertThat(r.message()).contains(why).contains(": ").doesNotContain("\n")
                    .doesNotContain(password.strip());
        });
    }

    @Test
    void minimumLengthCountsCharactersAndIsConfigurable() {
        PasswordPolicy twelve = new PasswordPolicy(true, 12, 0);
        assertThat(twelve.checkComplexity(Secret.of("Abcdef1!xyz"), "").accepted()).isFalse();
        assertThat(twelve.checkComplexity(Secret.of("Abcdef1!xyzw"), "").accepted()).isTrue();
        // four characters outside the BMP are four characters, not eight
        assertThat(policy.checkComplexity(Secret.of("A1!b\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02"), "").accepted())
                .isFalse();
        assertThat(policy.checkComplexity(Secret.of("A1!bc\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02"), "").accepted())
                .isTrue();
        assertThatThrownBy(() -> new PasswordPolicy(true, 7, 0)).hasMessageContaining("8..256");
        assertThatThrownBy(() -> new PasswordPolicy(true, 257, 0)).hasMessageContaining("8..256");
        assertThatThrownBy(() -> new PasswordPolicy(true, 8, -1)).hasMessageContaining("password_expiration_duration");
    }

    @Test
    void complexityOffAcceptsAnythingButEmptyAsRedisEnterpriseDoes() {
        PasswordPolicy off = PasswordPolicy.REDIS_ENTERPRISE_DEFAULT;
        assertThat(off.complexity()).isFalse();
        assertThat(PasswordPolicy.DEFAULT.complexity()).as("Redoubt is stricter by default").isTrue();
        assertThat(off.checkComplexity(Secret.of("a"), EMAIL).accepted()).isTrue();
        assertThat(off.checkComplexity(Secret.of("xops@example.comx"), EMAIL).accepted()).isTrue();
        assertThat(off.checkComplexity(Secret.none(), EMAIL)).isInstanceOfSatisfying(PasswordVerdict.Refused.class,
                r -> assertThat(r.error()).isEqualTo(PasswordError.PASSWORD_NOT_COMPLEX));
    }

    @Test
    void aNewPasswordMustDifferFromEveryCurrentOne() {
        List<String> current = List.of(hasher.hash(Secret.of("First-pass-1")), hasher.hash(Secret.of("Second-pass-2")));
        PasswordVerdict same = policy.checkNew(Secret.of("Second-pass-2"), EMAIL, current, hasher);
        assertThat(same).isInstanceOfSatisfying(PasswordVerdict.Refused.class, r -> {
            assertThat(r.error().code()).isEqualTo("new_password_same_as_current");
            assertThat(r.message()).contains("choose a different one");
        });
        assertThat(policy.checkNew(Secret.of("Third-pass-3"), EMAIL, current, hasher).accepted()).isTrue();
        // complexity is judged first
        assertThat(policy.checkNew(Secret.of("short"), EMAIL, current, hasher))
                .isInstanceOfSatisfying(PasswordVerdict.Refused.class,
                        r -> assertThat(r.error()).isEqualTo(PasswordError.PASSWORD_NOT_COMPLEX));
    }

    @Test
    void passwordsExpireTheConfiguredDaysAfterTheyWereSet() {
        Instant set = Instant.parse("2026-01-01T00:00:00Z");
        PasswordPolicy ninety = new PasswordPolicy(true, 8, 90);
        assertThat(ninety.expiresAt(set)).contains(set.plus(Duration.ofDays(90)));
        assertThat(ninety.checkNotExpired(set, set.plus(Duration.ofDays(90)).minusSeconds(1)).accepted()).isTrue();
        assertThat(ninety.checkNotExpired(set, set.plus(Duration.ofDays(90))))
                .isInstanceOfSatisfying(PasswordVerdict.Refused.class, r -> {
                    assertThat(r.error().code()).isEqualTo("password_expired");
                    assertThat(r.message()).contains("2026-04-01T00:00:00Z").contains("PUT /v1/users/password");
                });
        assertThat(policy.expiresAt(set)).as("0 days: never").isEmpty();
        assertThat(policy.checkNotExpired(set, set.plus(Duration.ofDays(100_000))).accepted()).isTrue();
    }
}
