package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every destination must do, run against each kind's real server: a subclass starts its server once
 * per class and hands out a {@link Destination} on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class DestinationContract {
    @TempDir
    Path work;

    /** A destination on the class's server, at a location that exists and is writable. */
    abstract Destination destination();

    @Test
    void storesStreamsListsAndDeletesAFile() throws Exception {
        Destination d = destination();
        long length = 3 * 1024 * 1024 + 17;
        d.put("big.bin", new GeneratedContent(42, length), length);
        assertThat(d.list()).contains(new StoredFile("big.bin", length));
        try (InputStream in = d.get("big.bin")) {
            assertThat(GeneratedContent.sha256(in)).isEqualTo(GeneratedContent.sha256(new GeneratedContent(42, length)));
        }
        d.delete("big.bin");
        assertThat(d.list()).extracting(StoredFile::name).doesNotContain("big.bin");
        d.delete("big.bin"); // deleting what is gone is not an error
    }

    @Test
    void putReplacesAFileOfTheSameName() throws Exception {
        Destination d = destination();
        byte[] first = "first version".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second".getBytes(StandardCharsets.US_ASCII);
        d.put("same.txt", new ByteArrayInputStream(first), first.length);
        d.put("same.txt", new ByteArrayInputStream(second), second.length);
        try (InputStream in = d.get("same.txt")) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
        assertThat(d.list()).extracting(StoredFile::name).doesNotContain("same.txt.part");
        d.delete("same.txt");
    }

    @Test
    void aMissingFileIsAWrongFilePath() {
        Destination d = destination();
        assertThatThrownBy(() -> {
            try (InputStream in = d.get("no-such-file.rdb.gz")) {
                in.read();
            }
        }).isInstanceOfSatisfying(DestinationException.class,
                e -> assertThat(e.reason()).isEqualTo(FailureReason.WRONG_FILE_PATH));
    }

    @Test
    void probeWritesReadsBackAndDeletes() throws Exception {
        Destination d = destination();
        ProbeResult r = d.probe();
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(d.list()).extracting(StoredFile::name).doesNotContain(Destination.PROBE_FILE);
    }

    @Test
    void aThreeShardBackupVerifiesAndRestoresExactly() throws Exception {
        Destination d = destination();
        TestShards db = TestShards.filled(3, 300, 7);
        DatabaseRef ref = new DatabaseRef(40 + getClass().getSimpleName().length(), "contract");
        Clock clock = Clock.fixed(Instant.parse("2026-12-08T03:00:00.123Z"), ZoneOffset.UTC);
        BackupManifest m = new BackupWriter(work, clock, "test").write(ref, db, d, p -> { });
        assertThat(m.shardCount()).isEqualTo(3);

        BackupVerification v = new BackupVerifier(16).verify(d, m.backupId());
        assertThat(v.problems()).isEmpty();
        assertThat(v.keysRestored()).isEqualTo(900);

        TestShards.Restored restored = new TestShards.Restored();
        new BackupReader(d).restore(m.backupId(), restored);
        for (int i = 0; i < 3; i++) {
            assertThat(TestShards.render(restored.shards.get(i))).isEqualTo(TestShards.render(db.shards.get(i)));
        }
        assertThat(Files.list(work)).as("local temporary copies are removed").isEmpty();
        for (BackupCatalog.Entry e : BackupCatalog.list(d, ref.uid())) {
            for (StoredFile f : e.files()) {
                d.delete(f.name());
            }
        }
        assertThat(BackupCatalog.list(d, ref.uid())).isEqualTo(List.of());
    }
}
