package io.redoubt.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redoubt.security.certificate.PlaneCertificates;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's TLS: HTTPS only, TLS 1.2 at least and 1.3 only once {@code min_control_TLS_version} says so
 * (applied to new connections without a restart); a replaced certificate is what new connections see;
 * {@code PUT /v1/cluster/certificates} checks a certificate before storing it, and no key ever comes back.
 */
class ApiTlsTest {
    @TempDir
    static Path dir;
    static ApiNode node;

    @BeforeAll
    static void start() throws Exception {
        node = ApiNode.bootstrapped(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void minimumTlsVersionFollowsTheClusterSettingForNewConnections() throws Exception {
        try (HttpClient tls12 = ApiNode.client(node.certificates, "TLSv1.2")) {
            assertThat(node.call(tls12, "GET", "/v1/bootstrap", null, null).status()).isEqualTo(200);
            assertThat(node.call("PUT", "/v1/cluster", node.adminAuth(), "{\"min_control_TLS_version\":\"1.3\"}").status())
                    .isEqualTo(200);
            try {
                awaitTrue(() -> {
                    try (HttpClient fresh = ApiNode.client(node.certificates, "TLSv1.2")) {
                        node.call(fresh, "GET", "/v1/bootstrap", null, null);
                        return false;
                    } catch (SSLException e) {
                        return true;
                    }
                });
                try (HttpClient tls13 = ApiNode.client(node.certificates, "TLSv1.3")) {
                    assertThat(node.call(tls13, "GET", "/v1/bootstrap", null, null).status()).isEqualTo(200);
                }
            } finally {
                assertThat(node.call("PUT", "/v1/cluster", node.adminAuth(), "{\"min_control_TLS_version\":\"1.2\"}")
                        .status()).isEqualTo(200);
            }
            awaitTrue(() -> {
                try (HttpClient fresh = ApiNode.client(node.certificates, "TLSv1.2")) {
                    return node.call(fresh, "GET", "/v1/bootstrap", null, null).status() == 200;
                } catch (SSLException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aReplacedCertificateIsWhatNewConnectionsSee() throws Exception {
        PlaneCertificates other = PlaneCertificates.generate("other", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now());
        node.server.replaceTls(ApiNode.tls(other));
        // (this test and the next both end by putting the node's own certificate back)
        try {
            try (HttpClient trustsOther = ApiNode.client(other, "TLSv1.3")) {
                assertThat(node.call(trustsOther, "GET", "/v1/bootstrap", null, null).status()).isEqualTo(200);
            }
            try (HttpClient trustsOld = ApiNode.client(node.certificates, "TLSv1.3")) {
                assertThatThrownBy(() -> node.call(trustsOld, "GET", "/v1/bootstrap", null, null))
                        .isInstanceOf(SSLException.class);
            }
        } finally {
            node.server.replaceTls(ApiNode.tls(node.certificates));
        }
        try (HttpClient trustsOld = ApiNode.client(node.certificates, "TLSv1.3")) {
            assertThat(node.call(trustsOld, "GET", "/v1/bootstrap", null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void certificatesAreCheckedBeforeTheyAreStoredAndKeysNeverComeBack() throws Exception {
        PlaneCertificates good = PlaneCertificates.generate("good", List.of("localhost"), List.of(), Instant.now());
        ApiTls goodTls = ApiNode.tls(good);
        ApiNode.Reply ok = node.call("PUT", "/v1/cluster/certificates", node.adminAuth(),
                body("proxy", goodTls.certificateChainPem(), goodTls.privateKeyPem()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(node.plane.state().certificates()).containsKey(io.redoubt.cluster.api.CertificateName.PROXY);
        ApiNode.Reply listed = node.call("GET", "/v1/cluster/certificates", node.adminAuth(), null);
        assertThat(listed.json().get("proxy_cert").asText()).isEqualTo(goodTls.certificateChainPem());
        assertThat(listed.body()).doesNotContain("PRIVATE KEY");

        PlaneCertificates other = PlaneCertificates.generate("other", List.of("localhost"), List.of(), Instant.now());
        long revision = node.plane.state().revision();
        ApiNode.Reply mismatch = node.call("PUT", "/v1/cluster/certificates", node.adminAuth(),
                body("proxy", goodTls.certificateChainPem(), ApiNode.tls(other).privateKeyPem()));
        assertThat(mismatch.errorCode()).isEqualTo("key_values_mismatch");
        assertThat(mismatch.body()).doesNotContain("PRIVATE KEY");
        PlaneCertificates old = PlaneCertificates.generate("old", List.of("localhost"), List.of(),
                Instant.now().minus(Duration.ofDays(400)));
        ApiNode.Reply expired = node.call("PUT", "/v1/cluster/certificates", node.adminAuth(),
                body("proxy", ApiNode.tls(old).certificateChainPem(), ApiNode.tls(old).privateKeyPem()));
        assertThat(expired.errorCode()).isEqualTo("certificate_expired");
        assertThat(node.plane.state().revision()).isEqualTo(revision);
    }

    @Test
    void anApiCertificatePutThroughTheApiIsServedToNewConnections() throws Exception {
        PlaneCertificates next = PlaneCertificates.generate("next", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now());
        ApiTls nextTls = ApiNode.tls(next);
        try {
            ApiNode.Reply put = node.call("PUT", "/v1/cluster/certificates", node.adminAuth(),
                    body("api", nextTls.certificateChainPem(), nextTls.privateKeyPem()));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            awaitTrue(() -> {
                try (HttpClient trustsNext = ApiNode.client(next, "TLSv1.3")) {
                    return node.call(trustsNext, "GET", "/v1/bootstrap", null, null).status() == 200;
                } catch (SSLException e) {
                    return false;
                }
            });
        } finally {
            node.server.replaceTls(ApiNode.tls(node.certificates));
        }
    }

    private static String body(String name, String certificate, String key) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode().put("name", name).put("certificate", certificate)
                .put("key", key);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("certificates").add(entry);
        return root.toString();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
