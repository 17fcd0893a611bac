package io.redoubt.it.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.audit.EventType;
import io.redoubt.audit.Outcome;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Events reach a real rsyslog (Debian's rsyslogd with its own configuration) as valid RFC 5424 with
 * the configured facility, the event's severity, syslog-ident as APP-NAME and the event's fields as
 * structured data: over plain TCP with either framing, over TLS after a CONFIG SET switch without a
 * restart, and over UDP to the "local" syslog. A wrong certificate or an unreachable host never slows
 * the database down, and events queued meanwhile arrive once the destination is fixed.
 */
class RemoteSyslogTest {
    @TempDir
    static Path tmp;
    private static Rsyslog rsyslog;

    @BeforeAll
    static void startRsyslog() throws Exception {
        rsyslog = Rsyslog.start(tmp.resolve("rsyslog"));
    }

    @AfterAll
    static void stopRsyslog() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    private static Rsyslog.Message awaitMessage(Predicate<Rsyslog.Message> which) {
        Rsyslog.Message[] found = new Rsyslog.Message[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (Rsyslog.Message m : rsyslog.messages()) {
                if (which.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static Predicate<Rsyslog.Message> app(String app, String input, String msgId) {
        return m -> m.appName().equals(app) && m.input().equals(input) && m.msgId().equals(msgId);
    }

    @Test
    void eventsArriveOverTcpBothFramingsThenTlsAfterConfigSetAndOverLocalUdp() throws Exception {
        String app = "redoubt-it-events";
        try (RedoubtServer server = TestDatabases.start("syslog-remote-host", "127.0.0.1",
                "syslog-remote-port", Integer.toString(rsyslog.tcpPort), "syslog-remote-protocol", "tcp",
                "syslog-facility", "local3", "syslog-ident", app, "syslog-enabled", "yes",
                "syslog-local-port", Integer.toString(rsyslog.udpPort));
             RespClient c = RespClient.connect(server.port())) {
            Rsyslog.Message start = awaitMessage(app(app, "tcp", "server.start"));
            assertThat(start.version()).isEqualTo("1"); // rsyslog parsed it as RFC 5424
            assertThat(start.facility()).isEqualTo(19); // local3
            assertThat(start.severity()).isEqualTo(5); // notice
            assertThat(start.procId()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(start.structuredData()).startsWith("[redoubt@32473 type=\"server.start\" actor=\"system\"");
            Rsyslog.Message local = awaitMessage(app(app, "udp", "server.start"));
            assertThat(local.facility()).isEqualTo(19);

            assertThat(c.callText("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")).isEqualTo("+OK\r\n");
            Rsyslog.Message change = awaitMessage(app(app, "tcp", "config.change"));
            assertThat(change.severity()).isEqualTo(5);
            assertThat(change.structuredData()).contains("type=\"config.change\"", "object=\"maxmemory-policy\"",
                    "outcome=\"success\"", "detail=\"maxmemory-policy=\\\"allkeys-lru\\\"\"");
            SecurityEvent e = SecurityEvent.fromJson(change.msg());
            assertThat(e.type()).isEqualTo(EventType.CONFIG_CHANGE);
            assertThat(e.actor()).isEqualTo("default");
            assertThat(e.clientAddress()).startsWith("127.0.0.1:");
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);

            // newline framing over TCP
            c.callText("CONFIG", "SET", "syslog-remote-framing", "newline");
            c.callText("CONFIG", "SET", "maxmemory-samples", "7");
            awaitMessage(app(app, "tcp", "config.change").and(m -> m.msg().contains("maxmemory-samples=\\\"7\\\"")));

            // TLS, switched to while running
            assertThat(c.callText("CONFIG", "SET", "syslog-remote-protocol", "tls", "syslog-remote-port",
                    Integer.toString(rsyslog.tlsPort), "syslog-remote-ca-file", rsyslog.ca.caPem().toString()))
                    .isEqualTo("+OK\r\n");
            c.callText("CONFIG", "SET", "maxmemory-samples", "6");
            Rsyslog.Message overTls = awaitMessage(app(app, "tls", "config.change")
                    .and(m -> m.msg().contains("maxmemory-samples=\\\"6\\\"")));
            assertThat(overTls.facility()).isEqualTo(19);
            server.context().audit().tlsHandshakeFailed("10.1.2.3:4444", "no shared cipher");
            Rsyslog.Message warning = awaitMessage(app(app, "tls", "tls.handshake-failure"));
            assertThat(warning.severity()).isEqualTo(4); // warning
            assertThat(warning.structuredData()).contains("client=\"10.1.2.3:4444\"", "outcome=\"failure\"");

            assertThat(info(c, "syslog_remote_dropped")).isZero();
            assertThat(info(c, "syslog_remote_sent")).isGreaterThanOrEqualTo(4);
        }
        List<String> raw = rsyslog.rawMessages().stream().filter(r -> r.contains(" " + app + " ")).toList();
        assertThat(raw).hasSizeGreaterThanOrEqualTo(8);
        for (String r : raw) {
            Matcher m = Rfc5424Syntax.parse(r);
            assertThat(m).as("RFC 5424: %s", r).isNotNull();
            assertThat(m.group(4)).isEqualTo(app);
        }
    }

    @Test
    void aWrongCertificateNeitherConnectsNorSlowsClientsAndQueuedEventsFollowTheFix() throws Exception {
        String app = "redoubt-it-wrong-cert";
        TestCa other = TestCa.create(tmp.resolve("other-ca"));
        try (RedoubtServer server = TestDatabases.start("syslog-remote-host", "127.0.0.1",
                "syslog-remote-port", Integer.toString(rsyslog.tlsPort), "syslog-remote-protocol", "tls",
                "syslog-remote-ca-file", other.caPem().toString(), "syslog-ident", app);
             RespClient c = RespClient.connect(server.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> info(c, "syslog_remote_failures") >= 2);
            assertThat(info(c, "syslog_remote_connected")).isZero();
            c.callText("CONFIG", "SET", "maxmemory-samples", "9");
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("2000 PINGs while syslog fails").isLessThan(10_000);

            c.callText("CONFIG", "SET", "syslog-remote-ca-file", rsyslog.ca.caPem().toString());
            awaitMessage(app(app, "tls", "server.start"));
            awaitMessage(app(app, "tls", "config.change").and(m -> m.msg().contains("maxmemory-samples=\\\"9\\\"")));
        }
        assertThat(rsyslog.messages()).filteredOn(m -> m.appName().equals(app)).isNotEmpty();
    }

    @Test
    void anUnreachableHostIsRetriedWithoutSlowingClients() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (RedoubtServer server = TestDatabases.start("syslog-remote-host", "127.0.0.1",
                "syslog-remote-port", Integer.toString(closed), "syslog-remote-protocol", "tcp");
             RespClient c = RespClient.connect(server.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> info(c, "syslog_remote_failures") >= 2);
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                c.callText("SET", "k" + i, "v");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            assertThat(info(c, "syslog_remote_pending")).isPositive(); // kept for when the host is back
        }
    }

    static long info(RespClient c, String field) {
        String text = c.callText("INFO", "audit");
        Matcher m = Pattern.compile("(?m)^" + field + ":(\\d+)\r?$").matcher(text);
        assertThat(m.find()).as("%s in %s", field, text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
