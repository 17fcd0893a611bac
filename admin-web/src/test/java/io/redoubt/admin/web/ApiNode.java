package io.redoubt.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redoubt.admin.ControlPlane;
import io.redoubt.admin.ControlPlaneOptions;
import io.redoubt.cluster.RaftConfigStore;
import io.redoubt.cluster.StoreSettings;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import io.redoubt.security.certificate.CertificatePlane;
import io.redoubt.security.certificate.PlaneCertificates;
import io.redoubt.security.password.HashParameters;
import io.redoubt.security.password.PasswordHasher;
import io.redoubt.security.token.ApiTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * One node's control plane for tests: a real one-peer Ratis store under {@code dir}, the control plane
 * over it and the HTTPS API on a free port, with a certificate from the security module's generator.
 * Requests go through the JDK's HTTP client, trusting only that certificate's CA.
 */
final class ApiNode implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "Adm1n-Pa55word!";
    /** Tokens survive a restart of this node, as the node's master-key-derived key makes them. */
    private static final byte[] TOKEN_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final Path dir;
    final TestClock clock;
    final PlaneCertificates certificates;
    final RaftConfigStore store;
    final ControlPlane plane;
    final ApiServer server;
    final HttpClient http;
    final ObjectMapper json = new ObjectMapper();

    private ApiNode(Path dir, TestClock clock, PlaneCertificates certificates) throws Exception {
        this.dir = dir;
        this.clock = clock;
        this.certificates = certificates;
        this.store = RaftConfigStore.open(StoreSettings.singleNode(dir.resolve("store")));
        // the cheapest Argon2id the hasher accepts: the tests sign in hundreds of times
        this.plane = ControlPlane.create(store, clock, new ApiTokens(TOKEN_KEY, clock), ControlPlaneOptions.defaults()
                .withHasher(new PasswordHasher(new HashParameters.Argon2id(64, 1, 1))).withNodeMemoryBytes(1L << 34)
                .withSealer(new io.redoubt.security.sealing.SecretSealer(io.redoubt.security.sealing.NodeMasterKey.generate())));
        this.server = ApiServer.start(plane, tls(certificates), "127.0.0.1", 0);
        this.http = client(certificates, "TLSv1.3", "TLSv1.2");
    }

    static ApiNode start(Path dir) throws Exception {
        TestClock clock = new TestClock();
        return new ApiNode(dir, clock, PlaneCertificates.generate("test", List.of("localhost"), List.of("127.0.0.1"),
                clock.instant()));
    }

    /** The same node started again on the same directory (state from the store, same certificates, same clock). */
    ApiNode restart() throws Exception {
        close();
        return new ApiNode(dir, clock, certificates);
    }

    /** A started node with its cluster created through the API (admin / {@link #ADMIN_PASSWORD}). */
    static ApiNode bootstrapped(Path dir) throws Exception {
        ApiNode node = start(dir);
        Reply r = node.call("POST", "/v1/bootstrap/create_cluster", null, """
                {"action":"create_cluster","cluster":{"name":"test.local"},
                 "credentials":{"username":"admin","password":"Adm1n-Pa55word!"}}""");
        if (r.status() != 200) {
            throw new IllegalStateException("bootstrap failed: " + r);
        }
        return node;
    }

    static ApiTls tls(PlaneCertificates certs) throws IOException {
        var issued = certs.planes().get(CertificatePlane.API);
        return new ApiTls(PemWriter.certificates(certs.chain(CertificatePlane.API)),
                PemWriter.privateKey(issued.privateKey(), io.redoubt.security.PemWriter.KeyFormat.PKCS8, Secret.none()));
    }

    static HttpClient client(PlaneCertificates certs, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certs.authority().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        SSLParameters params = ssl.getDefaultSSLParameters();
        params.setProtocols(protocols);
        return HttpClient.newBuilder().sslContext(ssl).sslParameters(params).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    URI uri(String pathAndQuery) {
        return URI.create("https://localhost:" + server.port() + pathAndQuery);
    }

    /** A request with an {@code Authorization} header value (or none) and a JSON body (or none). */
    Reply call(String method, String pathAndQuery, String authorization, String body) throws Exception {
        return call(http, method, pathAndQuery, authorization,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    Reply call(HttpClient client, String method, String pathAndQuery, String authorization, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            // a client that waits for 100-continue sees a 413 for a body the server refuses to read
            b.expectContinue(body.length > 64 * 1024);
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().map());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    String adminAuth() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }

    /** A token for the user, from POST /v1/users/authorize with Basic. */
    String token(String user, String password, int ttl) throws Exception {
        Reply r = call("POST", "/v1/users/authorize", basic(user, password), "{\"ttl\":" + ttl + "}");
        if (r.status() != 200) {
            throw new IllegalStateException("authorize failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** Creates a user through the API as admin; its uid. */
    long createUser(String name, String password, String role) throws Exception {
        Reply r = call("POST", "/v1/users", adminAuth(), "{\"name\":\"" + name + "\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("user create failed: " + r);
        }
        return r.json().get("uid").asLong();
    }

    @Override
    public void close() {
        server.close();
        store.close();
        http.close();
    }

    /** An answer: status, body text and headers. */
    record Reply(int status, String body, java.util.Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        String errorCode() {
            JsonNode code = json().get("error_code");
            return code == null ? null : code.asText();
        }
    }
}
