package io.redoubt.it.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.redoubt.cluster.api.AuthMethod;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.DataPersistence;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.EvictionPolicy;
import io.redoubt.cluster.api.LoginLockout;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import io.redoubt.node.NodeOptions;
import io.redoubt.node.RedoubtNode;
import io.redoubt.security.Secret;
import io.redoubt.security.password.PasswordHasher;
import io.redoubt.security.password.RedisPasswordDigest;
import io.redoubt.testkit.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A node runs what its configuration store holds: a database put in the store starts on its port, a
 * change of memory, eviction, persistence or users reaches it while it serves, a role bound to a Redis
 * ACL gives exactly that ACL on the data plane, a deleted database stops and its files go, and a node
 * restarted on the same folder serves the same databases with their data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeReconcilerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static long commit(RedoubtNode node, Change... changes) throws Exception {
        Commit c = node.store().propose(Transaction.of(changes)).get(20, TimeUnit.SECONDS);
        assertThat(c).isInstanceOf(Commit.Applied.class);
        List<Long> uids = ((Commit.Applied) c).uids();
        return uids.get(uids.size() - 1);
    }

    private static Database named(RedoubtNode node, String name) {
        return node.store().current().databaseNamed(name).orElseThrow();
    }

    private static Jedis connect(int port) {
        return new Jedis("127.0.0.1", port, 10_000);
    }

    @Test
    void aDatabaseFollowsItsObjectInTheStore(@TempDir Path dir) throws Exception {
        int port = RealRedis.freePort();
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL, 6379), System.out)) {
            commit(node, new Change.CreateCluster(ClusterSettings.defaults("test")));
            long uid = commit(node, new Change.PutDatabase(Database.withDefaults("db1", port, 64L << 20)));
            await().atMost(WAIT).until(() -> node.database(uid).isPresent());
            try (Jedis j = connect(port)) {
                assertThat(j.set("k", "v")).isEqualTo("OK");
                assertThat(j.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(64L << 20));
                assertThat(j.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "volatile-lru");

                Database was = named(node, "db1");
                commit(node, new Change.PutDatabase(new Database(uid, "db1", port, 32L << 20, 1,
                        EvictionPolicy.ALLKEYS_LFU, DataPersistence.AOF, was.aofPolicy(), was.snapshotPolicy(),
                        was.tlsMode(), false, List.of(), true, List.of(), List.of())));
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(j.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(32L << 20));
                    assertThat(j.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lfu");
                    assertThat(j.configGet("appendonly")).containsEntry("appendonly", "yes");
                });
                assertThat(j.get("k")).isEqualTo("v"); // the same database, not a restarted one
            }
            Path files = dir.resolve("data").resolve("databases").resolve("bdb-" + uid);
            assertThat(files).isDirectory();

            commit(node, new Change.DeleteDatabase(uid));
            await().atMost(WAIT).until(() -> node.database(uid).isEmpty());
            assertThatThrownBy(() -> {
                try (Jedis j = connect(port)) {
                    j.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);
            assertThat(files).doesNotExist();
        }
    }

    @Test
    void aRoleBoundToAnAclGivesExactlyThatAclOnTheDatabase(@TempDir Path dir) throws Exception {
        int port = RealRedis.freePort();
        PasswordHasher hasher = PasswordHasher.argon2id();
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL, 6379), System.out)) {
            commit(node, new Change.CreateCluster(ClusterSettings.defaults("test")));
            long acl = commit(node, new Change.PutRedisAcl(new RedisAcl(0, "read-only", "+@read ~app:*")));
            long role = commit(node, new Change.PutRole(new Role(0, "reader", ManagementRole.NONE, List.of())));
            Secret pw = Secret.of("Rita-p4ss!");
            commit(node, new Change.PutUser(new User(0, "rita", "", AuthMethod.REGULAR, "", List.of(role),
                    List.of(new UserPassword(hasher.hash(pw), RedisPasswordDigest.sha256Hex(pw), Instant.now())),
                    LoginLockout.CLEAR)));
            Database db = Database.withDefaults("db2", port, 64L << 20);
            long uid = commit(node, new Change.PutDatabase(new Database(0, db.name(), port, db.memorySize(), 2,
                    db.evictionPolicy(), db.dataPersistence(), db.aofPolicy(), db.snapshotPolicy(), db.tlsMode(), false,
                    List.of(), false, List.of(), List.of(new RolePermission(role, acl)))));
            await().atMost(WAIT).until(() -> node.database(uid).isPresent());
            try (Jedis anonymous = connect(port); Jedis rita = connect(port)) {
                assertThatThrownBy(() -> anonymous.get("app:1")).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("NOAUTH");
                assertThat(rita.auth("rita", "Rita-p4ss!")).isEqualTo("OK");
                assertThat(rita.get("app:1")).isNull();
                assertThatThrownBy(() -> rita.set("app:1", "x")).hasMessageStartingWith("NOPERM");
                assertThatThrownBy(() -> rita.get("other")).hasMessageStartingWith("NOPERM");

                // a new ACL text reaches the running database: the same connection may now write app:*
                commit(node, new Change.PutRedisAcl(new RedisAcl(acl, "read-only", "+@read +@write ~app:*")));
                await().atMost(WAIT).untilAsserted(() -> assertThat(rita.set("app:1", "x")).isEqualTo("OK"));

                // the user removed from the role: its connection is closed, its password no longer works
                ClusterState state = node.store().current();
                User u = state.userNamed("rita").orElseThrow();
                commit(node, new Change.PutUser(new User(u.uid(), u.name(), u.email(), u.authMethod(),
                        u.certificateSubjectLine(), List.of(), u.passwords(), u.lockout())));
                await().atMost(WAIT).untilAsserted(() ->
                        assertThatThrownBy(() -> rita.get("app:1")).isInstanceOf(JedisConnectionException.class));
                try (Jedis again = connect(port)) {
                    assertThatThrownBy(() -> again.auth("rita", "Rita-p4ss!")).hasMessageStartingWith("WRONGPASS");
                }
            }
        }
    }

    @Test
    void aRestartedNodeServesTheSameDatabasesWithTheirData(@TempDir Path dir) throws Exception {
        int port = RealRedis.freePort();
        long uid;
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL, 6379), System.out)) {
            commit(node, new Change.CreateCluster(ClusterSettings.defaults("test")));
            Database d = Database.withDefaults("kept", port, 64L << 20);
            uid = commit(node, new Change.PutDatabase(new Database(0, d.name(), port, d.memorySize(), 1,
                    d.evictionPolicy(), DataPersistence.AOF, d.aofPolicy(), d.snapshotPolicy(), d.tlsMode(), false,
                    List.of(), true, List.of(), List.of())));
            long id = uid;
            await().atMost(WAIT).until(() -> node.database(id).isPresent());
            try (Jedis j = connect(port)) {
                assertThat(j.set("survives", "yes")).isEqualTo("OK");
            }
        }
        assertThat(Files.list(dir.resolve("data").resolve("databases").resolve("bdb-" + uid))).isNotEmpty();
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL, 6379), System.out)) {
            await().atMost(WAIT).until(() -> node.database(uid).isPresent());
            try (Jedis j = connect(port)) {
                assertThat(j.get("survives")).isEqualTo("yes");
            }
        }
    }

    @Test
    void removingAPasswordClosesTheUsersConnectionsAndTheAclCommandsPointToTheControlPlane(@TempDir Path dir)
            throws Exception {
        int port = RealRedis.freePort();
        PasswordHasher hasher = PasswordHasher.argon2id();
        Secret first = Secret.of("First-p4ss!");
        Secret second = Secret.of("Second-p4ss!");
        UserPassword one = new UserPassword(hasher.hash(first), RedisPasswordDigest.sha256Hex(first), Instant.now());
        UserPassword two = new UserPassword(hasher.hash(second), RedisPasswordDigest.sha256Hex(second), Instant.now());
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL, 6379), System.out)) {
            commit(node, new Change.CreateCluster(ClusterSettings.defaults("test")));
            long acl = commit(node, new Change.PutRedisAcl(new RedisAcl(0, "all", "+@all ~*")));
            long role = commit(node, new Change.PutRole(new Role(0, "app", ManagementRole.NONE, List.of())));
            long user = commit(node, new Change.PutUser(new User(0, "app", "", AuthMethod.REGULAR, "", List.of(role),
                    List.of(one, two), LoginLockout.CLEAR)));
            Database d = Database.withDefaults("rotating", port, 64L << 20);
            long uid = commit(node, new Change.PutDatabase(new Database(0, d.name(), port, d.memorySize(), 1,
                    d.evictionPolicy(), d.dataPersistence(), d.aofPolicy(), d.snapshotPolicy(), d.tlsMode(), false,
                    List.of(), false, List.of(), List.of(new RolePermission(role, acl)))));
            await().atMost(WAIT).until(() -> node.database(uid).isPresent());
            try (Jedis withFirst = connect(port); Jedis withSecond = connect(port)) {
                assertThat(withFirst.auth("app", "First-p4ss!")).isEqualTo("OK");
                assertThat(withSecond.auth("app", "Second-p4ss!")).isEqualTo("OK");
                assertThatThrownBy(() -> withFirst.aclSetUser("intruder", "on", ">x", "+@all"))
                        .hasMessageContaining("managed by the control plane");
                assertThatThrownBy(() -> withFirst.aclDelUser("app")).hasMessageContaining("managed by the control plane");
                assertThat(withFirst.aclUsers()).containsExactlyInAnyOrder("default", "app");

                User u = node.store().current().user(user).orElseThrow();
                commit(node, new Change.PutUser(u.withPasswords(List.of(two)))); // the rotation ends
                await().atMost(WAIT).untilAsserted(() ->
                        assertThatThrownBy(withFirst::ping).isInstanceOf(JedisConnectionException.class));
            }
            try (Jedis again = connect(port)) {
                assertThatThrownBy(() -> again.auth("app", "First-p4ss!")).hasMessageStartingWith("WRONGPASS");
                assertThat(again.auth("app", "Second-p4ss!")).isEqualTo("OK");
            }
        }
    }

    /** Databases come and go while another one serves clients: that one sees no error and loses nothing. */
    @Test
    void otherDatabasesServeWithoutAnErrorWhileOneIsCreatedChangedAndDeleted(@TempDir Path dir) throws Exception {
        int busyPort = RealRedis.freePort();
        try (RedoubtNode node = RedoubtNode.start(NodeOptions.inFolder(dir, NodeOptions.Bootstrap.MANUAL, 6379),
                System.out)) {
            commit(node, new Change.CreateCluster(ClusterSettings.defaults("test")));
            long busy = commit(node, new Change.PutDatabase(Database.withDefaults("busy", busyPort, 64L << 20)));
            await().atMost(WAIT).until(() -> node.database(busy).isPresent());
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            Thread load = new Thread(() -> {
                try (Jedis j = connect(busyPort)) {
                    for (long i = 0; !stop.get(); i++) {
                        j.set("load:" + i, Long.toString(i));
                        if (!Long.toString(i).equals(j.get("load:" + i))) {
                            throw new AssertionError("lost load:" + i);
                        }
                        written.set(i + 1);
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            }, "load");
            load.start();
            for (int round = 0; round < 3; round++) {
                int port = RealRedis.freePort();
                long uid = commit(node, new Change.PutDatabase(Database.withDefaults("churn" + round, port, 32L << 20)));
                await().atMost(WAIT).until(() -> node.database(uid).isPresent());
                Database d = node.store().current().database(uid).orElseThrow();
                commit(node, new Change.PutDatabase(new Database(uid, d.name(), port, 48L << 20, 1,
                        EvictionPolicy.ALLKEYS_LRU, d.dataPersistence(), d.aofPolicy(), d.snapshotPolicy(), d.tlsMode(),
                        false, List.of(), true, List.of(), List.of())));
                commit(node, new Change.DeleteDatabase(uid));
                await().atMost(WAIT).until(() -> node.database(uid).isEmpty());
            }
            stop.set(true);
            load.join(20_000);
            assertThat(error.get()).isNull();
            assertThat(written.get()).isPositive();
            try (Jedis j = connect(busyPort)) {
                assertThat(j.dbSize()).isEqualTo(written.get());
            }
        }
    }
}
