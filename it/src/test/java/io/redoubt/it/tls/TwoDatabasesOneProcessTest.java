package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.Transport;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.security.IssuedCertificate;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import io.redoubt.testkit.TestDatabases;

/**
 * Two databases in one process, each of two shards with its own port, TLS (with client certificates
 * mapped to ACL users) on one of them: they share the node's threads and nothing else, neither data,
 * users, settings nor clients. A third database of one shard, with TLS, shares the same threads.
 */
class TwoDatabasesOneProcessTest {
    private static final Pattern POOLED_THREAD = Pattern.compile("(redoubt-(?:io|accept)-\\d+)-\\d+");

    @TempDir
    static Path dir;
    static TestPki pki;
    static IssuedCertificate alice;
    static NodeLoops node;
    static Set<Long> threadsBefore;
    static ShardedDatabase secure;
    static ShardedDatabase plain;
    static RedoubtServer single;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        alice = pki.client("alice");
        threadsBefore = threadIds();
        node = new NodeLoops(Transport.resolve(Transport.AUTO), 1);
        secure = TestDatabases.startSharded(node, 2, true, "tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-ca-cert-file", pki.caFile.toString(),
                "tls-auth-clients-user", "cn", "dir", dir.resolve("secure").toString());
        plain = TestDatabases.startSharded(node, 2, false, "dir", dir.resolve("plain").toString());
        single = TestDatabases.start(node, true, "tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-ca-cert-file", pki.caFile.toString(),
                "dir", dir.resolve("single").toString());
        try (Jedis admin = new Jedis("127.0.0.1", secure.port())) {
            admin.aclSetUser("alice", "on", "nopass", "~*", "&*", "+@all"); // the database's one set of users
        }
    }

    @AfterAll
    static void stop() {
        secure.close();
        plain.close();
        single.close();
        node.close();
    }

    private static Jedis overTls() throws Exception {
        return overTls(secure.tlsPort());
    }

    private static Jedis overTls(int port) throws Exception {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().ssl(true)
                .sslSocketFactory(pki.clientContext(alice).getSocketFactory()).build());
    }

    @Test
    void onlyOneDatabaseHasTlsAndItsCertificateUserIsAuthenticatedOnEveryShard() throws Exception {
        assertThat(secure.tlsPort()).isPositive();
        assertThat(plain.tlsPort()).isZero();
        try (Jedis j = overTls()) {
            assertThat(j.aclWhoAmI()).isEqualTo("alice");
            for (int i = 0; i < 20; i++) { // keys over both shards: each shard's link is alice's
                assertThat(j.set("tls:" + i, "v" + i)).isEqualTo("OK");
            }
            assertThat(j.mget("tls:0", "tls:1", "tls:2")).containsExactly("v0", "v1", "v2");
            assertThat(j.dbSize()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void dataUsersAndSettingsAreEachDatabasesOwn() throws Exception {
        try (Jedis a = overTls(); Jedis b = new Jedis("127.0.0.1", plain.port())) {
            a.set("mine", "secure");
            assertThat(b.get("mine")).isNull();
            b.set("mine", "plain");
            assertThat(a.get("mine")).isEqualTo("secure");

            a.aclSetUser("bob", "on", ">bobs-secret", "~*", "+@all");
            assertThatThrownBy(() -> b.auth("bob", "bobs-secret")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("WRONGPASS");

            a.configSet("maxmemory-policy", "allkeys-lru");
            assertThat(b.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");

            a.clientSetname("on-secure");
            assertThat(b.clientList()).doesNotContain("on-secure");
            assertThat(a.clientList()).contains("on-secure");
        }
    }

    @Test
    void theDatabasesShareTheNodesThreadsAndAddOnlyTheirShards() throws Exception {
        try (Jedis a = overTls(); Jedis b = new Jedis("127.0.0.1", plain.port()); Jedis c = overTls(single.tlsPort());
             Jedis d = new Jedis("127.0.0.1", single.port())) {
            assertThat(a.ping()).isEqualTo("PONG");
            assertThat(b.ping()).isEqualTo("PONG");
            assertThat(c.ping()).isEqualTo("PONG"); // a one-shard database's TLS clients on the node's I/O threads
            assertThat(d.ping()).isEqualTo("PONG"); // ... and its plain clients on its shard's thread
            Set<String> pools = new TreeSet<>();
            int shardThreads = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (threadsBefore.contains(t.threadId())) {
                    continue;
                }
                Matcher pooled = POOLED_THREAD.matcher(t.getName());
                if (pooled.matches()) {
                    pools.add(pooled.group(1));
                } else if (t.getName().startsWith("redoubt-shard-")) {
                    shardThreads++;
                }
            }
            assertThat(pools).as("one acceptor and one I/O pool for the three databases")
                    .hasSize(2).anyMatch(p -> p.startsWith("redoubt-io")).anyMatch(p -> p.startsWith("redoubt-accept"));
            assertThat(shardThreads).as("each database adds its own shards' threads").isEqualTo(5);
        }
    }

    private static Set<Long> threadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ids.add(t.threadId());
        }
        return ids;
    }
}
