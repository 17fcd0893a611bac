package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * A real full disk: the data folder is a 2 MB tmpfs (mounting needs root, as CI runs; elsewhere the
 * test is skipped, saying why). The AOF write that does not fit makes writes fail with MISCONF while
 * reads go on; once space is freed the buffered writes reach the file and writes resume; a restart
 * then finds every acknowledged write and no half command in the file.
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    private SmallDisk disk;
    private Path mount;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = SmallDisk.mount(tmp.resolve("disk"));
        mount = disk.path();
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    private RedoubtServer start() throws Exception {
        return TestDatabases.start("dir", mount.resolve("data").toString(), "appendonly", "yes",
                "appendfsync", "everysec", "save", "");
    }

    @Test
    void aFullDiskRefusesWritesWithMisconfAndWritesResumeWhenSpaceReturns() throws Exception {
        Path filler = mount.resolve("filler");
        List<String> acknowledged = new ArrayList<>();
        String value = "v".repeat(8 * 1024);
        try (RedoubtServer server = start(); RespClient c = RespClient.connect(server.port())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> c.callText("INFO", "persistence")
                    .contains("aof_rewrite_in_progress:0"));
            Files.write(filler, new byte[(int) (Files.getFileStore(mount).getUsableSpace() - 300 * 1024)]);
            String refusal = null;
            for (int i = 0; i < 200 && refusal == null; i++) {
                String reply = c.callText("SET", "k" + i, value);
                if (reply.equals("+OK\r\n")) {
                    acknowledged.add("k" + i);
                } else {
                    refusal = reply;
                }
            }
            assertThat(refusal).as("a write was refused once the disk filled up")
                    .startsWith("-MISCONF Errors writing to the AOF file");
            assertThat(c.callText("GET", acknowledged.get(0))).as("reads go on").startsWith("$8192");
            assertThat(c.callText("INFO", "persistence")).contains("aof_last_write_status:err");

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.callText("SET", "after", "1").equals("+OK\r\n"));
            acknowledged.add("after");
            assertThat(c.callText("INFO", "persistence")).contains("aof_last_write_status:ok");
        }
        try (RedoubtServer server = start(); RespClient c = RespClient.connect(server.port())) {
            for (String key : acknowledged) {
                assertThat(c.callText("EXISTS", key)).as("%s after the restart", key).isEqualTo(":1\r\n");
            }
        }
        assertThat(new ProcessBuilder("redis-check-aof", mount.resolve("data/appendonlydir/appendonly.aof.manifest")
                .toString()).redirectErrorStream(true).start().waitFor()).as("redis-check-aof: no half command")
                .isZero();
    }
}
