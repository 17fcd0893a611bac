package io.redoubt.it.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.NodeOptions;
import io.redoubt.node.RedoubtNode;
import io.redoubt.testkit.RealRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code redoubt-node --bootstrap auto} end to end, in-process: a fresh node creates its cluster, an
 * admin whose generated password is printed once and kept owner-only, and a first database whose
 * default user is off and which the admin reaches with its own credentials; the REST API (HTTPS, the
 * node's CA) creates and deletes databases that the node then runs and stops; a restarted node serves
 * the same state with the same certificate.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeBootstrapTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static HttpClient client(Path authority) throws Exception {
        return ClusterAuthority.httpClient(authority);
    }

    private static HttpResponse<String> call(HttpClient http, RedoubtNode node, String method, String path,
                                             String password, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + node.apiPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFreshNodeBootstrapsItselfAndServesDatabasesThroughTheApi(@TempDir Path dir) throws Exception {
        int firstPort = RealRedis.freePort();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String password;
        byte[] authorityBefore;
        long created;
        int secondPort = RealRedis.freePort();
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.AUTO, firstPort),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            password = Files.readString(node.adminPasswordFile()).strip();
            assertThat(Files.getPosixFilePermissions(node.adminPasswordFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains(password); // shown once, to its operator
            authorityBefore = Files.readAllBytes(node.authorityFile());

            await().atMost(WAIT).until(() -> node.database(1).isPresent());
            try (Jedis anonymous = new Jedis("127.0.0.1", firstPort, 10_000);
                 Jedis admin = new Jedis("127.0.0.1", firstPort, 10_000)) {
                assertThatThrownBy(() -> anonymous.set("k", "v")).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("NOAUTH");
                assertThatThrownBy(() -> anonymous.auth("default", "")).hasMessageStartingWith("WRONGPASS");
                assertThat(admin.auth("admin", password)).isEqualTo("OK");
                assertThat(admin.set("k", "v")).isEqualTo("OK");
            }

            HttpClient http = client(node.authorityFile());
            HttpResponse<String> list = call(http, node, "GET", "/v1/bdbs", password, null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"name\":\"db1\"").contains("\"port\":" + firstPort);
            assertThat(call(http, node, "GET", "/v1/bdbs", "wrong-password", null).statusCode()).isEqualTo(401);

            HttpResponse<String> create = call(http, node, "POST", "/v1/bdbs", password,
                    "{\"name\":\"cache\",\"port\":" + secondPort + ",\"memory_size\":67108864,\"shards_count\":2,"
                            + "\"eviction_policy\":\"allkeys-lru\"}");
            assertThat(create.statusCode()).as(create.body()).isEqualTo(200);
            created = node.store().current().databaseNamed("cache").orElseThrow().uid();
            await().atMost(WAIT).until(() -> node.database(created).isPresent());
            try (Jedis cache = new Jedis("127.0.0.1", secondPort, 10_000)) {
                // RE's default: a new database's default user is on, without a password (loopback only here)
                assertThat(cache.set("c", "1")).isEqualTo("OK");
                assertThat(cache.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            }
        }
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.AUTO, firstPort),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(Files.readAllBytes(node.authorityFile())).isEqualTo(authorityBefore);
            await().atMost(WAIT).until(() -> node.database(1).isPresent() && node.database(created).isPresent());
            try (Jedis admin = new Jedis("127.0.0.1", firstPort, 10_000)) {
                assertThat(admin.auth("admin", password)).isEqualTo("OK");
                assertThat(admin.get("k")).isEqualTo("v"); // db1 keeps an AOF
            }
            HttpClient http = client(node.authorityFile());
            assertThat(call(http, node, "DELETE", "/v1/bdbs/" + created, password, null).statusCode())
                    .isBetween(200, 204);
            await().atMost(WAIT).until(() -> node.database(created).isEmpty());
            assertThatThrownBy(() -> {
                try (Jedis gone = new Jedis("127.0.0.1", secondPort, 5_000)) {
                    gone.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);
        }
    }

    /**
     * {@code --bootstrap manual}: a fresh node answers only its bootstrap routes until
     * {@code POST /v1/bootstrap/create_cluster} names the cluster and its admin; then the admin signs in,
     * and the node's certificates are in the store (the API keeps the same certificate).
     */
    @Test
    void aManualNodeWaitsForCreateCluster(@TempDir Path dir) throws Exception {
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL,
                RealRedis.freePort()), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            HttpClient http = client(node.authorityFile());
            assertThat(Files.exists(node.adminPasswordFile())).isFalse();
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + node.apiPort() + "/v1/bootstrap")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(call(http, node, "GET", "/v1/bdbs", "Chosen-p4ss!", null).statusCode()).isEqualTo(401);

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + node.apiPort() + "/v1/bootstrap/create_cluster"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"create_cluster\",\"cluster\":{\"name\":"
                            + "\"manual\"},\"credentials\":{\"username\":\"admin\",\"password\":\"Chosen-p4ss!\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isBetween(200, 204);
            HttpResponse<String> list = call(http, node, "GET", "/v1/bdbs", "Chosen-p4ss!", null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).isEqualTo("[]"); // a manual bootstrap creates no database
            await().atMost(WAIT).until(() -> node.store().current()
                    .certificate(io.redoubt.cluster.api.CertificateName.API).isPresent());
            // a second create_cluster is refused
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + node.apiPort() + "/v1/bootstrap/create_cluster"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"create_cluster\",\"cluster\":{\"name\":"
                            + "\"other\"},\"credentials\":{\"username\":\"intruder\",\"password\":\"Intrud3r-pass!\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(node.store().current().userNamed("intruder")).isEmpty();
        }
    }
}
