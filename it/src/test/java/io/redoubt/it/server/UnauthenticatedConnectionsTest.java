package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.redoubt.testkit.TestDatabases;

/**
 * Hardening of issue 14: when a password is required, a connection gets {@code auth-timeout} seconds
 * to authenticate, and connections not yet authenticated may hold only
 * {@code maxclients-unauthenticated-percent} of {@code maxclients}, so sockets opened and left idle
 * cannot take every connection slot. Neither applies when no password is required. (Redis has
 * neither: its idle {@code timeout} is off by default and treats every client alike.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnauthenticatedConnectionsTest {
    private static final String AUTH = "*2\r\n$4\r\nAUTH\r\n$11\r\ns3cret-pass\r\n";

    @Test
    void theDefaultsAreOn() throws Exception {
        try (RedoubtServer server = TestDatabases.start(); RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("CONFIG", "GET", "auth-timeout")).isEqualTo("*2\r\n$12\r\nauth-timeout\r\n$2\r\n10\r\n");
            assertThat(c.callText("CONFIG", "GET", "maxclients-unauthenticated-percent"))
                    .isEqualTo("*2\r\n$34\r\nmaxclients-unauthenticated-percent\r\n$2\r\n50\r\n");
            assertThat(c.callText("CONFIG", "SET", "maxclients-unauthenticated-percent", "0"))
                    .startsWith("-ERR CONFIG SET failed");
        }
    }

    @Test
    void aConnectionThatDoesNotAuthenticateInTimeIsClosed() throws Exception {
        try (RedoubtServer server = TestDatabases.start("requirepass", "s3cret-pass", "auth-timeout", "1");
             RespClient idle = RespClient.connect(server.port());
             RespClient chatty = RespClient.connect(server.port());
             RespClient authenticated = RespClient.connect(server.port())) {
            authenticated.sendRaw(AUTH);
            assertThat(authenticated.readReplyText()).isEqualTo("+OK\r\n");
            long started = System.nanoTime();
            // commands other than AUTH do not buy time
            for (int i = 0; i < 3; i++) {
                assertThat(chatty.callText("PING")).startsWith("-NOAUTH");
                Thread.sleep(300);
            }
            await().atMost(Duration.ofSeconds(5)).until(idle::isClosedByServer);
            await().atMost(Duration.ofSeconds(5)).until(chatty::isClosedByServer);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(authenticated.isClosedByServer()).as("an authenticated client stays").isFalse();
            assertThat(authenticated.callText("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void noTimeoutWithoutAPasswordOrWhenTurnedOff() throws Exception {
        try (RedoubtServer open = TestDatabases.start("auth-timeout", "1");
             RedoubtServer off = TestDatabases.start("requirepass", "s3cret-pass", "auth-timeout", "0");
             RespClient a = RespClient.connect(open.port());
             RespClient b = RespClient.connect(off.port())) {
            Thread.sleep(2500); // more than auth-timeout and a cron period
            assertThat(a.isClosedByServer()).isFalse();
            assertThat(b.isClosedByServer()).isFalse();
            assertThat(a.callText("PING")).isEqualTo("+PONG\r\n");
            assertThat(b.callText("PING")).startsWith("-NOAUTH");
        }
    }

    @Test
    void unauthenticatedConnectionsTakeOnlyTheirShareOfMaxclients() throws Exception {
        try (RedoubtServer server = TestDatabases.start("requirepass", "s3cret-pass", "maxclients", "10",
                "maxclients-unauthenticated-percent", "30")) {
            List<RespClient> open = new ArrayList<>();
            try (RespClient user = RespClient.connect(server.port())) {
                user.sendRaw(AUTH);
                assertThat(user.readReplyText()).isEqualTo("+OK\r\n");
                for (int i = 0; i < 3; i++) {
                    RespClient idle = RespClient.connect(server.port());
                    open.add(idle);
                    assertThat(idle.callText("PING")).startsWith("-NOAUTH"); // registered before the next connects
                }
                try (RespClient refused = RespClient.connect(server.port())) {
                    assertThat(refused.readReplyText()).isEqualTo(
                            "-ERR max number of unauthenticated clients reached: authenticate sooner, or raise "
                                    + "maxclients-unauthenticated-percent or maxclients\r\n");
                    assertThat(refused.isClosedByServer()).isTrue();
                }
                // the authenticated client is served, and a slot freed by authenticating admits the next one
                assertThat(user.callText("PING")).isEqualTo("+PONG\r\n");
                open.get(0).sendRaw(AUTH);
                assertThat(open.get(0).readReplyText()).isEqualTo("+OK\r\n");
                try (RespClient next = RespClient.connect(server.port())) {
                    next.sendRaw(AUTH);
                    assertThat(next.readReplyText()).isEqualTo("+OK\r\n");
                }
                // so does one that closes; and the count survives a RESET that drops the authentication
                open.get(0).sendRaw("*1\r\n$5\r\nRESET\r\n");
                assertThat(open.get(0).readReplyText()).isEqualTo("+RESET\r\n");
                open.get(1).close();
                open.get(2).close();
                // left: this client and open.get(0) (the server sees the closes asynchronously)
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> user.callText("INFO", "clients").contains("\r\nconnected_clients:2\r\n"));
                List<RespClient> more = new ArrayList<>();
                try {
                    for (int i = 0; i < 2; i++) { // open.get(0) waits again: 2 more make 3
                        RespClient idle = RespClient.connect(server.port());
                        more.add(idle);
                        assertThat(idle.callText("PING")).startsWith("-NOAUTH");
                    }
                    try (RespClient refused = RespClient.connect(server.port())) {
                        assertThat(refused.readReplyText()).startsWith("-ERR max number of unauthenticated clients");
                    }
                } finally {
                    more.forEach(RespClient::close);
                }
            } finally {
                open.forEach(RespClient::close);
            }
        }
    }

    @Test
    void withoutAPasswordEveryClientCountsAsAuthenticated() throws Exception {
        try (RedoubtServer server = TestDatabases.start("maxclients", "10",
                "maxclients-unauthenticated-percent", "10")) {
            List<RespClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    RespClient c = RespClient.connect(server.port());
                    open.add(c);
                    assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
                }
            } finally {
                open.forEach(RespClient::close);
            }
        }
    }
}
