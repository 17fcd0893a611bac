package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Data files hold every key and password hash of a database, so Redoubt creates them readable by
 * the owner only (0600) in folders only the owner may enter (0700), whatever the umask (the JVM here
 * runs with the usual 022, which would give 0644 and 0755); CONFIG REWRITE keeps the mode the
 * operator gave the config file. Redis 7.0 creates its files with the umask's mode (0644 here).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataFileModesTest {
    @TempDir
    Path tmp;

    @Test
    void rdbAofManifestIncrementsAndTheirFoldersAreOwnerOnly() throws Exception {
        Path dir = tmp.resolve("new/data");
        try (RedoubtServer s = TestDatabases.start("dir", dir.toString(), "appendonly", "yes",
                "appendfsync", "always", "save", "");
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.callText("SAVE")).isEqualTo("+OK\r\n");
            // switching the AOF on writes its base in the background; wait until that is done
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    c.callText("INFO", "persistence").contains("aof_rewrite_in_progress:0\r\n"));
            assertThat(c.callText("SET", "k2", "v")).isEqualTo("+OK\r\n");
        }
        assertThat(mode(tmp.resolve("new"))).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("dump.rdb"))).isEqualTo("rw-------");
        Path aofDir = dir.resolve("appendonlydir");
        assertThat(mode(aofDir)).isEqualTo("rwx------");
        List<Path> aofFiles;
        try (Stream<Path> files = Files.list(aofDir)) {
            aofFiles = files.toList();
        }
        assertThat(aofFiles).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.endsWith(".manifest")).anyMatch(n -> n.endsWith(".incr.aof"))
                .anyMatch(n -> n.contains(".base."));
        for (Path f : aofFiles) {
            assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void aTempFileLeftByACrashDoesNotLendItsModeToTheFileWrittenThrough() throws Exception {
        Path aofDir = tmp.resolve("data/appendonlydir");
        Files.createDirectories(aofDir);
        Path leftover = aofDir.resolve("temp-appendonly.aof.manifest"); // the manifest's temporary name
        Files.writeString(leftover, "half a manifest");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-rw-rw-"));
        try (RedoubtServer s = TestDatabases.start("dir", tmp.resolve("data").toString(), "appendonly", "yes");
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("SET", "k", "v")).isEqualTo("+OK\r\n");
        }
        assertThat(mode(aofDir.resolve("appendonly.aof.manifest"))).isEqualTo("rw-------");
    }

    @Test
    void configRewriteKeepsTheFilesMode() throws Exception {
        Path conf = tmp.resolve("redoubt.conf");
        Files.writeString(conf, "dir " + tmp.resolve("data") + "\nevent-log-file \"\"\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        try (RedoubtServer s = RedoubtServer.start(ServerConfig.fromArgs(tmp, List.of(conf.toString())), 0);
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("CONFIG", "SET", "maxmemory", "10mb")).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
        }
        assertThat(Files.readString(conf)).contains("maxmemory 10mb");
        assertThat(mode(conf)).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void anExistingDataFolderOpenToOthersBecomesTheOwnersOnly() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("made-by-hand"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (RedoubtServer s = TestDatabases.start("dir", dir.toString())) {
            assertThat(mode(dir)).isEqualTo("rwx------");
        }
    }
}
