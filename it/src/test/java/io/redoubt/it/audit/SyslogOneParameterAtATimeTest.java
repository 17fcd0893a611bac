package io.redoubt.it.audit;

import static io.redoubt.it.audit.RemoteSyslogTest.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Remote syslog reconfigured one parameter at a time, as an operator types CONFIG SET commands: after
 * failures have grown the reconnect backoff (seconds), the change that makes the destination right
 * (the port, then, after switching the protocol to TLS, the TLS port) takes effect at once, within a
 * fraction of the backoff in force, and the events queued meanwhile follow.
 */
@Timeout(90)
class SyslogOneParameterAtATimeTest {
    @TempDir
    Path tmp;

    @Test
    void eachChangeTakesEffectAtOnceDespiteTheBackoff() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String app = "redoubt-one-at-a-time";
        try (Rsyslog rsyslog = Rsyslog.start(tmp.resolve("rsyslog"));
             RedoubtServer server = TestDatabases.start("syslog-remote-host", "127.0.0.1",
                     "syslog-remote-port", Integer.toString(closed), "syslog-remote-protocol", "tcp",
                     "syslog-remote-ca-file", rsyslog.ca.caPem().toString(), "syslog-ident", app);
             RespClient c = RespClient.connect(server.port())) {
            // five failures: the next wait is 6.4 s (200 ms doubled each time)
            await().atMost(Duration.ofSeconds(30)).until(() -> info(c, "syslog_remote_failures") >= 5);
            assertThat(c.callText("CONFIG", "SET", "syslog-remote-port", Integer.toString(rsyslog.tcpPort)))
                    .isEqualTo("+OK\r\n");
            awaitWithin(rsyslog, app, "tcp", "syslog-remote-port");

            // TLS, one parameter at a time: away to a closed port, the protocol (still failing), then the TLS port
            // (TLS to rsyslog's plain port would fill its log with handshake bytes)
            long failures = info(c, "syslog_remote_failures");
            assertThat(c.callText("CONFIG", "SET", "syslog-remote-port", Integer.toString(closed))).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "SET", "syslog-remote-protocol", "tls")).isEqualTo("+OK\r\n");
            c.callText("CONFIG", "SET", "maxmemory-samples", "6"); // an event to fail with
            await().atMost(Duration.ofSeconds(30)).until(() -> info(c, "syslog_remote_failures") >= failures + 4);
            assertThat(c.callText("CONFIG", "SET", "syslog-remote-port", Integer.toString(rsyslog.tlsPort)))
                    .isEqualTo("+OK\r\n");
            awaitWithin(rsyslog, app, "tls", "syslog-remote-port");
        }
    }

    /** The config.change event of {@code parameter} arrives over {@code input} well inside the backoff. */
    private static void awaitWithin(Rsyslog rsyslog, String app, String input, String parameter) {
        await().atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(50)).until(() ->
                rsyslog.messages().stream().anyMatch(m -> m.appName().equals(app) && m.input().equals(input)
                        && m.msgId().equals("config.change") && m.msg().contains(parameter)));
    }
}
