package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.Secret;
import java.net.URI;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Google Cloud Storage: no GCS emulator runs here (fake-gcs-server is a Go binary that is not packaged
 * for Debian or Maven), so these tests cover configuration and credential validation, and a probe that
 * must fail, bounded and without the key in its message, when Google's token endpoint cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GcsLocationTest {
    private String privateKeyPem;

    @BeforeAll
    void key() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        privateKeyPem = TestPem.privateKey(rsa.generateKeyPair().getPrivate());
    }

    private String serviceAccount(String tokenUri, String key) {
        return """
                {"type": "service_account", "project_id": "redoubt-test", "private_key_id": "abc123",
                 "private_key": "%s", "client_email": "backup@redoubt-test.iam.gserviceaccount.com",
                 "client_id": "1234567890", "token_uri": "%s"}
                """.formatted(key.replace("\n", "\\n"), tokenUri);
    }

    @Test
    void aServiceAccountKeyConfiguresAndNeverPrints() {
        BackupLocation.Gcs location = new BackupLocation.Gcs("redoubt-backups", "db1",
                Secret.of(serviceAccount("https://oauth2.googleapis.com/token", privateKeyPem)), null);
        assertThat(location.type()).isEqualTo("gs");
        assertThat(location.subdir()).isEqualTo("db1/");
        assertThat(location.toString()).doesNotContain("PRIVATE KEY").contains("(redacted)");
        assertThat(GcsDestination.credentials(location).getClientEmail()).isEqualTo("backup@redoubt-test.iam.gserviceaccount.com");
        try (Destination d = Destinations.open(location, DestinationTimeouts.DEFAULT)) {
            assertThat(d.describe()).isEqualTo("gs://redoubt-backups/db1/");
        }
    }

    @Test
    void credentialsThatAreNotAServiceAccountKeyFailAtConfiguration() {
        for (String bad : new String[] {"not json", "{\"type\": \"authorized_user\"}",
                serviceAccount("https://oauth2.googleapis.com/token", TestPem.block("PRIVATE KEY", "AAAA"))}) {
            BackupLocation.Gcs location = new BackupLocation.Gcs("redoubt-backups", "", Secret.of(bad), null);
            assertThatThrownBy(() -> Destinations.open(location, DestinationTimeouts.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("GCS credentials")
                    .hasMessageNotContaining("AAAA");
        }
    }

    @Test
    void invalidBucketNamesAreRefused() {
        Secret creds = Secret.of(serviceAccount("https://oauth2.googleapis.com/token", privateKeyPem));
        for (String bucket : new String[] {"", "A", "Upper-Case", "-leading", "a/b"}) {
            assertThatThrownBy(() -> new BackupLocation.Gcs(bucket, "", creds, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket_name");
        }
    }

    @Test
    void anUnreachableTokenEndpointFailsTheProbeWithoutTheKey() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        BackupLocation.Gcs location = new BackupLocation.Gcs("redoubt-backups", "",
                Secret.of(serviceAccount("http://127.0.0.1:" + closed + "/token", privateKeyPem)),
                URI.create("http://127.0.0.1:" + closed));
        try (Destination d = Destinations.open(location, new DestinationTimeouts(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(2)))) {
            ProbeResult r = d.probe();
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).doesNotContain("PRIVATE KEY").doesNotContain("\n");
        }
    }
}
