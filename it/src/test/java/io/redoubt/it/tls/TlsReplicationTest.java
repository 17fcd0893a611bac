package io.redoubt.it.tls;

import static io.redoubt.it.replication.ReplicationWithRedisTest.assertSameData;
import static io.redoubt.it.replication.ReplicationWithRedisTest.awaitInSync;
import static io.redoubt.it.replication.ReplicationWithRedisTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.persistence.DataSet;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Replication over TLS ({@code tls-replication yes}) between Redoubt and Debian's redis-server 7.0.15,
 * in both directions, with certificates made here: the replica verifies the master's certificate
 * against tls-ca-cert-file and presents its own, which the master requires (tls-auth-clients yes).
 */
@Timeout(120)
class TlsReplicationTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static Path replicaCert;
    static Path replicaKey;

    @BeforeAll
    static void certificates() throws Exception {
        pki = new TestPki(dir);
        replicaCert = pki.writePair("replica", pki.client("replica"));
        replicaKey = dir.resolve("replica.key");
    }

    @Test
    void aRedoubtReplicaFollowsARedisMasterOverTls() throws Exception {
        int tlsPort = RealRedis.freePort();
        try (RealRedis master = RealRedis.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file",
                pki.serverCert.toString(), "--tls-key-file", pki.serverKey.toString(), "--tls-ca-cert-file",
                pki.caFile.toString(), "--tls-auth-clients", "yes", "--repl-diskless-sync-delay", "0");
             RedoubtServer replica = TestDatabases.start("dir", dir.resolve("redoubt-replica").toString(),
                     "tls-replication", "yes", "tls-ca-cert-file", pki.caFile.toString(),
                     "tls-client-cert-file", replicaCert.toString(), "tls-client-key-file", replicaKey.toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            DataSet.write(m);
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(tlsPort));
            awaitInSync(m, r);
            m.call("SET", "after-sync", "over tls");
            awaitInSync(m, r);
            assertSameData(m, r);
            assertThat(field(m, "connected_slaves")).isEqualTo("1");
        }
    }

    @Test
    void aRedoubtReplicaRefusesAMasterItsCaDidNotSign() throws Exception {
        TestPki other = new TestPki(Files.createDirectories(dir.resolve("other-ca")));
        int tlsPort = RealRedis.freePort();
        try (RealRedis master = RealRedis.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file",
                pki.serverCert.toString(), "--tls-key-file", pki.serverKey.toString(), "--tls-ca-cert-file",
                pki.caFile.toString(), "--tls-auth-clients", "no");
             RedoubtServer replica = TestDatabases.start("dir", dir.resolve("distrustful").toString(),
                     "tls-replication", "yes", "tls-ca-cert-file", other.caFile.toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            m.call("SET", "k", "v");
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(tlsPort));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> field(r, "master_link_status").equals("down"));
            assertThat(r.callText("EXISTS", "k")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void aRedisReplicaFollowsARedoubtMasterOverTls() throws Exception {
        try (RedoubtServer master = TestDatabases.startWithTls("dir", dir.resolve("redoubt-master").toString(),
                "tls-cert-file", pki.serverCert.toString(), "tls-key-file", pki.serverKey.toString(),
                "tls-ca-cert-file", pki.caFile.toString(), "tls-auth-clients", "yes", "repl-diskless-sync-delay", "0");
             RealRedis replica = RealRedis.start("--tls-replication", "yes", "--tls-cert-file", replicaCert.toString(),
                     "--tls-key-file", replicaKey.toString(), "--tls-ca-cert-file", pki.caFile.toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            DataSet.write(m);
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.tlsPort()));
            awaitInSync(m, r);
            m.call("SET", "after-sync", "over tls");
            awaitInSync(m, r);
            assertSameData(m, r);
            assertThat(Files.readString(replica.dir().resolve("redis.log")))
                    .contains("MASTER <-> REPLICA sync: Finished with success");
        }
    }
}
