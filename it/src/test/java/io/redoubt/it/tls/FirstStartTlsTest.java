package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with no certificate configured, and with an encrypted key. */
class FirstStartTlsTest {
    @TempDir
    Path dir;

    @Test
    void generatesCaAndServerCertificateInTheDataFolder() throws Exception {
        Path data = dir.resolve("data");
        try (RedoubtServer s = RedoubtServer.startForTlsTest("dir", data.toString(), "tls-auth-clients", "no")) {
            Path ca = data.resolve("tls/ca.crt");
            assertThat(ca).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls"))))
                    .isEqualTo("rwx------");
            for (String f : List.of("ca.crt", "ca.key", "server.crt", "server.key")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls").resolve(f))))
                        .as(f).isEqualTo("rw-------");
            }
            assertThat(Programs.redisCli(s.tlsPort(), List.of("--tls", "--cacert", ca.toString()), "PING").output())
                    .isEqualTo("PONG");
            assertThat(s.config().get("tls-cert-file")).isEqualTo(data.resolve("tls/server.crt").toString());
        }
        byte[] before = Files.readAllBytes(data.resolve("tls/server.crt"));
        try (RedoubtServer s = RedoubtServer.startForTlsTest("dir", data.toString(), "tls-auth-clients", "no")) {
            assertThat(Files.readAllBytes(data.resolve("tls/server.crt"))).as("kept across restarts").isEqualTo(before);
        }
    }

    @Test
    void tlsAloneWithPortZero() throws Exception {
        try (RedoubtServer s = RedoubtServer.start(io.redoubt.node.ServerConfig.fromPairs("port", "0",
                "tls-auth-clients", "no", "dir", dir.resolve("alone").toString()), null, 0)) {
            assertThat(s.endpoint().addresses()).hasSize(s.config().get("bind").split(" ").length > 1 ? 2 : 1)
                    .allMatch(a -> a.getPort() == s.tlsPort());
            assertThat(Programs.redisCli(s.tlsPort(), List.of("--tls", "--cacert",
                    dir.resolve("alone/tls/ca.crt").toString()), "PING").output()).isEqualTo("PONG");
        }
    }

    @Test
    void encryptedKeyWithPassword() throws Exception {
        TestPki pki = new TestPki(dir);
        Path key = dir.resolve("encrypted.key");
        PemWriter.write(key, PemWriter.privateKey(pki.server.privateKey(), PemWriter.KeyFormat.PKCS8_ENCRYPTED,
                Secret.of("key pass")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedoubtServer.startForTlsTest("tls-cert-file",
                pki.serverCert.toString(), "tls-key-file", key.toString(), "tls-auth-clients", "no"))
                .hasMessageContaining("set tls-key-file-pass");
        try (RedoubtServer s = RedoubtServer.startForTlsTest("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", key.toString(), "tls-key-file-pass", "key pass", "tls-auth-clients", "no")) {
            assertThat(Programs.redisCli(s.tlsPort(), List.of("--tls", "--cacert", pki.caFile.toString()), "PING")
                    .output()).isEqualTo("PONG");
            assertThat(s.config().parameter("tls-key-file-pass").sensitive()).isTrue();
        }
    }

    @Test
    void opensslReadsTheKeysRedoubtWrites() throws Exception {
        TestPki pki = new TestPki(dir);
        for (PemWriter.KeyFormat f : PemWriter.KeyFormat.values()) {
            Path key = dir.resolve(f + ".key");
            PemWriter.write(key, PemWriter.privateKey(pki.server.privateKey(), f, Secret.of("pw")));
            Programs.Result r = Programs.run(List.of("openssl", "pkey", "-in", key.toString(), "-passin", "pass:pw",
                    "-noout"));
            assertThat(r.exit()).as(f + ": " + r.output()).isZero();
        }
    }
}
