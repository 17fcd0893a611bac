package io.redoubt.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.admin.ControlPlane;
import io.redoubt.admin.ControlPlaneOptions;
import io.redoubt.cluster.RaftConfigStore;
import io.redoubt.cluster.StoreSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.security.Secret;
import io.redoubt.security.certificate.PlaneCertificates;
import io.redoubt.security.password.HashParameters;
import io.redoubt.security.password.PasswordHasher;
import io.redoubt.security.token.ApiTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unexpected failure below the API (here: the store's proposal fails with an exception nobody
 * expects) is a 500 {@code internal_error} with a fixed description: no exception text, no stack trace.
 */
class InternalErrorTest {
    @TempDir
    Path dir;

    /** The real store, except that every proposal fails as a broken store would. */
    private record BrokenProposals(ConfigStore real) implements ConfigStore {
        @Override
        public ClusterState current() {
            return real.current();
        }

        @Override
        public CompletableFuture<Commit> propose(Transaction transaction) {
            return CompletableFuture.failedFuture(new IllegalStateException("disk on fire at /secret/path"));
        }

        @Override
        public Watch watch(Consumer<ClusterState> listener) {
            return real.watch(listener);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithoutDetails() throws Exception {
        InstantSource clock = InstantSource.system();
        ApiTokens tokens = ApiTokens.withGeneratedKey(clock);
        ControlPlaneOptions options = ControlPlaneOptions.defaults()
                .withHasher(new PasswordHasher(new HashParameters.Argon2id(64, 1, 1)));
        PlaneCertificates certs = PlaneCertificates.generate("t", List.of("localhost"), List.of(), Instant.now());
        try (RaftConfigStore store = RaftConfigStore.open(StoreSettings.singleNode(dir))) {
            ControlPlane.create(store, clock, tokens, options).bootstrap("t.local", "admin", Secret.of("Adm1n-Pa55word!"),
                    "test");
            ControlPlane broken = ControlPlane.create(new BrokenProposals(store), clock, tokens, options);
            try (ApiServer server = ApiServer.start(broken, ApiNode.tls(certs), "127.0.0.1", 0);
                    HttpClient client = ApiNode.client(certs, "TLSv1.3")) {
                var request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/v1/bdbs"))
                        .header("Authorization", ApiNode.basic("admin", "Adm1n-Pa55word!"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"memory_size\":1024}"))
                        .build();
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(response.body()).contains("\"error_code\":\"internal_error\"")
                        .doesNotContain("fire").doesNotContain("secret").doesNotContain("Exception")
                        .doesNotContain("\tat ");
                assertThat(store.current().databases()).isEmpty();
            }
        }
    }
}
