package io.redoubt.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.security.certificate.CertificatePlane;
import io.redoubt.security.certificate.PlaneCertificates;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.retry.RetryPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's Raft port under mutual TLS: the store proposes and commits as before, and a client that
 * reaches the port without a certificate the store trusts cannot propose anything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerTlsTest {
    @Test
    void onlyAPeerWithATrustedCertificateReachesTheStore(@TempDir Path dir) throws Exception {
        PlaneCertificates certs = PlaneCertificates.generate("test", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now());
        var peer = certs.planes().get(CertificatePlane.API);
        PeerTls tls = new PeerTls(peer.privateKey(), peer.certificate(), List.of(certs.authority().certificate()));
        try (RaftConfigStore store = RaftConfigStore.open(StoreSettings.singleNode(dir.resolve("raft")), tls)) {
            Commit c = store.propose(Transaction.of(new Change.CreateCluster(ClusterSettings.defaults("tls"))))
                    .get(20, TimeUnit.SECONDS);
            assertThat(c).isInstanceOf(Commit.Applied.class);
            long revision = store.current().revision();
            try (RaftClient plain = RaftClient.newBuilder().setProperties(new RaftProperties())
                    .setRaftGroup(store.group()).setRetryPolicy(RetryPolicies.noRetry()).build()) {
                assertThatThrownBy(() -> plain.async().send(Message.valueOf(
                        "{\"format\":1,\"changes\":[]}")).get(20, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(store.current().revision()).isEqualTo(revision);
            assertThat(store.current().settings().orElseThrow().name()).isEqualTo("tls");
        }
    }
}
