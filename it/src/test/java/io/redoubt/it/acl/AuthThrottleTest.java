package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RespClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.redoubt.testkit.TestDatabases;

/**
 * Brute-force throttling with real connections from two loopback addresses: failures from
 * 127.0.0.2 lock out 127.0.0.2 only; 127.0.0.1 and connections already authenticated carry on;
 * refusals are counted in INFO and recorded in ACL LOG; the lock ends after the cool-down.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthThrottleTest {

    /** A client whose connection leaves from a chosen local address; replies here are one line. */
    private static final class From implements AutoCloseable {
        private final Socket socket = new Socket();
        private final BufferedReader in;
        private final OutputStream out;

        From(String localAddress, int port) {
            try {
                socket.bind(new InetSocketAddress(localAddress, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(10_000);
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                out = socket.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String call(String... args) {
            try {
                out.write(RespClient.encode(toBytes(args)));
                out.flush();
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[][] toBytes(String[] args) {
            byte[][] b = new byte[args.length][];
            for (int i = 0; i < args.length; i++) {
                b[i] = args[i].getBytes(StandardCharsets.UTF_8);
            }
            return b;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void failuresFromOneAddressLockOnlyThatAddress() throws Exception {
        try (RedoubtServer s = TestDatabases.start("requirepass", "right", "auth-max-failures", "3",
                "auth-failure-window", "60", "auth-lockout-time", "2");
             From attacker = new From("127.0.0.2", s.port());
             From neighbour = new From("127.0.0.1", s.port());
             From working = new From("127.0.0.2", s.port())) {
            assertThat(working.call("AUTH", "right")).isEqualTo("+OK");
            for (int i = 0; i < 3; i++) {
                assertThat(attacker.call("AUTH", "wrong-" + i))
                        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
            }
            String refused = attacker.call("AUTH", "right");
            assertThat(refused).startsWith("-ERR Too many failed authentication attempts from this address: try again in ")
                    .endsWith(" seconds");
            assertThat(attacker.call("HELLO", "3", "AUTH", "default", "right")).isEqualTo(refused.replaceAll(
                    "in \\d+ seconds", "in " + refused.replaceAll("\\D+", "") + " seconds"));
            try (From another = new From("127.0.0.2", s.port())) {
                assertThat(another.call("AUTH", "right")).startsWith("-ERR Too many failed authentication attempts");
            }
            assertThat(attacker.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.");
            assertThat(neighbour.call("AUTH", "right")).isEqualTo("+OK"); // another address is not affected
            assertThat(working.call("SET", "k", "v")).isEqualTo("+OK"); // nor an authenticated connection

            try (RespClient admin = RespClient.connect(s.port())) {
                admin.call("AUTH", "right");
                assertThat(admin.callText("INFO", "security")).contains("auth_throttled_attempts:3\r\n");
                String log = admin.callText("ACL", "LOG");
                assertThat(log).contains("auth").contains("addr=127.0.0.2:").doesNotContain("wrong-")
                        .doesNotContain("right");
                assertThat(admin.callText("INFO")).doesNotContain("auth_throttled");
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> attacker.call("AUTH", "right").equals("+OK"));
        }
    }

    /**
     * A flood of failures from many addresses does not lift a lockout (the throttle used to forget
     * every address when its table filled), on one shard and through a database of two.
     */
    @Test
    void aFloodOfAddressesDoesNotLiftALockout() throws Exception {
        String[] settings = {"requirepass", "right", "auth-max-failures", "3", "auth-lockout-time", "60",
                "auth-tracked-sources", "8"};
        try (RedoubtServer one = TestDatabases.start(settings)) {
            floodKeepsTheLockout(one.port());
        }
        try (ShardedDatabase two = TestDatabases.startSharded(2, settings)) {
            floodKeepsTheLockout(two.port());
        }
    }

    private static void floodKeepsTheLockout(int port) throws IOException {
        try (From attacker = new From("127.0.0.2", port)) {
            for (int i = 0; i < 3; i++) {
                attacker.call("AUTH", "wrong");
            }
            assertThat(attacker.call("AUTH", "right")).startsWith("-ERR Too many failed authentication attempts");
            for (int n = 1; n <= 40; n++) { // five times what the throttle may remember
                try (From flood = new From("127.0.1." + n, port)) {
                    assertThat(flood.call("AUTH", "wrong")).startsWith("-WRONGPASS");
                }
            }
            assertThat(attacker.call("AUTH", "right")).startsWith("-ERR Too many failed authentication attempts");
            try (From newcomer = new From("127.0.2.1", port)) {
                assertThat(newcomer.call("AUTH", "right")).isEqualTo("+OK"); // the flood locked out nobody else
            }
        }
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        try (RedoubtServer s = TestDatabases.start("requirepass", "right", "auth-max-failures", "0");
             From c = new From("127.0.0.2", s.port())) {
            for (int i = 0; i < 30; i++) {
                assertThat(c.call("AUTH", "wrong")).startsWith("-WRONGPASS");
            }
            assertThat(c.call("AUTH", "right")).isEqualTo("+OK");
        }
    }
}
