package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.Outcome;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** Failed handshakes and certificate reloads reach the security-event log. */
class TlsEventsTest {
    @TempDir
    Path dir;

    @Test
    void handshakeFailuresAndReloadsAreSecurityEvents() throws Exception {
        TestPki pki = new TestPki(dir);
        Instant before = Instant.now();
        try (RedoubtServer server = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-auth-clients", "no",
                "event-log-file", dir.resolve("events.jsonl").toString())) {
            EventLog log = server.eventLog();
            String peer;
            try (Socket s = new Socket("127.0.0.1", server.tlsPort())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readAllBytes();
                peer = "127.0.0.1:" + s.getLocalPort();
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !log.query(before, Instant.MAX, Set.of(EventType.TLS_HANDSHAKE_FAILURE), 10).isEmpty());
            SecurityEvent failure = log.query(before, Instant.MAX, Set.of(EventType.TLS_HANDSHAKE_FAILURE), 10).get(0);
            assertThat(failure.clientAddress()).endsWith(peer);
            assertThat(failure.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(failure.detail()).contains("did not speak TLS");

            try (RespClient c = RespClient.connect(server.port())) {
                assertThat(c.callText("CONFIG", "SET", "tls-cert-file", dir.resolve("missing.pem").toString()))
                        .startsWith("-ERR");
                assertThat(c.callText("CONFIG", "SET", "tls-cert-file", pki.serverCert.toString()))
                        .isEqualTo("+OK\r\n");
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    log.query(before, Instant.MAX, Set.of(EventType.CERTIFICATE_RELOAD), 10).size() >= 2);
            List<SecurityEvent> reloads = log.query(before, Instant.MAX, Set.of(EventType.CERTIFICATE_RELOAD), 10);
            assertThat(reloads).extracting(SecurityEvent::outcome).containsExactly(Outcome.FAILURE, Outcome.SUCCESS);
            assertThat(reloads.get(1).detail()).startsWith("serial ");
        }
    }
}
