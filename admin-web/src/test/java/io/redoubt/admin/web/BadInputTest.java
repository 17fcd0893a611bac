package io.redoubt.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.admin.api.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on every route that takes a body, sent by an admin (so nothing stops it before the body is
 * read): wrong types, unknown fields, a 2 MiB body, bad JSON, nested garbage; and path traversal in ids.
 * Each gets a 4xx with an {@code error_code}, never a 500 or a stack trace, and the store is unchanged.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static ApiNode node;
    static long databaseUid;

    @BeforeAll
    static void start() throws Exception {
        node = ApiNode.bootstrapped(dir);
        ApiNode.Reply db = node.call("POST", "/v1/bdbs", node.adminAuth(), "{\"name\":\"db1\",\"memory_size\":1048576}");
        databaseUid = db.json().get("uid").asLong();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyBodyRouteRefusesBadBodiesWithAnErrorCodeAndChangesNothing() throws Exception {
        long revision = node.plane.state().revision();
        byte[] huge = new byte[2 << 20];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        List<String> failures = new ArrayList<>();
        for (Route route : Route.values()) {
            if (route.requestBody().isEmpty() || route == Route.BOOTSTRAP_CREATE_CLUSTER) {
                continue;
            }
            String path = route.path().replace("{uid}", route.path().startsWith("/v1/bdbs") ? Long.toString(databaseUid)
                    : "1");
            String auth = node.adminAuth();
            List<byte[]> bodies = List.of(
                    bytes("{\"no_such_field\":1}"),
                    bytes("{\"name\":{\"a\":1},\"password\":[],\"ttl\":\"x\",\"memory_size\":true}"),
                    bytes("{\"name\": "),
                    bytes("[1,2,3]"),
                    bytes("\"just a string\""),
                    bytes("{\"a\":1} trailing"),
                    bytes("{\"name\":\"x\",\"name\":\"y\"}"),
                    bytes("{\"ttl\":1e400,\"port\":99999999999999999999}"),
                    huge);
            for (byte[] body : bodies) {
                ApiNode.Reply r;
                try {
                    // a refused huge body ends its connection: a client of its own keeps the pool clean
                    r = body == huge ? hugeCall(route.method().name(), path, auth, body)
                            : node.call(node.http, route.method().name(), path, auth, body);
                } catch (java.io.IOException e) {
                    failures.add(route + " " + new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8)
                            + " -> " + e);
                    continue;
                }
                if (r.status() < 400 || r.status() >= 500 || r.errorCode() == null || r.body().contains("Exception")
                        || r.body().contains("\tat ")) {
                    failures.add(route + " " + new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8)
                            + " -> " + r.status() + " " + r.body());
                }
                if (body == huge && r.status() != 413) {
                    failures.add(route + " huge body -> " + r.status());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(node.plane.state().revision()).isEqualTo(revision);
    }

    @Test
    void pathTraversalAndNonNumericIdsAreRefusedWithAnErrorCode() throws Exception {
        long revision = node.plane.state().revision();
        for (String path : List.of("/v1/users/..%2f1", "/v1/users/%2e%2e%2f1", "/v1/bdbs/1%2f..%2f..%2fusers",
                "/v1/users/1%00", "/v1/roles/-1", "/v1/redis_acls/99999999999", "/v1/bdbs/abc", "/v1/nosuch",
                "/v1/users/1/../../cluster")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                ApiNode.Reply r;
                try {
                    r = node.call(method, path, node.adminAuth(), method.equals("PUT") ? "{}" : null);
                } catch (java.io.IOException e) {
                    throw new AssertionError(method + " " + path, e);
                }
                assertThat(r.status()).as(method + " " + path + " " + r.body()).isBetween(400, 499);
                assertThat(r.errorCode()).as(method + " " + path + " " + r.body()).isNotNull();
            }
        }
        assertThat(node.plane.state().revision()).isEqualTo(revision);
    }

    @Test
    void serviceRulesAnswerReCodes() throws Exception {
        long revision = node.plane.state().revision();
        String auth = node.adminAuth();
        ApiNode.Reply port = node.call("POST", "/v1/bdbs", auth, "{\"name\":\"db2\",\"memory_size\":1048576,\"port\":"
                + node.plane.state().database(databaseUid).orElseThrow().port() + "}");
        assertThat(port.status()).isEqualTo(400);
        assertThat(port.errorCode()).isEqualTo("port_unavailable");
        ApiNode.Reply memory = node.call("POST", "/v1/bdbs", auth, "{\"name\":\"db3\",\"memory_size\":" + (1L << 50) + "}");
        assertThat(memory.errorCode()).isEqualTo("insufficient_resources");
        ApiNode.Reply noName = node.call("POST", "/v1/bdbs", auth, "{\"memory_size\":1}");
        assertThat(noName.errorCode()).isEqualTo("missing_db_name");
        ApiNode.Reply weak = node.call("POST", "/v1/users", auth, "{\"name\":\"weak\",\"password\":\"password\"}");
        assertThat(weak.errorCode()).isEqualTo("password_not_complex");
        ApiNode.Reply badAcl = node.call("POST", "/v1/redis_acls", auth, "{\"name\":\"bad\",\"acl\":\"+@nosuchcategory\"}");
        assertThat(badAcl.status()).isEqualTo(400);
        assertThat(badAcl.json().get("description").asText()).contains("+@nosuchcategory");
        ApiNode.Reply pwAcl = node.call("POST", "/v1/redis_acls", auth, "{\"name\":\"pw\",\"acl\":\"+@all >secret\"}");
        assertThat(pwAcl.errorCode()).isEqualTo("invalid_param");
        assertThat(pwAcl.body()).doesNotContain("secret");
        long fullAccess = node.plane.state().redisAclNamed("Full Access").orElseThrow().uid();
        ApiNode.Reply editFull = node.call("PUT", "/v1/redis_acls/" + fullAccess, auth, "{\"acl\":\"+@read\"}");
        assertThat(editFull.status()).isEqualTo(400);
        assertThat(node.call("DELETE", "/v1/redis_acls/" + fullAccess, auth, null).status()).isEqualTo(400);
        assertThat(node.plane.state().revision()).isEqualTo(revision);
        ApiNode.Reply goodAcl = node.call("POST", "/v1/redis_acls", auth, "{\"name\":\"readers\",\"acl\":\"+@read ~cache:*\"}");
        assertThat(goodAcl.status()).as(goodAcl.body()).isEqualTo(200);
    }

    @Test
    void answersCarrySecurityHeadersAndNeverCache() throws Exception {
        ApiNode.Reply r = node.call("GET", "/v1/cluster", node.adminAuth(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("cache-control")).contains("no-store");
        assertThat(r.headers().get("x-content-type-options")).contains("nosniff");
        ApiNode.Reply doc = node.call("GET", "/v1/openapi.yaml", node.adminAuth(), null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("openapi:").contains("/v1/bdbs");
    }

    private static ApiNode.Reply hugeCall(String method, String path, String auth, byte[] body) throws Exception {
        try (var client = ApiNode.client(node.certificates, "TLSv1.3", "TLSv1.2")) {
            return node.call(client, method, path, auth, body);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
