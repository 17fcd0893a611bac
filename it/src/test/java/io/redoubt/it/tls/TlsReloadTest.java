package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.security.IssuedCertificate;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.testkit.RespClient;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import io.redoubt.testkit.TestDatabases;

/** Certificates replaced while a real client keeps working: on disk, and with CONFIG SET. */
class TlsReloadTest {
    @TempDir
    Path dir;
    TestPki pki;
    RedoubtServer server;

    @BeforeEach
    void start() throws Exception {
        pki = new TestPki(dir);
        server = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
                pki.serverKey.toString(), "tls-auth-clients", "no", "tls-watch-interval-ms", "100");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void filesReplacedOnDiskUnderLoad() throws Exception {
        BigInteger first = pki.server.certificate().getSerialNumber();
        assertThat(servedSerial()).isEqualTo(first);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Jedis old = jedis();
        Thread load = new Thread(() -> {
            try {
                for (long i = 0; !stop.get(); i++) {
                    old.set("load", Long.toString(i));
                    if (!old.get("load").equals(Long.toString(i))) {
                        throw new AssertionError("lost a write");
                    }
                    done.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        load.start();
        try (LogCapture log = new LogCapture(ReloadableTlsContext.class)) {
            await().until(() -> done.get() > 100);
            IssuedCertificate next = pki.serverCertificate("server two");
            pki.writePair(next, pki.serverCert, pki.serverKey);
            BigInteger second = next.certificate().getSerialNumber();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.equals(servedSerial()));
            assertThat(log.contains("INFO TLS certificates reloaded (files changed on disk)", second.toString(16)))
                    .as(log.lines().toString()).isTrue();

            Files.writeString(pki.serverCert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("WARN TLS reload rejected", "server.crt"));
            assertThat(servedSerial()).as("the broken file is not used").isEqualTo(second);
            try (RespClient c = new RespClient("127.0.0.1", server.port())) {
                String info = c.callText("INFO", "tls");
                assertThat(info).contains("tls_last_reload_status:rejected")
                        .contains("tls_cert0_serial:" + second.toString(16)).contains("tls_cert0_subject:CN=server two")
                        .contains("tls_cert0_not_after:");
            }
            long before = done.get();
            await().until(() -> done.get() > before + 100);
        } finally {
            stop.set(true);
            load.join();
        }
        assertThat(failure.get()).as("the connection opened before the reloads kept working").isNull();
        assertThat(old.ping()).isEqualTo("PONG");
        old.close();
    }

    @Test
    void configSetReplacesCertificateAndKeyTogetherOrNotAtAll() throws Exception {
        IssuedCertificate next = pki.serverCertificate("server via config");
        Path cert = pki.writePair("next", next);
        Path key = dir.resolve("next.key");
        try (Jedis j = jedis()) {
            assertThat(j.configSet("tls-cert-file", cert.toString(), "tls-key-file", key.toString())).isEqualTo("OK");
            assertThat(servedSerial()).isEqualTo(next.certificate().getSerialNumber());
            assertThat(j.configGet("tls-cert-file")).containsEntry("tls-cert-file", cert.toString());

            // the old key does not match the new certificate: refused, nothing changes
            IssuedCertificate third = pki.serverCertificate("third");
            Path thirdCert = pki.writePair("third", third);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> j.configSet("tls-cert-file", thirdCert.toString()))
                    .hasMessageContaining("CONFIG SET failed (possibly related to argument 'tls-cert-file')")
                    .hasMessageContaining("does not match");
            assertThat(j.configGet("tls-cert-file")).containsEntry("tls-cert-file", cert.toString());
            assertThat(servedSerial()).isEqualTo(next.certificate().getSerialNumber());
            assertThat(j.ping()).as("the connection that asked is still open").isEqualTo("PONG");
        }
    }

    private Jedis jedis() throws Exception {
        return new Jedis(new HostAndPort("127.0.0.1", server.tlsPort()), DefaultJedisClientConfig.builder().ssl(true)
                .sslSocketFactory(pki.clientContext(null).getSocketFactory()).build());
    }

    /** The serial of the certificate a new connection is shown. */
    private BigInteger servedSerial() throws Exception {
        try (SSLSocket s = (SSLSocket) pki.clientContext(null).getSocketFactory().createSocket("127.0.0.1",
                server.tlsPort())) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
