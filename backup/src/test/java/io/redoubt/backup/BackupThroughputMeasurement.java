package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.security.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup, verification and import throughput for a data set of {@code -Dbackup.measure.mb} megabytes of
 * string values (incompressible, the worst case for gzip) in 4 shards, to a local folder and to s3proxy
 * (file-backed). Run on demand only: {@code -Dbackup.measure=true}; prints MB/s of RDB data.
 */
@EnabledIfSystemProperty(named = "backup.measure", matches = "true")
@Timeout(1800)
class BackupThroughputMeasurement {
    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        int mb = Integer.getInteger("backup.measure.mb", 256);
        int shards = 4;
        List<Shard> data = new ArrayList<>();
        Random r = new Random(1);
        int valueSize = 1000;
        long perShard = (long) mb * 1024 * 1024 / shards / valueSize;
        for (int s = 0; s < shards; s++) {
            Shard shard = TestShards.emptyShard();
            Keyspace db = shard.db(0);
            for (long k = 0; k < perShard; k++) {
                byte[] v = new byte[valueSize];
                r.nextBytes(v);
                db.put(TestShards.b("s" + s + ":" + k), v);
            }
            data.add(shard);
        }
        ShardSnapshots snapshots = new ShardSnapshots() {
            @Override
            public int shardCount() {
                return shards;
            }

            @Override
            public long writeRdb(int shard, OutputStream out) throws IOException {
                var snapshot = io.redoubt.persistence.ShardSnapshot.take(data.get(shard));
                new io.redoubt.persistence.RdbWriter(true, true).write(snapshot, out, 0, false);
                return snapshot.keyCount();
            }
        };
        long s0 = System.nanoTime();
        long rdbBytes = 0;
        for (int i = 0; i < shards; i++) {
            CountingOutputStream out = new CountingOutputStream(OutputStream.nullOutputStream());
            snapshots.writeRdb(i, out);
            rdbBytes += out.count();
        }
        System.out.printf("snapshot + RDB writing alone (the node's part): %.1f MB/s%n",
                rdbBytes / 1048576.0 / ((System.nanoTime() - s0) / 1e9));
        Path local = Files.createDirectories(dir.resolve("local"));
        run("local folder", Destinations.open(new BackupLocation.MountPoint(local), DestinationTimeouts.DEFAULT), snapshots);

        FilesystemNio2BlobStore store = new FilesystemNio2BlobStore(Files.createDirectories(dir.resolve("s3")).toString());
        store.createContainer("backups");
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "AK", "SECRETKEY").build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        try {
            run("s3proxy", Destinations.open(new BackupLocation.S3("backups", "", null,
                    URI.create("http://127.0.0.1:" + proxy.getPort()), null, "AK", Secret.of("SECRETKEY")),
                    DestinationTimeouts.DEFAULT), snapshots);
        } finally {
            proxy.stop();
        }
    }

    private void run(String name, Destination d, ShardSnapshots snapshots) throws Exception {
        Path work = Files.createTempDirectory(dir, "work");
        long t0 = System.nanoTime();
        BackupManifest m = new BackupWriter(work, InstantSource.system(), "measure").write(new DatabaseRef(1, "m"), snapshots, d, p -> { });
        long t1 = System.nanoTime();
        BackupVerification v = new BackupVerifier(16).verify(d, m.backupId());
        long t2 = System.nanoTime();
        TestShards.Restored restored = new TestShards.Restored();
        new BackupReader(d).restore(m.backupId(), restored);
        long t3 = System.nanoTime();
        assertThat(v.passed()).as(v.problems().toString()).isTrue();
        assertThat(restored.shards.values().stream().mapToLong(Shard::keyCount).sum()).isEqualTo(m.keyCount());
        double rdbMb = m.shards().stream().mapToLong(BackupManifest.ShardFile::rdbSize).sum() / 1048576.0;
        System.out.printf("%s: %.0f MB of RDB (%.0f MB gzipped): backup %.1f MB/s, verify %.1f MB/s, import %.1f MB/s%n", name,
                rdbMb, m.shards().stream().mapToLong(BackupManifest.ShardFile::size).sum() / 1048576.0,
                rdbMb / ((t1 - t0) / 1e9), rdbMb / ((t2 - t1) / 1e9), rdbMb / ((t3 - t2) / 1e9));
        d.close();
    }
}
