package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * RDB files travel both ways between Redoubt and Debian's redis-server 7.0.15: written by one,
 * checked by redis-check-rdb, loaded by the other with the same keys, values, encodings and expiries.
 */
class RdbInterchangeTest {
    @TempDir
    Path tmp;

    @Test
    void redisLoadsARedoubtRdbWithTheSameData() throws Exception {
        String expected;
        Path ours = tmp.resolve("ours");
        try (RedoubtServer server = TestDatabases.start("dir", ours.toString());
             RespClient c = RespClient.connect(server.port())) {
            DataSet.write(c);
            expected = DataSet.render(c);
            assertThat(c.callText("SAVE")).isEqualTo("+OK\r\n");
        }
        Path file = ours.resolve("dump.rdb");
        Process check = new ProcessBuilder("/usr/bin/redis-check-rdb", file.toString()).redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).contains("RDB looks OK!");
        assertThat(check.exitValue()).isZero();

        Path theirs = tmp.resolve("theirs");
        Files.createDirectories(theirs);
        Files.copy(file, theirs.resolve("dump.rdb"));
        try (RealRedis redis = RealRedis.start("--dir", theirs.toString());
             RespClient c = RespClient.connect(redis.port())) {
            assertThat(DataSet.render(c)).isEqualTo(expected);
        }
    }

    @Test
    void redoubtLoadsARedisRdbWithTheSameData() throws Exception {
        String expected;
        Path file;
        try (RealRedis redis = RealRedis.start();
             RespClient c = RespClient.connect(redis.port())) {
            DataSet.write(c);
            expected = DataSet.render(c);
            assertThat(c.callText("SAVE")).isEqualTo("+OK\r\n");
            file = redis.dir().resolve("dump.rdb");
            Path ours = tmp.resolve("ours");
            Files.createDirectories(ours);
            Files.copy(file, ours.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (RedoubtServer server = TestDatabases.start("dir", tmp.resolve("ours").toString());
             RespClient c = RespClient.connect(server.port())) {
            assertThat(DataSet.render(c)).isEqualTo(expected);
            String info = c.callText("INFO", "persistence");
            long keys = expected.lines().filter(l -> l.matches("^\\d+ .* \\+[a-z]+ enc=.*")).count();
            assertThat(keys).isGreaterThan(20);
            assertThat(info).contains("rdb_last_load_keys_loaded:" + keys + "\r\n");
        }
    }

    @Test
    void aCorruptRdbStopsTheStartNamingFileAndOffset() throws Exception {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString());
             RespClient c = RespClient.connect(server.port())) {
            DataSet.write(c);
            c.call("SAVE");
        }
        Path file = dir.resolve("dump.rdb");
        byte[] rdb = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(rdb, rdb.length - 100));
        assertThatThrownBy(() -> TestDatabases.start("dir", dir.toString()))
                .hasMessageContaining(file.toString()).hasMessageContaining("at offset ");
    }
}
