package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.backup.BackupVerification.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup's files and manifest, its verification by trial restore against every kind of damage, the
 * import path, retention and a destination that fails mid-backup; on a local folder, the destination
 * whose files a test can damage directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class BackupVerificationTest {
    private static final DatabaseRef DB = new DatabaseRef(7, "orders: the big one, with a name longer than thirty");

    @TempDir
    static Path root;

    private TestShards source;
    private Path folder;
    private Path work;
    private Destination destination;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T02:00:00Z"));
    private final InstantSource clock = () -> now.get();

    @BeforeAll
    void fill() {
        source = TestShards.filled(3, 400, 11);
    }

    @BeforeEach
    void freshFolder() throws IOException {
        now.set(Instant.parse("2026-12-08T02:00:00Z"));
        folder = Files.createTempDirectory(root, "dest");
        work = Files.createTempDirectory(root, "work");
        destination = Destinations.open(new BackupLocation.MountPoint(folder), DestinationTimeouts.DEFAULT);
    }

    private BackupManifest backup() throws IOException {
        BackupManifest m = new BackupWriter(work, clock, "0.1.0-test").write(DB, source, destination, p -> { });
        now.set(now.get().plus(Duration.ofHours(1)));
        return m;
    }

    private Path file(BackupManifest m, int shard) {
        return folder.resolve(m.shards().get(shard).file());
    }

    @Test
    void aBackupIsOneGzipRdbPerShardAndAManifestThatDescribesThem() throws Exception {
        List<Integer> progress = new java.util.ArrayList<>();
        BackupManifest m = new BackupWriter(work, clock, "0.1.0-test").write(DB, source, destination, progress::add);
        assertThat(m.backupId()).isEqualTo("bdb7-orders__the_big_one__with_a_na-20261208-020000-000");
        assertThat(progress).startsWith(0).endsWith(100).isSorted();
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                m.backupId() + ".manifest.json", m.backupId() + ".shard-0.rdb.gz", m.backupId() + ".shard-1.rdb.gz",
                m.backupId() + ".shard-2.rdb.gz");
        BackupManifest read = BackupManifest.fromJson(Files.readAllBytes(folder.resolve(m.backupId() + ".manifest.json")));
        assertThat(read).isEqualTo(m);
        assertThat(read.keyCount()).isEqualTo(source.shards.stream().mapToLong(s -> s.keyCount()).sum());
        String json = Files.readString(folder.resolve(m.backupId() + ".manifest.json"));
        assertThat(json).contains("\"format_version\" : 1", "\"database_uid\" : 7", "\"redoubt_version\" : \"0.1.0-test\"",
                "\"sha256\" : \"" + m.shards().get(2).sha256() + "\"");
        for (int i = 0; i < 3; i++) {
            BackupManifest.ShardFile f = m.shards().get(i);
            assertThat(Files.size(file(m, i))).isEqualTo(f.size());
            assertThat(f.keyCount()).isEqualTo(source.shards.get(i).keyCount());
        }
    }

    @Test
    void redisCheckRdbAcceptsEveryShardAfterGunzip() throws Exception {
        BackupManifest m = backup();
        for (int i = 0; i < 3; i++) {
            Path rdb = root.resolve("check-" + i + ".rdb");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file(m, i)));
                    OutputStream out = Files.newOutputStream(rdb)) {
                in.transferTo(out);
            }
            Process p = new ProcessBuilder("/usr/bin/redis-check-rdb", rdb.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("RDB looks OK!").contains("[info] " + m.shards().get(i).keyCount() + " keys read");
            assertThat(p.exitValue()).isZero();
        }
    }

    @Test
    void aGoodBackupVerifiesAndImportsExactly() throws Exception {
        BackupManifest m = backup();
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.passed()).as(v.problems().toString()).isTrue();
        assertThat(v.keysRestored()).isEqualTo(1200);
        TestShards.Restored restored = new TestShards.Restored();
        new BackupReader(destination).restore(m.backupId(), restored);
        for (int i = 0; i < 3; i++) {
            assertThat(TestShards.render(restored.shards.get(i))).isEqualTo(TestShards.render(source.shards.get(i)));
        }
    }

    @Test
    void aFlippedByteIsAChecksumMismatchNamingTheFile() throws Exception {
        BackupManifest m = backup();
        byte[] bytes = Files.readAllBytes(file(m, 1));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file(m, 1), bytes);
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CHECKSUM_MISMATCH);
            assertThat(p.file()).isEqualTo(m.shards().get(1).file());
        });
        assertThatThrownBy(() -> new BackupReader(destination).restore(m.backupId(), new TestShards.Restored()))
                .isInstanceOfSatisfying(BackupReader.ImportException.class, e -> {
                    assertThat(e.failureReason()).isEqualTo("file-corrupted");
                    assertThat(e.file()).isEqualTo(m.shards().get(1).file());
                });
    }

    @Test
    void aCutFileIsTruncated() throws Exception {
        BackupManifest m = backup();
        byte[] bytes = Files.readAllBytes(file(m, 2));
        Files.write(file(m, 2), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SIZE_MISMATCH);
            assertThat(p.file()).isEqualTo(m.shards().get(2).file());
            assertThat(p.detail()).contains("truncated");
        });
    }

    @Test
    void aMissingManifestMeansAnIncompleteBackup() throws Exception {
        BackupManifest m = backup();
        Files.delete(folder.resolve(BackupNames.manifestFile(m.backupId())));
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MANIFEST_MISSING);
            assertThat(p.detail()).contains("incomplete");
        });
        assertThat(BackupCatalog.latestComplete(destination, DB.uid())).isEmpty();
    }

    @Test
    void aWrongChecksumInTheManifestIsReported() throws Exception {
        BackupManifest m = backup();
        Path manifest = folder.resolve(BackupNames.manifestFile(m.backupId()));
        String json = Files.readString(manifest).replace(m.shards().get(0).sha256(), "0".repeat(64));
        Files.writeString(manifest, json);
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CHECKSUM_MISMATCH);
            assertThat(p.file()).isEqualTo(m.shards().get(0).file());
        });
    }

    @Test
    void aRecompressedCorruptRdbWithAMatchingManifestFailsTheTrialRestore() throws Exception {
        // damage the RDB itself and re-hash it, as a buggy writer would: only the trial restore can tell
        BackupManifest m = backup();
        byte[] rdb;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(m, 0)))) {
            rdb = in.readAllBytes();
        }
        rdb[rdb.length / 2] ^= 0x01;
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file(m, 0)))) {
            out.write(rdb);
        }
        byte[] gz = Files.readAllBytes(file(m, 0));
        String sha = java.util.HexFormat.of().formatHex(BackupWriter.sha256().digest(gz));
        Path manifest = folder.resolve(BackupNames.manifestFile(m.backupId()));
        Files.writeString(manifest, Files.readString(manifest).replace(m.shards().get(0).sha256(), sha)
                .replace("\"size\" : " + m.shards().get(0).size() + ",", "\"size\" : " + gz.length + ","));
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isIn(Kind.RDB_CORRUPT, Kind.KEY_COUNT_MISMATCH);
            assertThat(p.file()).isEqualTo(m.shards().get(0).file());
        });
    }

    @Test
    void aSwappedShardFileFailsVerification() throws Exception {
        BackupManifest m = backup();
        Path a = file(m, 0);
        Path b = file(m, 1);
        Path tmp = root.resolve("swap");
        Files.move(a, tmp);
        Files.move(b, a);
        Files.move(tmp, b);
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).extracting(BackupVerification.Problem::file)
                .containsExactlyInAnyOrder(m.shards().get(0).file(), m.shards().get(1).file());
    }

    @Test
    void aMissingShardFileIsNamed() throws Exception {
        BackupManifest m = backup();
        Files.delete(file(m, 2));
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_MISSING);
            assertThat(p.file()).isEqualTo(m.shards().get(2).file());
        });
    }

    @Test
    void aManifestOfAnUnknownFormatVersionIsRefused() throws Exception {
        BackupManifest m = backup();
        Path manifest = folder.resolve(BackupNames.manifestFile(m.backupId()));
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\" : 1", "\"format_version\" : 2"));
        BackupVerification v = new BackupVerifier(16).verify(destination, m.backupId());
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MANIFEST_INVALID);
            assertThat(p.detail()).contains("format_version 2");
        });
    }

    @Test
    void aDestinationThatFailsMidBackupLeavesNothingThatLooksComplete() throws Exception {
        Destination failing = new Destination() {
            private int puts;

            @Override
            public void put(String name, InputStream content, long length) throws IOException {
                if (++puts == 3) {
                    content.readNBytes(1000);
                    throw new DestinationException(FailureReason.NO_SPACE, "test: no space left");
                }
                destination.put(name, content, length);
            }

            @Override
            public InputStream get(String name) throws IOException {
                return destination.get(name);
            }

            @Override
            public List<StoredFile> list() throws IOException {
                return destination.list();
            }

            @Override
            public void delete(String name) throws IOException {
                destination.delete(name);
            }

            @Override
            public String describe() {
                return "failing";
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new BackupWriter(work, clock, "t").write(DB, source, failing, p -> { }))
                .isInstanceOfSatisfying(DestinationException.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.NO_SPACE));
        assertThat(Files.list(folder)).isEmpty();
        assertThat(Files.list(work)).isEmpty();
    }

    @Test
    void retentionKeepsTheNewestCompleteBackupsAndClearsOlderLeftovers() throws Exception {
        BackupManifest first = backup();
        BackupManifest second = backup();
        BackupManifest third = backup();
        // an incomplete leftover between the complete ones (a crash after its shard files)
        Files.delete(folder.resolve(BackupNames.manifestFile(second.backupId())));
        BackupManifest fourth = backup();
        // a newer incomplete one, maybe in progress: kept
        String inProgress = BackupNames.backupId(DB, now.get());
        byte[] partial = {1, 2, 3};
        destination.put(BackupNames.shardFile(inProgress, 0), new ByteArrayInputStream(partial), 3);
        // another database's backup at the same place: not ours to delete
        DatabaseRef other = new DatabaseRef(70, "other");
        new BackupWriter(work, clock, "t").write(other, TestShards.filled(1, 5, 1), destination, p -> { });

        List<String> deleted = BackupRetention.newest(2).apply(destination, DB.uid());
        assertThat(deleted).containsExactlyInAnyOrder(first.backupId(), second.backupId());
        assertThat(BackupCatalog.list(destination, DB.uid())).extracting(BackupCatalog.Entry::backupId)
                .containsExactly(third.backupId(), fourth.backupId(), inProgress);
        assertThat(BackupCatalog.latestComplete(destination, DB.uid())).map(BackupCatalog.Entry::backupId)
                .contains(fourth.backupId());
        assertThat(BackupCatalog.list(destination, other.uid())).hasSize(1);
        assertThat(BackupRetention.newest(0).apply(destination, DB.uid())).isEmpty();
    }

    @Test
    void retentionByDaysKeepsTheNewestCompleteBackupEvenWhenItIsOld() throws Exception {
        BackupManifest first = backup();
        now.set(now.get().plus(Duration.ofDays(3)));
        BackupManifest second = backup();
        BackupManifest third = backup();
        now.set(now.get().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
        // first is 4 days old, second and third one day: with 2 days of history only first goes
        assertThat(BackupRetention.days(2, clock).apply(destination, DB.uid())).containsExactly(first.backupId());
        // much later, nothing newer exists: the newest complete backup stays, however old
        now.set(now.get().plus(Duration.ofDays(30)));
        assertThat(BackupRetention.days(2, clock).apply(destination, DB.uid())).containsExactly(second.backupId());
        assertThat(BackupCatalog.list(destination, DB.uid())).extracting(BackupCatalog.Entry::backupId)
                .containsExactly(third.backupId());
        assertThat(BackupRetention.days(0, clock).apply(destination, DB.uid())).isEmpty();
    }

    @Test
    void aDumpMadeByRedisImportsFromADestination() throws Exception {
        Path dumpDir = Files.createTempDirectory(root, "redis");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process redis = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dumpDir.toString(), "--save", "", "--appendonly", "no", "--enable-debug-command", "yes")
                .redirectErrorStream(true).redirectOutput(dumpDir.resolve("log").toFile()).start();
        try {
            cli(port, "PING");
            cli(port, "DEBUG", "POPULATE", "1000", "key", "20");
            cli(port, "HSET", "h", "f", "v");
            cli(port, "SAVE");
        } finally {
            redis.destroy();
            assertThat(redis.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (InputStream in = Files.newInputStream(dumpDir.resolve("dump.rdb"));
                OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(folder.resolve("dump.rdb.gz")))) {
            in.transferTo(out);
        }
        long rdbSize = Files.size(dumpDir.resolve("dump.rdb"));
        TestShards.Restored restored = new TestShards.Restored();
        try (InputStream in = new BackupReader(destination).openDump("dump.rdb.gz")) {
            restored.load(0, in, rdbSize);
        }
        assertThat(restored.shards.get(0).keyCount()).isEqualTo(1001);
        assertThat(restored.shards.get(0).db(0).peek(TestShards.b("key:999"))).isNotNull();
    }

    /** Runs redis-cli against the test's redis-server, retrying until it answers (it may still be starting). */
    private static void cli(int port, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/redis-cli", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0 && !out.contains("Could not connect") && !out.startsWith("ERR")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("redis-cli " + String.join(" ", args) + ": " + out);
            }
            Thread.sleep(50);
        }
    }
}
