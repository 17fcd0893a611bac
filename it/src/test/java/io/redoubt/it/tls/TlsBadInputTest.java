package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients on the wrong port or stalling: each fails alone, with a log line naming it. */
class TlsBadInputTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        server = RedoubtServer.startForTlsTest("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
                pki.serverKey.toString(), "tls-auth-clients", "no", "tls-handshake-timeout-ms", "500");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void plainClientOnTheTlsPort() throws Exception {
        try (LogCapture log = new LogCapture(Class.forName("io.redoubt.dataplane.TlsHandshakeGuard"));
             Socket s = new Socket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s.getInputStream())).doesNotContain("PONG");
            String peer = "127.0.0.1:" + s.getLocalPort();
            await().until(() -> log.contains(peer, "did not speak TLS"));
        }
        assertOthersServed();
    }

    @Test
    void stalledHandshakeTimesOut() throws Exception {
        try (LogCapture log = new LogCapture(Class.forName("io.redoubt.dataplane.TlsHandshakeGuard"));
             Socket s = new Socket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(10_000);
            long started = System.nanoTime();
            assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            String peer = "127.0.0.1:" + s.getLocalPort();
            await().until(() -> log.contains(peer, "did not finish in time"));
        }
        assertOthersServed();
    }

    @Test
    void tlsClientOnThePlainPort() throws Exception {
        try (LogCapture log = new LogCapture(Class.forName("io.redoubt.dataplane.Connection"))) {
            Programs.Result r = Programs.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                    "-brief"));
            assertThat(r.output()).doesNotContain("CONNECTION ESTABLISHED");
            await().until(() -> log.contains("127.0.0.1:", "TLS"));
        }
        assertOthersServed();
    }

    private static void assertOthersServed() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", server.port())) {
            assertThat(c.callText("PING")).contains("PONG");
        }
        assertThat(Programs.redisCli(server.tlsPort(), List.of("--tls", "--cacert", pki.caFile.toString()), "PING")
                .output()).isEqualTo("PONG");
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
