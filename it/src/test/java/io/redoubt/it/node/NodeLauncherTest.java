package io.redoubt.it.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.redoubt.testkit.RealRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * {@code bin/redoubt-node} of the install folder as a real process: it bootstraps, serves its API and
 * its first database; a database created through the API with {@code appendfsync-always} keeps every
 * acknowledged write through a {@code kill -9} of the node, and the restarted node recovers its
 * configuration (no second bootstrap) and serves both databases again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeLauncherTest {
    private static final Path DIST = Path.of("..", "node", "target", "redoubt").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @BeforeAll
    static void distributionIsBuilt() {
        assumeThat(DIST.resolve("bin/redoubt-node")).as("run mvn package first").exists();
    }

    private Process launch(Path dir, int api, int database, Path log) throws Exception {
        return new ProcessBuilder(DIST.resolve("bin/redoubt-node").toString(), "--dir", dir.toString(),
                "--api-port", Integer.toString(api), "--database-port", Integer.toString(database))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static HttpClient client(Path authority) throws Exception {
        return ClusterAuthority.httpClient(authority);
    }

    private static boolean answers(int port, String password) {
        try (Jedis j = new Jedis("127.0.0.1", port, 2_000)) {
            j.auth("admin", password);
            return "PONG".equals(j.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheNode() throws Exception {
        Path dir = tmp.resolve("node");
        Path log = tmp.resolve("node.log");
        int api = RealRedis.freePort();
        int first = RealRedis.freePort();
        int durable = RealRedis.freePort();
        Process node = launch(dir, api, first, log);
        try {
            Path passwordFile = dir.resolve("data/admin.password");
            Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(200))
                    .until(() -> (Files.exists(passwordFile) && Files.size(passwordFile) > 0) || !node.isAlive());
            assertThat(node.isAlive()).as(Files.readString(log)).isTrue();
            String password = Files.readString(passwordFile).strip();
            assertThat(Files.readString(log)).contains("Admin user: admin");
            Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> answers(first, password));

            HttpClient http = client(dir.resolve("data/cluster-ca.pem"));
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> created = Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + api + "/v1/bdbs"))
                                    .header("Authorization", basic).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"durable\",\"port\":" + durable
                                            + ",\"memory_size\":67108864,\"data_persistence\":\"aof\","
                                            + "\"aof_policy\":\"appendfsync-always\"}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                        } catch (java.io.IOException e) {
                            return null; // the API is not up yet
                        }
                    }, r -> r != null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (Jedis j = new Jedis("127.0.0.1", durable, 2_000)) {
                    return "PONG".equals(j.ping());
                } catch (RuntimeException e) {
                    return false;
                }
            });
            int acknowledged = 0;
            try (Jedis j = new Jedis("127.0.0.1", durable, 10_000)) {
                for (int batch = 0; batch < 20; batch++) {
                    Pipeline p = j.pipelined();
                    for (int i = 0; i < 100; i++) {
                        p.set("k" + (batch * 100 + i), "v" + (batch * 100 + i));
                    }
                    p.sync();
                    acknowledged += 100;
                }
            }
            node.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Process again = launch(dir, api, first, log);
            try {
                Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
                    try (Jedis j = new Jedis("127.0.0.1", durable, 2_000)) {
                        return j.dbSize() == 2000L;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
                try (Jedis j = new Jedis("127.0.0.1", durable, 10_000)) {
                    for (int i = 0; i < acknowledged; i++) {
                        assertThat(j.get("k" + i)).isEqualTo("v" + i);
                    }
                }
                assertThat(answers(first, password)).isTrue(); // the bootstrap's database, same admin
                assertThat(Files.readString(log).split("Admin user: admin", -1)).hasSize(2); // one bootstrap only
            } finally {
                again.destroy();
                again.waitFor(30, TimeUnit.SECONDS);
                again.destroyForcibly();
            }
        } finally {
            node.destroyForcibly();
        }
    }
}
