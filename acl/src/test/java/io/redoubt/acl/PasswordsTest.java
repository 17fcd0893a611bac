package io.redoubt.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Passwords are SHA-256 hex as Redis stores them, compared in constant time, never printed. */
class PasswordsTest {
    @Test
    void hashIsRedisSha256Hex() {
        // ACL LIST of Redis 7.0.15 after ACL SETUSER u >pw
        assertThat(Secret.of("pw").hash().hex())
                .isEqualTo("30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4");
        assertThat(Secret.of("pw").hash().matches("pw".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Secret.of("pw").hash().matches("pW".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void secretsRedactThemselves() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).isEqualTo("<redacted>").doesNotContain("hunter2");
        assertThat(String.valueOf(s)).doesNotContain("hunter2");
    }

    @Test
    void onlyLowerCaseHexOf64IsAHash() {
        assertThat(PasswordHash.isValid("a".repeat(64))).isTrue();
        assertThat(PasswordHash.isValid("A".repeat(64))).isFalse();
        assertThat(PasswordHash.isValid("a".repeat(63))).isFalse();
        assertThatThrownBy(() -> new PasswordHash("xyz")).hasMessageContaining("exactly 64 characters");
    }
}
