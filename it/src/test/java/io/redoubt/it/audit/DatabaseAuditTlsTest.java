package io.redoubt.it.audit;

import static io.redoubt.it.audit.RemoteSyslogTest.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.security.CertificateIssuer;
import io.redoubt.security.CertificateRequest;
import io.redoubt.security.IssuedCertificate;
import io.redoubt.security.PemWriter;
import io.redoubt.testkit.RespClient;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * The database audit stream over TLS (audit-collector-protocol tls), with the syslog output's TLS:
 * TLS 1.2 or 1.3, the collector's certificate must chain to audit-collector-ca-file and name the
 * host. The collector is a JDK TLS server socket in the test ({@link AuditCollector}) with certificates made at test time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseAuditTlsTest {
    @TempDir
    Path tmp;

    @Test
    void recordsArriveOverTlsAtACollectorWithATrustedCertificate() throws Exception {
        Pki pki = Pki.create("trusted");
        Path caFile = tmp.resolve("collector-ca.pem");
        PemWriter.write(caFile, PemWriter.certificates(List.of(pki.ca.certificate())));
        try (AuditCollector collector = tlsCollector(pki);
             RedoubtServer server = TestDatabases.start("audit-mode", "commands",
                     "audit-collector-host", "127.0.0.1", "audit-collector-port", Integer.toString(collector.port()),
                     "audit-collector-protocol", "tls", "audit-collector-ca-file", caFile.toString());
             RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("SET", "audited:key", "secret-value")).isEqualTo("+OK\r\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> collector.lines.stream()
                    .anyMatch(l -> l.contains("\"command\":\"set\"") && l.contains("\"keys\":[\"audited:key\"]")));
            assertThat(collector.lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"connect\""));
            assertThat(collector.lines).noneSatisfy(l -> assertThat(l).contains("secret-value"));
            assertThat(collector.protocols).isNotEmpty().allMatch(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2"));
            assertThat(c.callText("INFO", "audit")).contains("audit_collector:tls 127.0.0.1:" + collector.port());
            assertThat(info(c, "audit_connected")).isEqualTo(1);
        }
    }

    @Test
    void aCollectorWithAnUntrustedCertificateIsRefused() throws Exception {
        Pki trusted = Pki.create("trusted");
        Pki other = Pki.create("other");
        Path caFile = tmp.resolve("collector-ca.pem");
        PemWriter.write(caFile, PemWriter.certificates(List.of(trusted.ca.certificate())));
        try (AuditCollector impostor = tlsCollector(other);
             RedoubtServer server = TestDatabases.start("audit-mode", "commands",
                     "audit-collector-host", "127.0.0.1", "audit-collector-port", Integer.toString(impostor.port()),
                     "audit-collector-protocol", "tls", "audit-collector-ca-file", caFile.toString());
             RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("SET", "audited:key", "v")).isEqualTo("+OK\r\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> impostor.failedHandshakes.get() > 0
                    && info(c, "audit_failures") > 0);
            assertThat(impostor.protocols).isEmpty();
            assertThat(impostor.lines).isEmpty();
            assertThat(info(c, "audit_connected")).isZero();
            assertThat(info(c, "audit_sent")).isZero();
        }
    }

    @Test
    void anUnreadableCaFileIsRefusedByConfigSet() throws Exception {
        try (RedoubtServer server = TestDatabases.start();
             RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("CONFIG", "SET", "audit-collector-ca-file", tmp.resolve("none.pem").toString()))
                    .startsWith("-ERR CONFIG SET failed (possibly related to argument 'audit-collector-ca-file')");
            assertThat(c.callText("CONFIG", "SET", "audit-collector-protocol", "ssl"))
                    .startsWith("-ERR CONFIG SET failed (possibly related to argument 'audit-collector-protocol')");
        }
    }

    /** A CA and a server certificate it signs for 127.0.0.1 and localhost. */
    private record Pki(IssuedCertificate ca, IssuedCertificate server) {
        static Pki create(String name) throws Exception {
            Instant now = Instant.now();
            IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateRequest.authority(
                    "CN=audit test CA " + name, now, 2));
            IssuedCertificate server = CertificateIssuer.issue(CertificateRequest.leaf("CN=localhost", now, 2,
                    CertificateRequest.Usage.SERVER_AUTH).withDnsNames("localhost").withIpAddresses("127.0.0.1"), ca);
            return new Pki(ca, server);
        }
    }

    /** A collector serving TLS with the server certificate of {@code pki}. */
    private static AuditCollector tlsCollector(Pki pki) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "collector".toCharArray();
        store.setKeyEntry("collector", pki.server.privateKey(), password,
                new X509Certificate[] {pki.server.certificate(), pki.ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return new AuditCollector(ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }
}
