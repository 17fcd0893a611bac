package io.redoubt.it.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import io.redoubt.testkit.TestDatabases;

/**
 * Authentication through a database of two shards, against one shard and against redis-server
 * 7.0.15: the limits Redis applies before authentication (10 arguments, 16 KB per argument), as the
 * authentication state changes (AUTH, pipelined AUTH, RESET, the default user's password set and
 * removed by another client); the AUTH throttle counting each client's own address; and a shard's
 * port admitting only its router.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShardedAuthenticationTest {
    private static final String MULTIBULK = "-ERR Protocol error: unauthenticated multibulk length";
    private static final String BULK = "-ERR Protocol error: unauthenticated bulk length";
    private static final String NOAUTH = "-NOAUTH Authentication required.";

    /**
     * A raw client leaving from a chosen loopback address, whose every wait is bounded: a reply
     * line, or "closed" when the server closed the connection; a read timeout fails the test rather
     * than passing for a close.
     */
    private static final class Raw implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Raw(String from, int port) {
            try {
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(5000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Raw send(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // the server may have closed already: what it said is still to be read
            }
            return this;
        }

        Raw send(String... args) {
            return send(request(args));
        }

        /** One whole reply, of which only the first line is returned (enough here), or "closed". */
        String reply() {
            try {
                String first = line();
                if (first != null) {
                    skipBody(first);
                }
                return first == null ? "closed" : first;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no reply within 5 s", e);
            } catch (IOException e) {
                return "closed"; // reset by the server
            }
        }

        private void skipBody(String header) throws IOException {
            char type = header.charAt(0);
            if (type == '$' && !header.equals("$-1")) {
                in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
            } else if ((type == '*' || type == '%' || type == '~') && !header.equals("*-1")) {
                int n = Integer.parseInt(header.substring(1)) * (type == '%' ? 2 : 1);
                for (int i = 0; i < n; i++) {
                    skipBody(line());
                }
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(c);
            }
            if (line.size() > 0) {
                throw new IOException("closed inside a reply");
            }
            return null;
        }

        /** A bulk string reply's content. */
        String bulk() {
            try {
                String header = line();
                assertThat(header).startsWith("$");
                byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
                return new String(body, 0, body.length - 2, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String call(String... args) {
            return send(args).reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static byte[] request(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return RespClient.encode(b);
    }

    /** SADD with eleven arguments: one more than Redis takes before authentication. */
    private static final String[] ELEVEN = {"SADD", "s", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private static String bigValue() {
        return "x".repeat(20_000);
    }

    /**
     * Runs {@code scenario} against a database of two shards, one shard and redis-server, each new
     * and given {@code password} (if not null) for the default user before the scenario starts.
     */
    private static void sameEverywhere(String password, Scenario scenario, List<String> expected) throws Exception {
        try (ShardedDatabase two = TestDatabases.startSharded(2)) {
            assertThat(run(two.port(), password, scenario)).as("two shards").containsExactlyElementsOf(expected);
        }
        try (RedoubtServer one = TestDatabases.start()) {
            assertThat(run(one.port(), password, scenario)).as("one shard").containsExactlyElementsOf(expected);
        }
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (RealRedis redis = RealRedis.start()) {
            assertThat(run(redis.port(), password, scenario)).as("redis-server").containsExactlyElementsOf(expected);
        }
    }

    private static List<String> run(int port, String password, Scenario scenario) throws Exception {
        if (password != null) {
            try (Raw setup = new Raw("127.0.0.1", port)) {
                assertThat(setup.call("ACL", "SETUSER", "default", "resetpass", ">" + password)).isEqualTo("+OK");
            }
        }
        return scenario.run(port);
    }

    @FunctionalInterface
    private interface Scenario {
        List<String> run(int port) throws Exception;
    }

    private static final String PASSWORD = "pw";

    @Test
    void beforeAuthTooManyArgumentsCloseTheConnection() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            try (Raw c = new Raw("127.0.0.1", port)) {
                return List.of(c.call(ELEVEN), c.reply());
            }
        }, List.of(MULTIBULK, "closed"));
    }

    @Test
    void beforeAuthALongArgumentClosesTheConnection() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            List<String> seen = new ArrayList<>();
            try (Raw c = new Raw("127.0.0.1", port)) {
                seen.add(c.call("SET", "k", bigValue()));
                seen.add(c.reply());
            }
            // only the header of a 512 MB argument: refused from the header, nothing allocated for it
            try (Raw c = new Raw("127.0.0.1", port)) {
                c.send("*2\r\n$4\r\nPING\r\n$536870912\r\n".getBytes(StandardCharsets.US_ASCII));
                seen.add(c.reply());
                seen.add(c.reply());
            }
            return seen;
        }, List.of(BULK, "closed", BULK, "closed"));
    }

    @Test
    void afterAuthTheLimitsAreThoseOfAuthenticatedClients() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            List<String> seen = new ArrayList<>();
            try (Raw c = new Raw("127.0.0.1", port)) {
                seen.add(c.call("AUTH", "pw"));
                seen.add(c.call(ELEVEN));
                seen.add(c.call("SET", "k", bigValue()));
                seen.add(c.call("STRLEN", "k"));
            }
            try (Raw c = new Raw("127.0.0.1", port)) { // AUTH and the long request in one write
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.writeBytes(request("AUTH", "pw"));
                both.writeBytes(request(ELEVEN));
                c.send(both.toByteArray());
                seen.add(c.reply());
                seen.add(c.reply());
            }
            return seen;
        }, List.of("+OK", ":9", "+OK", ":20000", "+OK", ":0"));
    }

    @Test
    void resetTakesAuthenticationAway() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            try (Raw c = new Raw("127.0.0.1", port)) {
                return List.of(c.call("AUTH", "pw"), c.call("RESET"), c.call(ELEVEN), c.reply());
            }
        }, List.of("+OK", "+RESET", MULTIBULK, "closed"));
    }

    @Test
    void helloWithAuthLiftsTheLimits() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            try (Raw c = new Raw("127.0.0.1", port)) {
                return List.of(c.call("HELLO", "2", "AUTH", "default", "wrong"), c.call("HELLO", "2", "AUTH", "default", "pw"),
                        c.call(ELEVEN));
            }
        }, List.of("-WRONGPASS invalid username-password pair or user is disabled.", "*14", ":9"));
    }

    @Test
    void resetInsideATransactionTakesAuthenticationAwayAtOnce() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            try (Raw c = new Raw("127.0.0.1", port)) {
                List<String> seen = new ArrayList<>(List.of(c.call("AUTH", "pw"), c.call("MULTI"),
                        c.call("SET", "a", "1"), c.call("RESET")));
                for (String key : List.of("a", "b", "c", "d")) { // keys on both shards of two
                    seen.add(c.call("GET", key));
                }
                seen.add(c.call(ELEVEN));
                seen.add(c.reply());
                return seen;
            }
        }, List.of("+OK", "+OK", "+QUEUED", "+RESET", NOAUTH, NOAUTH, NOAUTH, NOAUTH, MULTIBULK, "closed"));
    }

    @Test
    void theLimitsFollowTheDefaultUserChangedByAnotherClient() throws Exception {
        sameEverywhere(PASSWORD, port -> {
            List<String> seen = new ArrayList<>();
            try (Raw admin = new Raw("127.0.0.1", port); Raw c = new Raw("127.0.0.1", port)) {
                seen.add(admin.call("AUTH", "pw"));
                seen.add(c.call("GET", "k"));
                seen.add(admin.call("ACL", "SETUSER", "default", "nopass"));
                seen.add(c.call(ELEVEN)); // no password needed any more: no longer limited
                seen.add(admin.call("ACL", "SETUSER", "default", "resetpass", ">pw2"));
                seen.add(c.call(ELEVEN)); // never authenticated: limited again
                seen.add(c.reply());
            }
            return seen;
        }, List.of("+OK", "-NOAUTH Authentication required.", "+OK", ":9", "+OK", MULTIBULK, "closed"));
    }

    @Test
    void aClientConnectedWithoutPasswordStaysAuthenticatedWhenOneIsSet() throws Exception {
        sameEverywhere(null, port -> {
            List<String> seen = new ArrayList<>();
            try (Raw admin = new Raw("127.0.0.1", port); Raw old = new Raw("127.0.0.1", port)) {
                seen.add(old.call("PING"));
                seen.add(admin.call("ACL", "SETUSER", "default", "resetpass", ">pw"));
                seen.add(old.call(ELEVEN));
                try (Raw fresh = new Raw("127.0.0.1", port)) {
                    seen.add(fresh.call(ELEVEN));
                    seen.add(fresh.reply());
                }
            }
            return seen;
        }, List.of("+PONG", "+OK", ":9", MULTIBULK, "closed"));
    }

    // ---- the client's address on the shards --------------------------------------------------------

    @Test
    void failuresFromOneAddressDoNotLockOutAnotherThroughTheRouter() throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(2, "requirepass", "right", "auth-max-failures", "3",
                "auth-failure-window", "60", "auth-lockout-time", "60");
             Raw attacker = new Raw("127.0.0.2", db.port());
             Raw neighbour = new Raw("127.0.0.3", db.port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(attacker.call("AUTH", "wrong-" + i))
                        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
            }
            assertThat(attacker.call("AUTH", "right"))
                    .startsWith("-ERR Too many failed authentication attempts from this address");
            assertThat(neighbour.call("AUTH", "right")).isEqualTo("+OK");
            try (Jedis admin = new Jedis("127.0.0.1", db.port(), 10_000)) {
                admin.auth("right");
                assertThat(admin.clientList()).contains("addr=127.0.0.2:").contains("addr=127.0.0.3:")
                        .contains("laddr=127.0.0.1:" + db.port());
                assertThat(admin.info("server")).contains("tcp_port:" + db.port() + "\r\n");
                assertThat(admin.aclLog().toString()).contains("addr=127.0.0.2:").doesNotContain("addr=127.0.0.3:");
            }
        }
    }

    /** Jedis leaving from {@code from}, through the sharded endpoint. */
    private static Jedis jedisFrom(String from, int port) {
        return new Jedis(new JedisSocketFactory() {
            @Override
            public Socket createSocket() {
                try {
                    Socket socket = new Socket();
                    socket.bind(new InetSocketAddress(from, 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    socket.setSoTimeout(10_000);
                    return socket;
                } catch (IOException e) {
                    throw new JedisConnectionException(e);
                }
            }
        });
    }

    @Test
    void jedisAtAnotherAddressIsNotLockedOutByTheFirstOnesFailures() throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(2, "requirepass", "right", "auth-max-failures", "3");
             Jedis attacker = jedisFrom("127.0.0.2", db.port());
             Jedis other = jedisFrom("127.0.0.3", db.port());
             Jedis local = new Jedis("127.0.0.1", db.port(), 10_000)) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> attacker.auth("wrong")).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("WRONGPASS");
            }
            assertThatThrownBy(() -> attacker.auth("right")).isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("ERR Too many failed authentication attempts from this address");
            assertThat(other.auth("right")).isEqualTo("OK");
            assertThat(local.auth("right")).isEqualTo("OK"); // the router's own address is not locked either
            assertThat(other.set("k", "v")).isEqualTo("OK");
            assertThat(local.get("k")).isEqualTo("v");
        }
    }

    @Test
    void securityEventsNameTheClientNotTheRouter(@TempDir Path tmp) throws Exception {
        Instant before = Instant.now();
        try (ShardedDatabase db = TestDatabases.startSharded(2, "requirepass", "right",
                "event-log-file", tmp.resolve("events.jsonl").toString());
             Raw c = new Raw("127.0.0.2", db.port())) {
            assertThat(c.call("AUTH", "wrong")).startsWith("-WRONGPASS");
            EventLog log = db.shards().get(0).eventLog();
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> !log.query(before, Instant.MAX, Set.of(EventType.AUTH_FAILURE), 10).isEmpty());
            assertThat(log.query(before, Instant.MAX, Set.of(EventType.AUTH_FAILURE), 10))
                    .extracting(SecurityEvent::clientAddress).allMatch(a -> a.startsWith("127.0.0.2:"));
        }
    }

    @Test
    void aShardHasNoNetworkPortOnlyItsRoutersInProcessLinks() throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(2, "protected-mode", "no")) {
            for (RedoubtServer shard : db.shards()) {
                assertThat(shard.port()).isZero();
                assertThat(shard.endpoint().addresses()).isEmpty();
            }
            try (Raw routed = new Raw("127.0.0.2", db.port())) { // through the router all is well
                assertThat(routed.call("PING")).isEqualTo("+PONG");
                routed.send("CLIENT", "INFO");
                assertThat(routed.bulk()).contains("addr=127.0.0.2:");
            }
        }
    }
}
