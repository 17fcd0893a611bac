package io.redoubt.it.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.TlsMode;
import io.redoubt.cluster.api.TlsVersion;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.node.NodeOptions;
import io.redoubt.node.RedoubtNode;
import io.redoubt.testkit.RealRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A database of a node with {@code tls_mode: enabled} serves TLS only, with the cluster's {@code proxy}
 * certificate (clients trust the cluster CA, {@code data/cluster-ca.pem}), and the cluster's
 * {@code min_data_TLS_version} applies to it while it runs: at 1.3, a client that offers only TLS 1.2 is
 * refused, and one with 1.3 still gets in.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeTlsDatabaseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static SSLSocketFactory trusting(Path authority, String protocol) throws Exception {
        return ClusterAuthority.trusting(authority, protocol).getSocketFactory();
    }

    private static Jedis tls(int port, Path authority, String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        return new Jedis(new HostAndPort("localhost", port), DefaultJedisClientConfig.builder().ssl(true)
                .sslSocketFactory(trusting(authority, protocol)).sslParameters(parameters).timeoutMillis(10_000)
                .build());
    }

    @Test
    void aTlsDatabaseServesTheClustersProxyCertificateAndItsMinimumVersion(@TempDir Path dir) throws Exception {
        int port = RealRedis.freePort();
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.AUTO,
                RealRedis.freePort()), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            await().atMost(WAIT).until(() -> node.store().current().certificate(
                    io.redoubt.cluster.api.CertificateName.PROXY).isPresent());
            Database d = Database.withDefaults("secure", port, 64L << 20);
            long uid = ((io.redoubt.cluster.api.Commit.Applied) node.store().propose(Transaction.of(
                    new Change.PutDatabase(new Database(0, d.name(), port, d.memorySize(), 2, d.evictionPolicy(),
                            d.dataPersistence(), d.aofPolicy(), d.snapshotPolicy(), TlsMode.ENABLED, false, List.of(),
                            true, List.of(), List.of())))).get(20, TimeUnit.SECONDS)).uids().get(0);
            await().atMost(WAIT).until(() -> node.database(uid).isPresent());

            try (Jedis j = tls(port, node.authorityFile(), "TLSv1.2")) {
                assertThat(j.set("k", "v")).isEqualTo("OK");
            }
            assertThatThrownBy(() -> {
                try (Jedis plain = new Jedis("127.0.0.1", port, 3_000)) {
                    plain.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);

            ClusterSettings s = node.store().current().settings().orElseThrow();
            node.store().propose(Transaction.of(new Change.PutClusterSettings(new ClusterSettings(s.name(),
                    s.passwordComplexity(), s.passwordMinLength(), s.passwordExpiration(), s.loginLockoutThreshold(),
                    s.loginLockoutCounterResetAfter(), s.loginLockoutDuration(), s.cmSessionTimeout(),
                    s.minControlTlsVersion(), TlsVersion.TLS_1_3, s.cipherSuites(),
                    s.controlPlaneBasicAuthentication(), s.disconnectClientsOnPasswordRemoval()))))
                    .get(20, TimeUnit.SECONDS);
            await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> {
                try (Jedis old = tls(port, node.authorityFile(), "TLSv1.2")) {
                    old.ping();
                }
            }).isInstanceOf(JedisConnectionException.class));
            try (Jedis j = tls(port, node.authorityFile(), "TLSv1.3")) {
                assertThat(j.get("k")).isEqualTo("v"); // the same database: applied while it runs
            }
        }
    }
}
