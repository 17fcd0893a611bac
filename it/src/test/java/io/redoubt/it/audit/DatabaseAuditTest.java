package io.redoubt.it.audit;

import static io.redoubt.it.audit.RemoteSyslogTest.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import io.redoubt.testkit.TestDatabases;

/**
 * The database audit against a TCP collector in the test: connection and command records in order
 * per connection, key names without values, the user and source filters, the connections-only mode,
 * and a dead or stalled collector that costs clients nothing (drops are counted in INFO audit).
 */
class DatabaseAuditTest {
    private static final Pattern CONN = Pattern.compile("\"conn\":(\\d+)");

    private static RedoubtServer server(AuditCollector c, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("audit-mode", "commands", "audit-collector-host", "127.0.0.1",
                "audit-collector-port", Integer.toString(c.port())));
        args.addAll(List.of(more));
        return TestDatabases.start(args.toArray(String[]::new));
    }

    private static List<String> of(AuditCollector c, long conn) {
        return c.lines.stream().filter(l -> l.contains("\"conn\":" + conn + ",")).toList();
    }

    @Test
    void recordsArriveInOrderPerConnectionWithKeyNamesAndNeverValues() throws Exception {
        try (AuditCollector collector = new AuditCollector(); RedoubtServer server = server(collector)) {
            long idA;
            long idB;
            try (Jedis a = new Jedis("127.0.0.1", server.port()); Jedis b = new Jedis("127.0.0.1", server.port())) {
                idA = a.clientId();
                idB = b.clientId();
                for (int i = 0; i < 200; i++) {
                    a.set("a:" + i, "value-of-a-" + i);
                    b.mset("b:" + i, "value-of-b-" + i, "b2:" + i, "other-value");
                    b.get("b:" + i);
                }
                a.select(3);
                a.hset("h", "field", "field-value");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> of(collector, idA).stream().anyMatch(l -> l.contains("\"type\":\"close\""))
                    && of(collector, idB).stream().anyMatch(l -> l.contains("\"type\":\"close\"")));
            List<String> a = of(collector, idA);
            assertThat(a.get(0)).contains("\"type\":\"connect\"", "\"user\":\"default\"", "\"client\":\"127.0.0.1:");
            List<String> sets = a.stream().filter(l -> l.contains("\"command\":\"set\"")).toList();
            assertThat(sets).hasSize(200);
            for (int i = 0; i < 200; i++) {
                assertThat(sets.get(i)).contains("\"keys\":[\"a:" + i + "\"]", "\"db\":0");
            }
            assertThat(a).anySatisfy(l -> assertThat(l).contains("\"command\":\"hset\"", "\"keys\":[\"h\"]", "\"db\":3"));
            assertThat(a.get(a.size() - 1)).contains("\"type\":\"close\"");
            List<String> b = of(collector, idB);
            List<String> bCommands = b.stream().filter(l -> l.contains("\"command\":\"mset\"")
                    || l.contains("\"command\":\"get\"")).toList();
            assertThat(bCommands).hasSize(400);
            for (int i = 0; i < 200; i++) {
                assertThat(bCommands.get(2 * i)).contains("\"command\":\"mset\"", "\"keys\":[\"b:" + i + "\",\"b2:" + i + "\"]");
                assertThat(bCommands.get(2 * i + 1)).contains("\"command\":\"get\"", "\"keys\":[\"b:" + i + "\"]");
            }
            assertThat(String.join("\n", collector.lines)).doesNotContain("value-of", "other-value", "field-value");
            try (RespClient c = RespClient.connect(server.port())) {
                assertThat(info(c, "audit_dropped")).isZero();
                assertThat(info(c, "audit_sent")).isGreaterThanOrEqualTo(a.size() + b.size());
            }
        }
    }

    @Test
    void userAndSourceFiltersAndConnectionsMode() throws Exception {
        try (AuditCollector collector = new AuditCollector();
             RedoubtServer server = server(collector, "audit-users", "nobody");
             RespClient admin = RespClient.connect(server.port())) {
            admin.callText("SET", "filtered-out", "x");
            admin.callText("CONFIG", "SET", "audit-users", "", "audit-sources", "10.0.0.0/8 192.168.0.0/16");
            admin.callText("SET", "filtered-by-source", "x");
            // the source filter applies to connections opened from now on as well as to this one
            assertThat(admin.callText("CONFIG", "SET", "audit-sources", "127.0.0.0/8 ::1/128")).isEqualTo("+OK\r\n");
            admin.callText("SET", "recorded", "x");
            admin.callText("CONFIG", "SET", "audit-mode", "connections");
            admin.callText("SET", "not-in-connections-mode", "x");
            try (RespClient other = RespClient.connect(server.port())) {
                other.callText("PING");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> collector.lines.stream()
                    .anyMatch(l -> l.contains("\"type\":\"close\"")));
            String all = String.join("\n", collector.lines);
            assertThat(all).contains("\"keys\":[\"recorded\"]")
                    .doesNotContain("filtered-out", "filtered-by-source", "not-in-connections-mode");
            assertThat(collector.lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"connect\""));
            assertThat(admin.callText("CONFIG", "SET", "audit-sources", "example.com"))
                    .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'audit-sources') - "
                            + "'example.com' is not a numeric IPv4 or IPv6 network\r\n");
        }
    }

    @Test
    void aDeadOrStalledCollectorNeverSlowsClientsAndDropsAreCounted() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (ServerSocket stalled = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int port : new int[] {deadPort, stalled.getLocalPort()}) {
                try (RedoubtServer server = TestDatabases.start("audit-mode", "commands",
                        "audit-collector-host", "127.0.0.1", "audit-collector-port", Integer.toString(port),
                        "audit-queue-size", "100");
                     Jedis j = new Jedis("127.0.0.1", server.port());
                     RespClient c = RespClient.connect(server.port())) {
                    String key = "k".repeat(3000); // big records fill the stalled socket's buffers quickly
                    long start = System.nanoTime();
                    for (int i = 0; i < 5000; i++) {
                        j.set(key + i, "v");
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(millis).as("5000 SETs with the collector on port %d", port).isLessThan(15_000);
                    await().atMost(Duration.ofSeconds(10)).until(() -> info(c, "audit_dropped") > 0);
                    assertThat(info(c, "audit_pending")).isLessThanOrEqualTo(100);
                    Matcher m = Pattern.compile("audit_collector:127\\.0\\.0\\.1:" + port).matcher(c.callText("INFO", "audit"));
                    assertThat(m.find()).isTrue();
                }
            }
        }
    }
}
