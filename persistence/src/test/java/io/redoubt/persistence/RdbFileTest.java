package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdbFileTest {
    private static final String CHECK_RDB = "/usr/bin/redis-check-rdb";

    @TempDir
    Path dir;

    private static Shard newShard() {
        return new Shard(0, 16, InstantSource.system(), ShardSettings.DEFAULT);
    }

    private static byte[] save(Shard shard, boolean compress, boolean checksum) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new RdbWriter(compress, checksum).write(ShardSnapshot.take(shard), bytes, shard.usedMemory(), false);
        return bytes.toByteArray();
    }

    private static Shard load(byte[] rdb) throws RdbLoadException {
        Shard back = newShard();
        new RdbLoader(back).load(new ByteArrayInputStream(rdb), "dump.rdb", rdb.length);
        return back;
    }

    @Test
    void everyTypeRoundTripsWithAndWithoutCompressionAndChecksum() throws Exception {
        Shard shard = newShard();
        ShardContents.fill(shard, System.currentTimeMillis());
        String expected = ShardContents.render(shard);
        for (boolean compress : new boolean[] {true, false}) {
            for (boolean checksum : new boolean[] {true, false}) {
                Shard back = load(save(shard, compress, checksum));
                assertThat(ShardContents.render(back)).isEqualTo(expected);
                assertThat(back.db(0).peek(ShardContents.b("set5000")).value().getClass())
                        .isEqualTo(shard.db(0).peek(ShardContents.b("set5000")).value().getClass());
            }
        }
    }

    @Test
    void loadedValuesKeepTheirEncodings() throws Exception {
        Shard shard = newShard();
        ShardContents.fill(shard, System.currentTimeMillis());
        Shard back = load(save(shard, true, true));
        for (String key : new String[] {"intset5", "intset5000", "set5", "hash5", "hash5000", "zset5", "zset5000"}) {
            var a = (io.redoubt.engine.keyspace.RedisValue) shard.db(0).peek(ShardContents.b(key)).value();
            var b = (io.redoubt.engine.keyspace.RedisValue) back.db(0).peek(ShardContents.b(key)).value();
            assertThat(b.encoding()).as(key).isEqualTo(a.encoding());
        }
    }

    @Test
    void redisCheckRdbAcceptsTheFile() throws Exception {
        Shard shard = newShard();
        ShardContents.fill(shard, System.currentTimeMillis());
        Path file = dir.resolve("dump.rdb");
        Files.write(file, save(shard, true, true));
        Process p = new ProcessBuilder(CHECK_RDB, file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("RDB looks OK!").contains("[info] " + shard.keyCount() + " keys read");
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void aCorruptChecksumIsRefusedNamingFileAndOffset() throws Exception {
        Shard shard = newShard();
        ShardContents.fill(shard, System.currentTimeMillis());
        byte[] rdb = save(shard, true, true);
        rdb[rdb.length - 3] ^= 1;
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbLoadException.class)
                .hasMessageStartingWith("dump.rdb: wrong RDB checksum").hasMessageContaining("at offset " + rdb.length);
    }

    @Test
    void aTruncatedFileIsRefusedNamingFileAndOffset() throws Exception {
        Shard shard = newShard();
        ShardContents.fill(shard, System.currentTimeMillis());
        byte[] rdb = save(shard, true, true);
        byte[] cut = java.util.Arrays.copyOf(rdb, rdb.length / 2);
        assertThatThrownBy(() -> load(cut)).isInstanceOf(RdbLoadException.class)
                .hasMessageContaining("dump.rdb: ").hasMessageContaining("at offset ");
    }

    @Test
    void aFlippedByteInTheBodyIsNeverLoadedSilently() throws Exception {
        Shard shard = newShard();
        ShardContents.fill(shard, System.currentTimeMillis());
        byte[] rdb = save(shard, true, true);
        for (int at = 9; at < rdb.length; at += Math.max(1, rdb.length / 200)) {
            byte[] bad = rdb.clone();
            bad[at] ^= 0x5a;
            assertThatThrownBy(() -> load(bad)).as("flip at %d", at).isInstanceOf(RdbLoadException.class);
        }
    }

    @Test
    void redisCheckRdbRejectsWhatTheLoaderRejects() throws Exception {
        byte[] notRdb = "REDIX0010garbage".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> load(notRdb)).hasMessageContaining("wrong signature");
        try (InputStream ignored = new ByteArrayInputStream(notRdb)) {
            Path file = dir.resolve("bad.rdb");
            Files.write(file, notRdb);
            Process p = new ProcessBuilder(CHECK_RDB, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isNotZero();
        }
    }
}
