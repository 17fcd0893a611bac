package io.redoubt.it.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.audit.EventType;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started by the launcher (it owns the process's logging) sends its log lines as well as its
 * events to a real rsyslog over TLS, writes its log file and event log, and reports its shutdown on
 * SIGTERM.
 */
class LaunchedNodeSyslogTest {
    private static final Path DIST = Path.of("..", "node", "target", "redoubt").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void logLinesAndEventsOfALaunchedNodeReachRsyslogOverTls() throws Exception {
        assumeThat(DIST.resolve("bin/redoubt-server")).as("run mvn package first").exists();
        try (Rsyslog rsyslog = Rsyslog.start(tmp.resolve("rsyslog"))) {
            int port = RealRedis.freePort();
            Path logFile = tmp.resolve("log/redoubt.log");
            Path events = tmp.resolve("log/events.jsonl");
            Process p = new ProcessBuilder(DIST.resolve("bin/redoubt-server").toString(), "--port",
                    Integer.toString(port), "--bind", "127.0.0.1", "--dir", tmp.resolve("data").toString(),
                    "--logfile", logFile.toString(), "--event-log-file", events.toString(),
                    "--syslog-ident", "redoubt-launched", "--syslog-facility", "local5",
                    "--syslog-remote-host", "localhost", "--syslog-remote-port", Integer.toString(rsyslog.tlsPort),
                    "--syslog-remote-ca-file", rsyslog.ca.caPem().toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                        !p.isAlive() || Files.exists(logFile) && Files.readString(logFile).contains("Ready to accept"));
                assertThat(p.isAlive()).as(Files.readString(tmp.resolve("out"))).isTrue();
                try (RespClient c = RespClient.connect(port)) {
                    // the secure first start generated the default user's password next to the data
                    String password = Files.readString(tmp.resolve("data/default-user.password")).strip();
                    assertThat(c.callText("AUTH", password)).isEqualTo("+OK\r\n");
                    assertThat(c.callText("CONFIG", "SET", "maxmemory-samples", "8")).isEqualTo("+OK\r\n");
                    c.callText("CONFIG", "SET", "loglevel", "warning"); // applied to the node's own logging
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> rsyslog.messages().stream().anyMatch(m ->
                        m.appName().equals("redoubt-launched") && m.msgId().equals("config.change")));
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> rsyslog.messages().stream().anyMatch(m ->
                    m.appName().equals("redoubt-launched") && m.msgId().equals("server.shutdown")));
            var mine = rsyslog.messages().stream().filter(m -> m.appName().equals("redoubt-launched")).toList();
            assertThat(mine).allSatisfy(m -> {
                assertThat(m.input()).isEqualTo("tls");
                assertThat(m.facility()).isEqualTo(21); // local5
                assertThat(m.procId()).isEqualTo(Long.toString(p.pid()));
            });
            // log lines: MSGID "log", the logger as a parameter, notice (INFO) as severity 5
            assertThat(mine).anySatisfy(m -> {
                assertThat(m.msgId()).isEqualTo("log");
                assertThat(m.msg()).startsWith("Ready to accept connections");
                assertThat(m.severity()).isEqualTo(5);
                assertThat(m.structuredData()).isEqualTo("[redoubt@32473 logger=\"io.redoubt.dataplane.Endpoint\"]");
            });
            assertThat(Files.readAllLines(events)).extracting(l -> SecurityEvent.fromJson(l).type())
                    .contains(EventType.SERVER_START, EventType.CONFIG_CHANGE, EventType.SERVER_SHUTDOWN);
        }
    }
}
