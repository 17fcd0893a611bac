package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.dataplane.Session;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * The entry point for identities proven outside AUTH (a TLS client certificate mapped to a user):
 * {@link Session#authenticate(String)} logs a connection in as an enabled user without a password,
 * and refuses unknown or disabled users (recording the failure in ACL LOG).
 */
class PasswordlessLoginTest {
    @Test
    void authenticatesOnlyEnabledUsers() throws Exception {
        try (RedoubtServer s = TestDatabases.start("requirepass", "admin-pw");
             RespClient admin = RespClient.connect(s.port());
             RespClient mapped = RespClient.connect(s.port())) {
            admin.call("AUTH", "admin-pw");
            assertThat(admin.callText("ACL", "SETUSER", "cert-user", "on", "~c:*", "+@all")).isEqualTo("+OK\r\n");
            assertThat(admin.callText("ACL", "SETUSER", "off-user", "off", "+@all")).isEqualTo("+OK\r\n");
            assertThat(mapped.callText("GET", "c:1")).isEqualTo("-NOAUTH Authentication required.\r\n");
            Session session = s.endpoint().onShardThread(() -> s.context().clients().all().stream()
                    .filter(c -> !c.authenticated()).findFirst().orElseThrow());
            assertThat(s.endpoint().onShardThread(() -> session.authenticate("nosuch"))).isFalse();
            assertThat(s.endpoint().onShardThread(() -> session.authenticate("off-user"))).isFalse();
            assertThat(mapped.callText("GET", "c:1")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(s.endpoint().onShardThread(() -> session.authenticate("cert-user"))).isTrue();
            assertThat(mapped.callText("ACL", "WHOAMI")).isEqualTo("$9\r\ncert-user\r\n");
            assertThat(mapped.callText("GET", "c:1")).isEqualTo("$-1\r\n");
            assertThat(mapped.callText("GET", "other")).startsWith("-NOPERM");
            assertThat(admin.callText("ACL", "LOG")).contains("nosuch").contains("off-user");
        }
    }
}
