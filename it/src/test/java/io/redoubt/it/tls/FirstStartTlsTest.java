package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.security.PemReader;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** TLS with no certificate configured, and with an encrypted key. */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class FirstStartTlsTest {
    @TempDir
    Path dir;

    @Test
    void generatesCaAndServerCertificateInTheDataFolder() throws Exception {
        Path data = dir.resolve("data");
        try (RedoubtServer s = TestDatabases.startWithTls("dir", data.toString(), "tls-auth-clients", "no")) {
            Path ca = data.resolve("tls/ca.crt");
            assertThat(ca).exists();
            assertThat(mode(data.resolve("tls"))).isEqualTo("rwx------");
            assertThat(fileNames(data.resolve("tls"))).containsExactlyInAnyOrder("ca.crt", "server.crt", "server.key");
            for (String f : List.of("ca.crt", "server.crt", "server.key")) {
                assertThat(mode(data.resolve("tls").resolve(f))).as(f).isEqualTo("rw-------");
            }
            assertThat(Programs.redisCli(s.tlsPort(), List.of("--tls", "--cacert", ca.toString()), "PING").output())
                    .isEqualTo("PONG");
            assertThat(s.config().get("tls-cert-file")).isEqualTo(data.resolve("tls/server.crt").toString());
        }
        byte[] before = Files.readAllBytes(data.resolve("tls/server.crt"));
        try (RedoubtServer s = TestDatabases.startWithTls("dir", data.toString(), "tls-auth-clients", "no")) {
            assertThat(Files.readAllBytes(data.resolve("tls/server.crt"))).as("kept across restarts").isEqualTo(before);
        }
    }

    /**
     * The CA's private key is not in the serving folder beside the server key: it is kept apart,
     * owner-only, in data/tls-ca, where nothing the endpoint reads points. It renews the server
     * certificate under the CA clients already trust; a key left in data/tls by an earlier version moves.
     */
    @Test
    void theCaKeyIsKeptApartAndRenewsTheServerCertificate() throws Exception {
        Path data = dir.resolve("data");
        try (RedoubtServer s = TestDatabases.startWithTls("dir", data.toString(), "tls-auth-clients", "no")) {
            assertThat(s.config().get("tls-key-file")).isEqualTo(data.resolve("tls/server.key").toString());
            assertThat(s.config().get("tls-ca-cert-file")).isEqualTo(data.resolve("tls/ca.crt").toString());
        }
        Path caKey = data.resolve("tls-ca/ca.key");
        assertThat(data.resolve("tls/ca.key")).doesNotExist();
        assertThat(mode(data.resolve("tls-ca"))).isEqualTo("rwx------");
        assertThat(fileNames(data.resolve("tls-ca"))).containsExactly("ca.key");
        assertThat(mode(caKey)).isEqualTo("rw-------");
        assertThat(PemReader.privateKey(caKey, Secret.none()).getAlgorithm()).isNotEmpty();

        byte[] caBefore = Files.readAllBytes(data.resolve("tls/ca.crt"));
        byte[] certBefore = Files.readAllBytes(data.resolve("tls/server.crt"));
        Files.delete(data.resolve("tls/server.crt"));
        Files.delete(data.resolve("tls/server.key"));
        // an earlier version kept the key in the serving folder: it moves out
        Files.move(caKey, data.resolve("tls/ca.key"));
        try (RedoubtServer s = TestDatabases.startWithTls("dir", data.toString(), "tls-auth-clients", "no")) {
            assertThat(Files.readAllBytes(data.resolve("tls/ca.crt"))).as("same CA").isEqualTo(caBefore);
            assertThat(Files.readAllBytes(data.resolve("tls/server.crt"))).as("renewed").isNotEqualTo(certBefore);
            assertThat(Programs.redisCli(s.tlsPort(), List.of("--tls", "--cacert",
                    data.resolve("tls/ca.crt").toString()), "PING").output()).isEqualTo("PONG");
        }
        assertThat(data.resolve("tls/ca.key")).doesNotExist();
        assertThat(caKey).exists();
        assertThat(mode(caKey)).isEqualTo("rw-------");
        var leaf = PemReader.certificates(data.resolve("tls/server.crt")).get(0);
        leaf.verify(PemReader.certificates(data.resolve("tls/ca.crt")).get(0).getPublicKey());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> fileNames(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestDatabases.startWithTls("tls-cert-file",
                pki.serverCert.toString(), "tls-key-file", key.toString(), "tls-auth-clients", "no"))
                .hasMessageContaining("set tls-key-file-pass");
        try (RedoubtServer s = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
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
