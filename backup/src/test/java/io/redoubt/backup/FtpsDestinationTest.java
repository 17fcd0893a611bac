package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import org.junit.jupiter.api.Test;

/** FTPS (explicit TLS, private data channel) against Apache FtpServer with a certificate made at test time. */
class FtpsDestinationTest extends FtpDestinationTest {
    @Override
    boolean tls() {
        return true;
    }

    @Test
    void aServerCertificateOutsideTheTrustedCaFailsTls() {
        // no CA given: the JDK's trust store does not know the test's self-signed certificate
        ProbeResult r = Destinations.open(new BackupLocation.Ftp(true, "127.0.0.1", server.port, TestFtpServer.WRITER,
                Secret.of(TestFtpServer.WRITER_PASSWORD), "/backups/", null), DestinationTimeouts.DEFAULT).probe();
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("TLS").doesNotContain(TestFtpServer.WRITER_PASSWORD);
    }
}
