package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** Clients on the wrong port, stalling or half-closing: each is handled alone, with a log line naming a failure. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsBadInputTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        server = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
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

    /**
     * Issue 14, defect 9, on the TLS port: a client that shuts down its sending side after a pipeline
     * (TLS close_notify, then TCP FIN) still gets every reply, then the server closes, as Redis does.
     */
    @Test
    void aHalfClosedClientGetsItsReplies() throws Exception {
        int redisTls = RealRedis.freePort();
        try (RealRedis redis = RealRedis.start("--tls-port", Integer.toString(redisTls), "--tls-cert-file",
                pki.serverCert.toString(), "--tls-key-file", pki.serverKey.toString(), "--tls-ca-cert-file",
                pki.caFile.toString(), "--tls-auth-clients", "no")) {
            StringBuilder pipeline = new StringBuilder("SET tls-half 1\r\nINCR tls-half\r\n");
            StringBuilder expected = new StringBuilder("+OK\r\n:2\r\n");
            for (int i = 0; i < 2000; i++) {
                pipeline.append("*2\r\n$4\r\nECHO\r\n$").append(Integer.toString(i).length()).append("\r\n")
                        .append(i).append("\r\n");
                expected.append('$').append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
            }
            assertThat(halfClosedTls(redisTls, pipeline.toString())).as("redis").isEqualTo(expected.toString());
            assertThat(halfClosedTls(server.tlsPort(), pipeline.toString())).as("redoubt")
                    .isEqualTo(expected.toString());
        }
        assertOthersServed();
    }

    private static String halfClosedTls(int port, String request) throws Exception {
        try (SSLSocket s = (SSLSocket) pki.clientContext(null).getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.shutdownOutput();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = s.getInputStream().read(buf)) != -1; ) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                return got.toString(StandardCharsets.US_ASCII) + "<open>";
            } catch (javax.net.ssl.SSLException cutShort) {
                return got.toString(StandardCharsets.US_ASCII) + "<cut: " + cutShort.getMessage() + ">";
            }
            return got.toString(StandardCharsets.US_ASCII);
        }
    }

    private static void assertOthersServed() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", server.port())) {
            assertThat(c.callText("PING")).contains("PONG");
        }
        assertThat(Programs.redisCli(server.tlsPort(), List.of("--tls", "--cacert", pki.caFile.toString()), "PING")
                .output()).isEqualTo("PONG");
    }

    /** What the server sends until it closes; a read timeout (the connection left open) fails the test. */
    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("the server did not close the connection", stillOpen);
        } catch (java.io.IOException reset) {
            return ""; // reset: closed
        }
    }
}
