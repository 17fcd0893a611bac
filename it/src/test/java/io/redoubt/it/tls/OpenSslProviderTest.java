package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * tls-provider openssl (BoringSSL): protocols and TLS 1.2 ciphers are enforced in the handshake; a TLS
 * 1.3 suite list, which BoringSSL cannot narrow, is enforced right after it, by closing a connection
 * that negotiated another suite (with a log line) before any request is read.
 */
class OpenSslProviderTest {
    @TempDir
    Path dir;

    @Test
    void enforcesProtocolsAndTls12CiphersInTheHandshake() throws Exception {
        TestPki pki = new TestPki(dir);
        String cert = pki.serverCert.toString();
        String key = pki.serverKey.toString();
        try (RedoubtServer s = TestDatabases.startWithTls("tls-cert-file", cert, "tls-key-file", key,
                "tls-ca-cert-file", pki.caFile.toString(), "tls-provider", "openssl",
                "tls-ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384")) {
            Path clientCert = pki.writePair("client", pki.client("c"));
            assertThat(Programs.redisCli(s.tlsPort(), List.of("--tls", "--cacert", pki.caFile.toString(), "--cert",
                    clientCert.toString(), "--key", dir.resolve("client.key").toString()), "PING").output())
                    .isEqualTo("PONG");
            List<String> withCert = List.of("-cert", clientCert.toString(), "-key", dir.resolve("client.key").toString());
            assertThat(sClient(s, withCert, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384").output())
                    .contains("CONNECTION ESTABLISHED");
            assertThat(sClient(s, withCert, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256").output())
                    .doesNotContain("CONNECTION ESTABLISHED");
            assertThat(sClient(s, withCert, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0").output())
                    .doesNotContain("CONNECTION ESTABLISHED");
            try (RespClient c = new RespClient("127.0.0.1", s.port())) {
                assertThat(c.callText("INFO", "tls")).contains("tls_provider:openssl");
                assertThat(c.callText("CONFIG", "SET", "tls-protocols", "TLSv1.3")).contains("OK");
            }
            assertThat(sClient(s, withCert, "-tls1_2").output()).doesNotContain("CONNECTION ESTABLISHED");
            assertThat(sClient(s, withCert, "-tls1_3").output()).contains("CONNECTION ESTABLISHED");
        }
    }

    @Test
    void enforcesTls13SuitesRightAfterTheHandshake() throws Exception {
        TestPki pki = new TestPki(dir);
        List<String> ca = List.of("--tls", "--cacert", pki.caFile.toString());
        try (RedoubtServer s = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-auth-clients", "no", "tls-provider", "openssl",
                "tls-protocols", "TLSv1.3", "tls-ciphersuites", "TLS_AES_256_GCM_SHA384");
             LogCapture log = new LogCapture(Class.forName("io.redoubt.dataplane.TlsHandshakeGuard"))) {
            assertThat(cli(s, ca, "TLS_AES_256_GCM_SHA384").output()).isEqualTo("PONG");
            assertThat(cli(s, ca, "TLS_AES_128_GCM_SHA256").output()).doesNotContain("PONG");
            org.awaitility.Awaitility.await().until(() -> log.contains("TLS_AES_128_GCM_SHA256", "not in tls-ciphersuites"));
            assertThat(cli(s, ca, "TLS_CHACHA20_POLY1305_SHA256").output()).doesNotContain("PONG");
            try (RespClient c = new RespClient("127.0.0.1", s.port())) {
                // the list can change while running, as with the JDK provider
                assertThat(c.callText("CONFIG", "SET", "tls-ciphersuites",
                        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256")).isEqualTo("+OK\r\n");
            }
            assertThat(cli(s, ca, "TLS_CHACHA20_POLY1305_SHA256").output()).isEqualTo("PONG");
        }
    }

    private static Programs.Result cli(RedoubtServer s, List<String> ca, String suite) throws Exception {
        List<String> args = new java.util.ArrayList<>(ca);
        args.addAll(List.of("--tls-ciphersuites", suite));
        return Programs.redisCli(s.tlsPort(), args, "PING");
    }

    private static Programs.Result sClient(RedoubtServer s, List<String> cert, String... options) throws Exception {
        List<String> all = new java.util.ArrayList<>(cert);
        all.addAll(List.of(options));
        return Programs.sClient(s.tlsPort(), all.toArray(String[]::new));
    }
}
