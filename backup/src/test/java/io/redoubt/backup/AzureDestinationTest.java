package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.redoubt.security.Secret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Azure Blob Storage against Azurite 3.37.0 (npm) run by Node on a free port with in-memory storage. The
 * test installs Azurite under target/azurite on first use (npm, bounded to 5 minutes); where npm or node
 * is missing or the registry cannot be reached, the class is skipped with that reason.
 */
class AzureDestinationTest extends DestinationContract {
    /** Azurite's well-known development account (public, documented by Microsoft). */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Path INSTALL = Path.of("target", "azurite");
    private static final Path LAUNCHER = INSTALL.resolve("node_modules/.bin/azurite-blob");

    private Process azurite;
    private URI endpoint;
    private BlobContainerClient container;
    private Destination destination;

    @BeforeAll
    void start() throws Exception {
        install();
        azurite = new ProcessBuilder("node", LAUNCHER.toString(), "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--inMemoryPersistence", "--extentMemoryLimit", "256", "--skipApiVersionCheck", "--disableTelemetry")
                .redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(azurite.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "azurite-output");
        reader.setDaemon(true);
        reader.start();
        Pattern listening = Pattern.compile("listens on (http://127\\.0\\.0\\.1:\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (endpoint == null) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("Azurite did not start within 30 s: " + seen);
            }
            seen.append(line).append('\n');
            Matcher m = listening.matcher(line);
            if (m.find()) {
                endpoint = URI.create(m.group(1) + "/" + ACCOUNT);
            }
        }
        container = new BlobServiceClientBuilder().endpoint(endpoint.toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient().getBlobContainerClient("backups");
        container.create();
        destination = Destinations.open(new BackupLocation.Azure("backups", "db1", ACCOUNT, Secret.of(KEY), null, endpoint),
                DestinationTimeouts.DEFAULT);
    }

    private static void install() throws Exception {
        if (Files.exists(LAUNCHER)) {
            return;
        }
        Files.createDirectories(INSTALL);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--prefix", INSTALL.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "azurite@3.37.0").redirectErrorStream(true)
                    .redirectOutput(INSTALL.resolve("npm-install.log").toFile()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("npm is not installed, so Azurite cannot be installed (apt-get install npm)");
            return;
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            Assumptions.abort("npm install azurite@3.37.0 took more than 5 minutes (registry unreachable?)");
        }
        Assumptions.assumeTrue(npm.exitValue() == 0 && Files.exists(LAUNCHER),
                "npm install azurite@3.37.0 failed: see backup/target/azurite/npm-install.log");
    }

    @AfterAll
    void stop() throws Exception {
        if (destination != null) {
            destination.close();
        }
        if (azurite != null) {
            azurite.destroy();
            if (!azurite.waitFor(10, TimeUnit.SECONDS)) {
                azurite.destroyForcibly();
            }
        }
    }

    @Override
    Destination destination() {
        return destination;
    }

    private ProbeResult probe(BackupLocation.Azure location) {
        try (Destination d = Destinations.open(location, DestinationTimeouts.DEFAULT)) {
            return d.probe();
        }
    }

    private String sas(BlobContainerSasPermission permission) {
        return container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), permission));
    }

    @Test
    void aSasTokenWithWriteRightsWorks() {
        String sas = sas(new BlobContainerSasPermission().setReadPermission(true).setWritePermission(true)
                .setCreatePermission(true).setDeletePermission(true).setListPermission(true));
        BackupLocation.Azure location = new BackupLocation.Azure("backups", "sas", ACCOUNT, null, Secret.of(sas), endpoint);
        assertThat(location.toString()).doesNotContain(sas);
        ProbeResult r = probe(location);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void aReadOnlySasTokenIsNoPermission() {
        String sas = sas(new BlobContainerSasPermission().setReadPermission(true).setListPermission(true));
        ProbeResult r = probe(new BackupLocation.Azure("backups", "sas", ACCOUNT, null, Secret.of(sas), endpoint));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.NO_PERMISSION);
        assertThat(r.message()).doesNotContain(sas);
    }

    @Test
    void aWrongAccountKeyIsBadCredentials() {
        String wrong = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        ProbeResult r = probe(new BackupLocation.Azure("backups", "", ACCOUNT, Secret.of(wrong), null, endpoint));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.BAD_CREDENTIALS);
    }

    @Test
    void aMissingContainerIsAWrongFilePath() {
        ProbeResult r = probe(new BackupLocation.Azure("no-such-container", "", ACCOUNT, Secret.of(KEY), null, endpoint));
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.WRONG_FILE_PATH);
    }
}
