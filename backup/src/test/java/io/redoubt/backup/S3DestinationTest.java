package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 against an in-process s3proxy (in-memory store, AWS v2/v4 signatures) reached as a custom endpoint,
 * over plain HTTP and over HTTPS with a test-time certificate given as the custom CA.
 */
class S3DestinationTest extends DestinationContract {
    private static final String ACCESS_KEY = "AKIDREDOUBTTEST";
    private static final String SECRET_KEY = "s3-secret-key-do-not-print-0123456789";

    @TempDir
    static Path dir;

    private S3Proxy proxy;
    private TestCertificate certificate;
    private Destination destination;

    @BeforeAll
    void start() throws Exception {
        certificate = TestCertificate.create(Files.createDirectories(dir.resolve("tls")), "s3");
        BlobStore store = new TransientNio2BlobStore();
        store.createContainer("backups");
        proxy = S3Proxy.builder().blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .secureEndpoint(URI.create("https://127.0.0.1:0"))
                .keyStore(certificate.keystore().toString(), TestCertificate.PASSWORD)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        destination = Destinations.open(location("backups", "db1/nightly", http(), null, SECRET_KEY), DestinationTimeouts.DEFAULT);
    }

    @AfterAll
    void stop() throws Exception {
        destination.close();
        proxy.stop();
    }

    @Override
    Destination destination() {
        return destination;
    }

    private URI http() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    private URI https() {
        return URI.create("https://127.0.0.1:" + proxy.getSecurePort());
    }

    private static BackupLocation.S3 location(String bucket, String subdir, URI endpoint, String ca, String secret) {
        return new BackupLocation.S3(bucket, subdir, "us-east-1", endpoint, ca, ACCESS_KEY, Secret.of(secret));
    }

    private static ProbeResult probe(BackupLocation location) {
        try (Destination d = Destinations.open(location, DestinationTimeouts.DEFAULT)) {
            return d.probe();
        }
    }

    @Test
    void filesLiveUnderTheSubdirOnly() throws Exception {
        byte[] data = {1, 2, 3};
        destination.put("x.bin", new java.io.ByteArrayInputStream(data), 3);
        try (Destination root = Destinations.open(location("backups", "", http(), null, SECRET_KEY), DestinationTimeouts.DEFAULT)) {
            assertThat(root.list()).extracting(StoredFile::name).doesNotContain("x.bin");
            try (var in = root.get("db1/nightly/x.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
        destination.delete("x.bin");
    }

    @Test
    void aLargeFileGoesUpInPartsAndAFailedOneLeavesNothing() throws Exception {
        BackupLocation.S3 location = location("backups", "parts", http(), null, SECRET_KEY);
        try (S3Destination parts = new S3Destination(location, DestinationTimeouts.DEFAULT, 5 * 1024 * 1024)) {
            long length = 12L * 1024 * 1024 + 3;
            parts.put("multi.bin", new GeneratedContent(9, length), length);
            assertThat(parts.list()).containsExactly(new StoredFile("multi.bin", length));
            try (var in = parts.get("multi.bin")) {
                assertThat(GeneratedContent.sha256(in)).isEqualTo(GeneratedContent.sha256(new GeneratedContent(9, length)));
            }
            parts.delete("multi.bin");
            // from a file, each part is re-read from its offset
            Path file = dir.resolve("multi.bin");
            try (var out = Files.newOutputStream(file)) {
                new GeneratedContent(10, length).transferTo(out);
            }
            parts.put("from-file.bin", file);
            try (var in = parts.get("from-file.bin")) {
                assertThat(GeneratedContent.sha256(in)).isEqualTo(GeneratedContent.sha256(new GeneratedContent(10, length)));
            }
            parts.delete("from-file.bin");
            // the source ends after 7 MB of a promised 12: the second part fails, the upload is aborted
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parts.put("cut.bin", new GeneratedContent(9, 7L * 1024 * 1024), length))
                    .isInstanceOf(DestinationException.class);
            assertThat(parts.list()).isEmpty();
        }
    }

    @Test
    void aWrongSecretIsBadCredentialsWithoutTheSecret() {
        ProbeResult r = probe(location("backups", "", http(), null, "wrong-secret-key-abcdef"));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        assertThat(r.message()).doesNotContain("wrong-secret-key-abcdef").doesNotContain(SECRET_KEY);
    }

    @Test
    void aMissingBucketIsAWrongFilePath() {
        ProbeResult r = probe(location("no-such-bucket", "", http(), null, SECRET_KEY));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.WRONG_FILE_PATH);
    }

    @Test
    void httpsWithTheCustomCaWorks() {
        ProbeResult r = probe(location("backups", "tls", https(), certificate.pem(), SECRET_KEY));
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void httpsWithoutTheCustomCaIsRefused() {
        ProbeResult r = probe(location("backups", "tls", https(), null, SECRET_KEY));
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("TLS");
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProbeResult r = probe(location("backups", "", URI.create("http://127.0.0.1:" + closed), null, SECRET_KEY));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.UNREACHABLE);
    }
}
