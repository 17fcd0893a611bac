package io.redoubt.it.audit;

import static io.redoubt.it.audit.RemoteSyslogTest.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * rsyslog stopped (SIGSTOP) while the node sends to it over TLS: the sender blocks in a write, its
 * queue fills and drops are counted, clients are served as before, and CONFIG SET moves syslog to
 * another destination at once.
 */
class StalledSyslogTest {
    @TempDir
    Path tmp;

    @Test
    void aStalledTlsReceiverCostsClientsNothingAndConfigSetMovesAwayAtOnce() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.start(tmp.resolve("rsyslog"));
             AuditCollector lines = new AuditCollector();
             RedoubtServer server = TestDatabases.start("syslog-remote-host", "127.0.0.1",
                     "syslog-remote-port", Integer.toString(rsyslog.tlsPort), "syslog-remote-protocol", "tls",
                     "syslog-remote-ca-file", rsyslog.ca.caPem().toString(), "syslog-remote-queue-size", "50",
                     "syslog-ident", "redoubt-stalled");
             RespClient c = RespClient.connect(server.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> info(c, "syslog_remote_sent") >= 1);
            rsyslog.signal("STOP");
            String big = "d".repeat(100_000);
            long start = System.nanoTime();
            int events = 0;
            // the socket buffers of a stopped loopback peer can hold tens of MB: send until the queue overflows
            while (info(c, "syslog_remote_dropped") == 0 && events < 5000) {
                server.context().audit().persistenceFailed("dump.rdb", big);
                assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
                events++;
            }
            assertThat(info(c, "syslog_remote_dropped")).as("dropped after %d events", events).isPositive();
            assertThat((System.nanoTime() - start) / 1_000_000).as("%d events, PINGs and INFOs", events)
                    .isLessThan(30_000);
            assertThat(info(c, "syslog_remote_pending")).isLessThanOrEqualTo(50);

            start = System.nanoTime();
            assertThat(c.callText("CONFIG", "SET", "syslog-remote-protocol", "tcp", "syslog-remote-port",
                    Integer.toString(lines.port()), "syslog-remote-framing", "newline")).isEqualTo("+OK\r\n");
            assertThat((System.nanoTime() - start) / 1_000_000).as("CONFIG SET away from a stalled peer").isLessThan(2_000);
            // the queue was full when syslog moved: what it held drains to the new destination first, and
            // an event made before it has room is dropped (and counted), as any event is on a full queue
            await().atMost(Duration.ofSeconds(20)).until(() -> info(c, "syslog_remote_pending") == 0);
            c.callText("CONFIG", "SET", "maxmemory-samples", "4");
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.lines.stream()
                    .anyMatch(l -> l.contains(" redoubt-stalled ") && l.contains("maxmemory-samples=\\\"4\\\"")));
        }
    }
}
