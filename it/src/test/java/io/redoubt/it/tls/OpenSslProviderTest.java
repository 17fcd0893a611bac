package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls-provider openssl (BoringSSL): the policy it can enforce is enforced, and the one it cannot
 * (a TLS 1.3 suite list) is refused rather than silently ignored.
 */
class OpenSslProviderTest {
    @TempDir
    Path dir;

    @Test
    void enforcesProtocolsAndTls12CiphersAndRefusesTls13SuiteLists() throws Exception {
        TestPki pki = new TestPki(dir);
        String cert = pki.serverCert.toString();
        String key = pki.serverKey.toString();
        try (RedoubtServer s = RedoubtServer.startForTlsTest("tls-cert-file", cert, "tls-key-file", key,
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
                assertThat(c.callText("CONFIG", "SET", "tls-ciphersuites", "TLS_AES_256_GCM_SHA384"))
                        .contains("cannot enforce tls-ciphersuites");
                assertThat(c.callText("INFO", "tls")).contains("tls_provider:openssl");
                assertThat(c.callText("CONFIG", "SET", "tls-protocols", "TLSv1.3")).contains("OK");
            }
            assertThat(sClient(s, withCert, "-tls1_2").output()).doesNotContain("CONNECTION ESTABLISHED");
            assertThat(sClient(s, withCert, "-tls1_3").output()).contains("CONNECTION ESTABLISHED");
        }
        assertThatThrownBy(() -> RedoubtServer.startForTlsTest("tls-cert-file", cert, "tls-key-file", key,
                "tls-auth-clients", "no", "tls-provider", "openssl", "tls-ciphersuites", "TLS_AES_256_GCM_SHA384"))
                .hasMessageContaining("use tls-provider jdk");
    }

    private static Programs.Result sClient(RedoubtServer s, List<String> cert, String... options) throws Exception {
        List<String> all = new java.util.ArrayList<>(cert);
        all.addAll(List.of(options));
        return Programs.sClient(s.tlsPort(), all.toArray(String[]::new));
    }
}
