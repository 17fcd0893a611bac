package io.redoubt.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What outlives a restart of the node (users, passwords, roles, databases, a lock in progress, tokens
 * signed with the node's key), and password expiry, each on a node of its own (expiry moves the clock).
 */
class RestartAndExpiryTest {
    @TempDir
    Path dir;

    @Test
    void stateAndLockoutSurviveClosingAndReopeningTheStore() throws Exception {
        ApiNode node = ApiNode.bootstrapped(dir);
        try {
            long uid = node.createUser("keeper", "K33per-Pa55word!", "db_member");
            String token = node.token("keeper", "K33per-Pa55word!", 3600);
            assertThat(node.call("POST", "/v1/bdbs", node.adminAuth(), "{\"name\":\"kept\",\"memory_size\":1048576}")
                    .status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                assertThat(node.call("GET", "/v1/bdbs", ApiNode.basic("keeper", "nope"), null).status()).isEqualTo(401);
            }
            node = node.restart();
            assertThat(node.plane.state().user(uid).orElseThrow().lockout().failedAttempts()).isEqualTo(3);
            assertThat(node.call("GET", "/v1/bdbs", ApiNode.bearer(token), null).json().get(0).get("name").asText())
                    .isEqualTo("kept");
            for (int i = 0; i < 2; i++) {
                node.call("GET", "/v1/bdbs", ApiNode.basic("keeper", "nope"), null);
            }
            assertThat(node.call("GET", "/v1/bdbs", ApiNode.basic("keeper", "K33per-Pa55word!"), null).errorCode())
                    .isEqualTo("user_locked");
            node = node.restart();
            assertThat(node.call("GET", "/v1/bdbs", ApiNode.basic("keeper", "K33per-Pa55word!"), null).errorCode())
                    .isEqualTo("user_locked");
            // RE's 1800 s lock ends on its own
            node.clock.advance(Duration.ofSeconds(1801));
            assertThat(node.call("GET", "/v1/bdbs", ApiNode.basic("keeper", "K33per-Pa55word!"), null).status())
                    .isEqualTo(200);
        } finally {
            node.close();
        }
    }

    @Test
    void anExpiredPasswordOnlySetsANewOne() throws Exception {
        try (ApiNode node = ApiNode.bootstrapped(dir)) {
            node.createUser("olduser", "0ld-User-Pa55!", "db_viewer");
            assertThat(node.call("PUT", "/v1/cluster", node.adminAuth(), "{\"password_expiration_duration\":3}")
                    .status()).isEqualTo(200);
            node.clock.advance(Duration.ofDays(4));
            String olduser = ApiNode.basic("olduser", "0ld-User-Pa55!");
            ApiNode.Reply expired = node.call("GET", "/v1/bdbs", olduser, null);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.errorCode()).isEqualTo("password_expired");
            assertThat(node.call("POST", "/v1/users/authorize", olduser, null).errorCode()).isEqualTo("password_expired");
            assertThat(node.call("PUT", "/v1/users/password", olduser, "{\"new_password\":\"N3w-User-Pa55!\"}").status())
                    .isEqualTo(200);
            assertThat(node.call("GET", "/v1/bdbs", ApiNode.basic("olduser", "N3w-User-Pa55!"), null).status())
                    .isEqualTo(200);
        }
    }
}
