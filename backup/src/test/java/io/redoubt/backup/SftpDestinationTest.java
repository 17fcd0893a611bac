package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SFTP against an in-process Apache MINA SSHD server (a virtual file system rooted in a temporary
 * folder) that accepts one user by password or by one RSA key made at test time.
 */
class SftpDestinationTest extends DestinationContract {
    private static final String USER = "backup";
    private static final String PASSWORD = "sftp-Pass-word-42";

    @TempDir
    static Path dir;

    private SshServer sshd;
    private KeyPair clientKey;
    private String hostFingerprint;
    private Destination destination;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        clientKey = rsa.generateKeyPair();
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("backups"));
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.key"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(home));
        sshd.start();
        hostFingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                hostKeys.loadKeys(null).iterator().next().getPublic());
        destination = Destinations.open(keyLocation(pem(clientKey), hostFingerprint, "/backups/"), DestinationTimeouts.DEFAULT);
    }

    @AfterAll
    void stop() throws Exception {
        destination.close();
        sshd.stop(true);
    }

    @Override
    Destination destination() {
        return destination;
    }

    private BackupLocation.Sftp keyLocation(String keyPem, String fingerprint, String path) {
        return new BackupLocation.Sftp("127.0.0.1", sshd.getPort(), USER, path, Secret.of(keyPem), null, fingerprint);
    }

    private static String pem(KeyPair key) {
        return TestPem.privateKey(key.getPrivate());
    }

    private static ProbeResult probe(BackupLocation location) {
        try (Destination d = Destinations.open(location, DestinationTimeouts.DEFAULT)) {
            return d.probe();
        }
    }

    @Test
    void passwordAuthenticationWorksFromReUrlForm() {
        BackupLocation.Sftp parsed = BackupLocation.Sftp.parse("sftp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + sshd.getPort()
                + "/backups/", null, null);
        assertThat(parsed.toString()).doesNotContain(PASSWORD);
        ProbeResult r = probe(parsed);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void aWrongKeyIsBadCredentials() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        ProbeResult r = probe(keyLocation(pem(rsa.generateKeyPair()), null, "/backups/"));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        assertThat(r.message()).contains("authentication refused").doesNotContain("PRIVATE KEY");
    }

    @Test
    void aWrongPasswordIsBadCredentialsWithoutThePassword() {
        ProbeResult r = probe(new BackupLocation.Sftp("127.0.0.1", sshd.getPort(), USER, "/backups/", null,
                Secret.of("not-the-password-9"), null));
        assertThat(r.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        assertThat(r.message()).doesNotContain("not-the-password-9");
    }

    @Test
    void anotherHostKeyThanTheConfiguredOneIsRefused() {
        ProbeResult r = probe(keyLocation(pem(clientKey), "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/backups/"));
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isIn(FailureReason.BAD_CREDENTIALS, FailureReason.GENERAL_ERROR);
    }

    @Test
    void aMissingFolderIsAWrongFilePath() {
        ProbeResult r = probe(keyLocation(pem(clientKey), hostFingerprint, "/not-there/"));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.WRONG_FILE_PATH);
    }

    @Test
    void anUnreadableKeyFailsAtConfiguration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Destinations.open(
                keyLocation(TestPem.block("PRIVATE KEY", "not base64"), null, "/"),
                DestinationTimeouts.DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SFTP key").hasMessageNotContaining("not base64");
    }
}
