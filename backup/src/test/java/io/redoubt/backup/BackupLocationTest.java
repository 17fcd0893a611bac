package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.Secret;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The location shapes: RE's forms parse, bad values are refused with one line, secrets never print. */
class BackupLocationTest {
    @Test
    void ftpUrlsParseAsReWritesThem() {
        BackupLocation.Ftp f = BackupLocation.Ftp.parse("ftp://alice:p%40ss%3Aword@ftp.example.com:2121/backups/db1", null);
        assertThat(f.tls()).isFalse();
        assertThat(f.host()).isEqualTo("ftp.example.com");
        assertThat(f.port()).isEqualTo(2121);
        assertThat(f.user()).isEqualTo("alice");
        assertThat(new String(f.password().reveal())).isEqualTo("p@ss:word");
        assertThat(f.path()).isEqualTo("/backups/db1/");
        assertThat(f.type()).isEqualTo("url");
        assertThat(f.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
        BackupLocation.Ftp s = BackupLocation.Ftp.parse("ftps://bob:x@host/", null);
        assertThat(s.tls()).isTrue();
        assertThat(s.port()).isEqualTo(21);
    }

    @Test
    void badFtpUrlsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> BackupLocation.Ftp.parse("http://u:secretpw@host/", null)).hasMessageContaining("ftp://");
        assertThatThrownBy(() -> BackupLocation.Ftp.parse("ftp://host/", null)).hasMessageContaining("user name");
        assertThatThrownBy(() -> BackupLocation.Ftp.parse("ftp://u:secret pw@host/ x", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    }

    @Test
    void sftpUrlsDefaultToPort22AndNeedAKeyOrPassword() {
        BackupLocation.Sftp s = BackupLocation.Sftp.parse("sftp://backup@sftp.example.com/var/backups", Secret.of("KEY"), null);
        assertThat(s.port()).isEqualTo(22);
        assertThat(s.path()).isEqualTo("/var/backups/");
        assertThat(s.toString()).doesNotContain("KEY,");
        assertThatThrownBy(() -> BackupLocation.Sftp.parse("sftp://backup@host/", null, null))
                .hasMessageContaining("private key or a password");
    }

    @Test
    void s3NeedsAValidBucketAndBothKeys() {
        BackupLocation.S3 s = new BackupLocation.S3("my-bucket", "/a/b", null, null, null, "AKID", Secret.of("topsecret"));
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.subdir()).isEqualTo("a/b/");
        assertThat(s.toString()).doesNotContain("topsecret");
        assertThatThrownBy(() -> new BackupLocation.S3("My_Bucket", "", null, null, null, "AKID", Secret.of("x")))
                .hasMessageContaining("bucket_name");
        assertThatThrownBy(() -> new BackupLocation.S3("bucket", "", null, null, null, "AKID", Secret.none()))
                .hasMessageContaining("secret_access_key");
        assertThatThrownBy(() -> new BackupLocation.S3("bucket", "../up", null, null, null, "AKID", Secret.of("x")))
                .hasMessageContaining("..");
        assertThatThrownBy(() -> new BackupLocation.S3("bucket", "", null, URI.create("ftp://x"), null, "AKID", Secret.of("x")))
                .hasMessageContaining("endpoint");
    }

    @Test
    void azureNeedsExactlyOneOfKeyAndSas() {
        assertThatThrownBy(() -> new BackupLocation.Azure("container", "", "acct", Secret.of("k"), Secret.of("s"), null))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new BackupLocation.Azure("container", "", "acct", null, null, null))
                .hasMessageContaining("exactly one");
        BackupLocation.Azure a = new BackupLocation.Azure("container", "x", "acct", Secret.of("accountkey"), null, null);
        assertThat(a.serviceEndpoint()).isEqualTo(URI.create("https://acct.blob.core.windows.net"));
        assertThat(a.toString()).doesNotContain("accountkey");
        assertThat(a.type()).isEqualTo("abs");
    }

    @Test
    void aMountPointMustBeAbsolute() {
        assertThatThrownBy(() -> new BackupLocation.MountPoint(Path.of("relative"))).hasMessageContaining("absolute");
        assertThat(new BackupLocation.MountPoint(Path.of("/var/backups")).type()).isEqualTo("mount_point");
    }

    @Test
    void redactionRemovesEverySecretAndKeepsOneLine() {
        String cleaned = Redaction.clean("GET https://x/?sig=abcd1234&x=1\nfailed for abcd1234",
                java.util.List.of(Secret.of("abcd1234")));
        assertThat(cleaned).isEqualTo("GET https://x/?sig=(redacted)&x=1 failed for (redacted)");
    }
}
