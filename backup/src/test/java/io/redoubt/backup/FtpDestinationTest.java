package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FTP (plain) against an in-process Apache FtpServer; {@link FtpsDestinationTest} runs the same with TLS. */
class FtpDestinationTest extends DestinationContract {
    @TempDir
    static Path dir;

    TestFtpServer server;
    Destination destination;

    boolean tls() {
        return false;
    }

    String scheme() {
        return tls() ? "ftps" : "ftp";
    }

    BackupLocation.Ftp location(String user, String password, String path) {
        return new BackupLocation.Ftp(tls(), "127.0.0.1", server.port, user, Secret.of(password), path, server.certificatePem);
    }

    @BeforeAll
    void start() throws Exception {
        server = new TestFtpServer(Files.createDirectories(dir.resolve(scheme())), tls());
        Files.createDirectories(server.home.resolve("backups"));
        destination = Destinations.open(location(TestFtpServer.WRITER, TestFtpServer.WRITER_PASSWORD, "/backups/"),
                DestinationTimeouts.DEFAULT);
    }

    @AfterAll
    void stop() {
        destination.close();
        server.close();
    }

    @Override
    Destination destination() {
        return destination;
    }

    @Test
    void reUrlFormParsesToTheSameLocation() {
        BackupLocation.Ftp parsed = BackupLocation.Ftp.parse(scheme() + "://" + TestFtpServer.WRITER + ":s3cret-Ftp%2Dpass@127.0.0.1:"
                + server.port + "/backups/", server.certificatePem);
        assertThat(parsed).isEqualTo(location(TestFtpServer.WRITER, TestFtpServer.WRITER_PASSWORD, "/backups/"));
        assertThat(parsed.toString()).doesNotContain(TestFtpServer.WRITER_PASSWORD);
        assertThat(Destinations.open(parsed, DestinationTimeouts.DEFAULT).probe().ok()).isTrue();
    }

    @Test
    void aWrongPasswordIsBadCredentialsWithoutThePassword() {
        ProbeResult r = Destinations.open(location(TestFtpServer.WRITER, "wrong-password-xyz", "/backups/"),
                DestinationTimeouts.DEFAULT).probe();
        assertThat(r.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        assertThat(r.message()).contains("login refused").doesNotContain("wrong-password-xyz");
    }

    @Test
    void aMissingFolderIsAWrongFilePath() {
        ProbeResult r = Destinations.open(location(TestFtpServer.WRITER, TestFtpServer.WRITER_PASSWORD, "/not-there/"),
                DestinationTimeouts.DEFAULT).probe();
        assertThat(r.reason()).isEqualTo(FailureReason.WRONG_FILE_PATH);
    }

    @Test
    void aUserWhoMayNotWriteIsNoPermission() {
        ProbeResult r = Destinations.open(location(TestFtpServer.READER, TestFtpServer.READER_PASSWORD, "/backups/"),
                DestinationTimeouts.DEFAULT).probe();
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.NO_PERMISSION);
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProbeResult r = Destinations.open(new BackupLocation.Ftp(tls(), "127.0.0.1", closed, "u", Secret.of("p"), "/", null),
                DestinationTimeouts.DEFAULT).probe();
        assertThat(r.reason()).isEqualTo(FailureReason.UNREACHABLE);
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        // accepts the connection and never sends the FTP greeting
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            ProbeResult r = Destinations.open(new BackupLocation.Ftp(tls(), "127.0.0.1", silent.getLocalPort(), "u",
                    Secret.of("p"), "/", null), new DestinationTimeouts(java.time.Duration.ofMillis(500),
                    java.time.Duration.ofMillis(500))).probe();
            assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.TIMEOUT);
            assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
        }
    }
}
