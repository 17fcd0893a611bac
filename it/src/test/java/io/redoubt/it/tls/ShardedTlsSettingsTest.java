package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.node.ShardedDatabase;
import io.redoubt.security.IssuedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import io.redoubt.testkit.TestDatabases;

/**
 * On a database of two shards TLS ends at the router, and CONFIG SET of the tls-* parameters (sent
 * to the first shard) changes the router's listener at once, as it does on a database of one shard:
 * the protocol versions and the port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedTlsSettingsTest {
    @TempDir
    static Path dir;
    private TestPki pki;
    private IssuedCertificate client;
    private ShardedDatabase db;

    @BeforeAll
    void start() throws Exception {
        pki = new TestPki(dir);
        client = pki.client("someone");
        db = TestDatabases.startSharded(null, 2, true, "tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-ca-cert-file", pki.caFile.toString(),
                "dir", dir.resolve("data").toString());
    }

    @AfterAll
    void stop() {
        db.close();
    }

    /** A PING over TLS limited to {@code protocol}: the reply line, or the handshake's failure. */
    private String pingOver(int port, String protocol) throws Exception {
        try (SSLSocket s = (SSLSocket) pki.clientContext(client).getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = new byte[7];
            int n = s.getInputStream().readNBytes(line, 0, line.length);
            return new String(line, 0, n, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void tlsProtocolsSetAtRunTimeApplyToTheRoutersListener() throws Exception {
        try (Jedis admin = new Jedis("127.0.0.1", db.port(), 10_000)) {
            assertThat(pingOver(db.tlsPort(), "TLSv1.2")).isEqualTo("+PONG\r\n");
            assertThat(admin.configSet("tls-protocols", "TLSv1.3")).isEqualTo("OK");
            try {
                assertThatThrownBy(() -> pingOver(db.tlsPort(), "TLSv1.2")).isInstanceOf(IOException.class);
                assertThat(pingOver(db.tlsPort(), "TLSv1.3")).isEqualTo("+PONG\r\n");
                assertThat(admin.configGet("tls-protocols")).containsEntry("tls-protocols", "TLSv1.3");
            } finally {
                admin.configSet("tls-protocols", "TLSv1.2 TLSv1.3");
            }
        }
    }

    @Test
    void tlsPortSetAtRunTimeMovesTheRoutersListener() throws Exception {
        int before = db.tlsPort();
        int wanted;
        try (ServerSocket probe = new ServerSocket(0)) {
            wanted = probe.getLocalPort();
        }
        try (Jedis admin = new Jedis("127.0.0.1", db.port(), 10_000)) {
            assertThat(admin.configSet("tls-port", Integer.toString(wanted))).isEqualTo("OK");
            assertThat(db.tlsPort()).isEqualTo(wanted);
            assertThat(pingOver(wanted, "TLSv1.3")).isEqualTo("+PONG\r\n");
            assertThatThrownBy(() -> new Socket("127.0.0.1", before).close()).isInstanceOf(IOException.class);
            assertThat(admin.configGet("tls-port")).containsEntry("tls-port", Integer.toString(wanted));
        }
    }
}
