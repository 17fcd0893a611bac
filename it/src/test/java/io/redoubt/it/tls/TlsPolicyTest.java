package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import io.redoubt.testkit.TestDatabases;

/** Protocol versions and cipher suites, enforced against openssl s_client as the client. */
class TlsPolicyTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static RedoubtServer both;
    static RedoubtServer tls13Only;
    static RedoubtServer restricted;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        String cert = pki.serverCert.toString();
        String key = pki.serverKey.toString();
        both = TestDatabases.startWithTls("tls-cert-file", cert, "tls-key-file", key, "tls-auth-clients", "no");
        tls13Only = TestDatabases.startWithTls("tls-cert-file", cert, "tls-key-file", key, "tls-auth-clients", "no",
                "tls-protocols", "TLSv1.3");
        restricted = TestDatabases.startWithTls("tls-cert-file", cert, "tls-key-file", key, "tls-auth-clients", "no",
                "tls-ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384", "tls-ciphersuites", "TLS_AES_256_GCM_SHA384");
    }

    @AfterAll
    static void stop() {
        both.close();
        tls13Only.close();
        restricted.close();
    }

    @Test
    void acceptsTls12AndTls13ByDefault() throws Exception {
        assertEstablished(Programs.sClient(both.tlsPort(), "-tls1_3"), "TLSv1.3");
        assertEstablished(Programs.sClient(both.tlsPort(), "-tls1_2"), "TLSv1.2");
    }

    @Test
    void refusesTls10And11Always() throws Exception {
        try (LogCapture log = new LogCapture(Class.forName("io.redoubt.dataplane.TlsHandshakeGuard"))) {
            for (RedoubtServer s : new RedoubtServer[] {both, tls13Only, restricted}) {
                // OpenSSL 3 keeps TLS 1.0/1.1 behind security level 0
                assertRefused(Programs.sClient(s.tlsPort(), "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"));
                assertRefused(Programs.sClient(s.tlsPort(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"));
            }
            // the clients did offer the old versions: the server refused them, not the client library
            org.awaitility.Awaitility.await().until(() -> log.contains("protocol TLSv1 is not enabled")
                    && log.contains("protocol TLSv1.1 is not enabled"));
        }
    }

    @Test
    void refusesTls12WhenTls13IsRequired() throws Exception {
        assertRefused(Programs.sClient(tls13Only.tlsPort(), "-tls1_2"));
        assertEstablished(Programs.sClient(tls13Only.tlsPort(), "-tls1_3"), "TLSv1.3");
    }

    @Test
    void enforcesTheTls12CipherList() throws Exception {
        assertRefused(Programs.sClient(restricted.tlsPort(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"));
        Programs.Result ok = Programs.sClient(restricted.tlsPort(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384");
        assertEstablished(ok, "TLSv1.2");
        assertThat(ok.output()).contains("ECDHE-ECDSA-AES256-GCM-SHA384");
    }

    @Test
    void enforcesTheTls13SuiteList() throws Exception {
        assertRefused(Programs.sClient(restricted.tlsPort(), "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"));
        assertRefused(Programs.sClient(restricted.tlsPort(), "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256"));
        Programs.Result ok = Programs.sClient(restricted.tlsPort(), "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384");
        assertEstablished(ok, "TLSv1.3");
        assertThat(ok.output()).contains("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void serverCipherOrderWhenPreferred() throws Exception {
        for (String provider : new String[] {"jdk", "openssl"}) {
            try (RedoubtServer s = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                    "tls-key-file", pki.serverKey.toString(), "tls-auth-clients", "no", "tls-provider", provider,
                    "tls-ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256",
                    "tls-prefer-server-ciphers", "yes")) {
                Programs.Result r = Programs.sClient(s.tlsPort(), "-tls1_2", "-cipher",
                        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384");
                assertEstablished(r, "TLSv1.2");
                assertThat(r.output()).as(provider).contains("ECDHE-ECDSA-AES256-GCM-SHA384");
            }
        }
    }

    @Test
    void refusesOldProtocolsInConfiguration() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestDatabases.startWithTls("tls-protocols", "TLSv1.1"))
                .hasMessageContaining("TLSv1.1 is refused: TLS 1.2 is the minimum");
        try (var c = new io.redoubt.testkit.RespClient("127.0.0.1", both.port())) {
            assertThat(c.callText("CONFIG", "SET", "tls-protocols", "TLSv1 TLSv1.2"))
                    .contains("TLSv1 is refused");
        }
    }

    private static void assertEstablished(Programs.Result r, String protocol) {
        assertThat(r.output()).as(r.output()).contains("CONNECTION ESTABLISHED").contains(protocol);
    }

    private static void assertRefused(Programs.Result r) {
        assertThat(r.output()).as(r.output()).doesNotContain("CONNECTION ESTABLISHED");
        assertThat(r.exit()).as(r.output()).isNotZero();
    }
}
