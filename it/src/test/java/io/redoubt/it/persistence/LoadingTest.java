package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** While the RDB loads at start, clients are answered with Redis's -LOADING error, then served. */
class LoadingTest {
    private static final int KEYS = 400_000;

    @TempDir
    Path tmp;

    @Test
    void clientsGetLoadingWhileTheDumpLoads() throws Exception {
        Path dir = tmp.resolve("big");
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString());
             RespClient c = RespClient.connect(server.port())) {
            for (int i = 0; i < KEYS; i += 2000) {
                List<String> mset = new ArrayList<>(List.of("MSET"));
                for (int j = i; j < i + 2000; j++) {
                    mset.add("key:" + j);
                    mset.add("value-" + j);
                }
                c.call(mset.toArray(new String[0]));
            }
            assertThat(c.callText("SAVE")).isEqualTo("+OK\r\n");
        }
        int port = RealRedis.freePort();
        CompletableFuture<RedoubtServer> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return RedoubtServer.start(ServerConfig.fromPairs("dir", dir.toString(), "port", Integer.toString(port)),
                        null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        boolean sawLoading = false;
        String info = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (RespClient probe = new RespClient("127.0.0.1", port, 5000)) {
                String before = probe.callText("INFO", "persistence");
                String reply = probe.callText("GET", "key:7");
                if (reply.startsWith("-LOADING")) {
                    assertThat(reply).isEqualTo("-LOADING Redis is loading the dataset in memory\r\n");
                    sawLoading = true;
                    info = before; // loading was on from before the port opened until after this GET
                    continue;
                }
                assertThat(reply).isEqualTo("$7\r\nvalue-7\r\n");
                break;
            } catch (RuntimeException notYetListening) {
                Thread.onSpinWait();
            }
        }
        try (RedoubtServer server = starting.get(60, TimeUnit.SECONDS)) {
            assertThat(sawLoading).as("a client connected during the load got -LOADING").isTrue();
            assertThat(info).contains("loading:1");
            try (RespClient c = RespClient.connect(server.port())) {
                assertThat(c.callText("DBSIZE")).isEqualTo(":" + KEYS + "\r\n");
            }
        }
    }
}
