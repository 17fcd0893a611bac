package io.redoubt.it.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.redoubt.engine.keyspace.HashSlot;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.AccessControlLogEntry;
import io.redoubt.testkit.TestDatabases;

/**
 * A database of three shards has one access control: one set of users that every shard reads, one
 * ACL LOG that holds what any shard refused, and each failed login counted and logged once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneAccessControlPerDatabaseTest {
    private static final int SHARDS = 3;
    private ShardedDatabase db;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabases.startSharded(SHARDS, "requirepass", "adminpass");
    }

    @AfterAll
    void stop() {
        db.close();
    }

    @BeforeEach
    void cleanUp() {
        try (Jedis admin = admin()) {
            admin.aclLogReset();
            for (String user : admin.aclUsers()) {
                if (!user.equals("default")) {
                    admin.aclDelUser(user);
                }
            }
        }
    }

    private Jedis admin() {
        Jedis j = new Jedis("127.0.0.1", db.port(), 10_000);
        j.auth("adminpass");
        return j;
    }

    /** A key the given shard owns, starting with {@code prefix}. */
    private static String keyOnShard(String prefix, int shard) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (HashSlot.of(key.getBytes(StandardCharsets.UTF_8)) * SHARDS / HashSlot.SLOTS == shard) {
                return key;
            }
        }
    }

    @Test
    void everyShardReadsTheSameUsers() {
        List<RedoubtServer> shards = db.shards();
        for (RedoubtServer shard : shards) {
            assertThat(shard.context().acl().users()).isSameAs(shards.get(0).context().acl().users());
            assertThat(shard.context().acl().log()).isSameAs(shards.get(0).context().acl().log());
        }
        try (Jedis admin = admin(); Jedis alice = new Jedis("127.0.0.1", db.port(), 10_000)) {
            admin.aclSetUser("alice", "on", ">pw", "~*", "+@all");
            assertThat(alice.auth("alice", "pw")).isEqualTo("OK");
            for (int shard = 0; shard < SHARDS; shard++) { // the one user serves a key on every shard
                String key = keyOnShard("k", shard);
                assertThat(alice.set(key, "v")).isEqualTo("OK");
                assertThat(alice.get(key)).isEqualTo("v");
            }
        }
    }

    @Test
    void aKeyRefusedOnAnyShardIsInTheDatabasesAclLog() {
        try (Jedis admin = admin(); Jedis bob = new Jedis("127.0.0.1", db.port(), 10_000)) {
            admin.aclSetUser("bob", "on", ">pw", "~allowed:*", "+@all");
            bob.auth("bob", "pw");
            List<String> refused = new ArrayList<>();
            for (int shard = 0; shard < SHARDS; shard++) {
                String key = keyOnShard("secret:", shard);
                refused.add(key);
                assertThatThrownBy(() -> bob.get(key)).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("NOPERM");
            }
            List<AccessControlLogEntry> log = admin.aclLog();
            assertThat(log).extracting(AccessControlLogEntry::getObject).containsExactlyInAnyOrderElementsOf(refused);
            assertThat(log).allMatch(e -> e.getCount() == 1 && e.getReason().equals("key"));
        }
    }

    @Test
    void aCommandEveryShardRefusesIsLoggedOnce() {
        try (Jedis admin = admin(); Jedis carol = new Jedis("127.0.0.1", db.port(), 10_000)) {
            admin.aclSetUser("carol", "on", ">pw", "~*", "+@all", "-select", "-flushall");
            carol.auth("carol", "pw");
            assertThatThrownBy(() -> carol.select(1)).hasMessageStartingWith("NOPERM");
            assertThatThrownBy(carol::flushAll).hasMessageStartingWith("NOPERM");
            List<AccessControlLogEntry> log = admin.aclLog();
            assertThat(log).extracting(AccessControlLogEntry::getObject).containsExactlyInAnyOrder("select", "flushall");
            assertThat(log).allMatch(e -> e.getCount() == 1);
        }
    }

    @Test
    void aFailedLoginIsCountedAndLoggedOnce() {
        try (Jedis admin = admin(); Jedis guest = new Jedis("127.0.0.1", db.port(), 10_000)) {
            assertThatThrownBy(() -> guest.auth("nobody", "wrong")).hasMessageStartingWith("WRONGPASS");
            List<AccessControlLogEntry> log = admin.aclLog();
            assertThat(log).hasSize(1);
            assertThat(log.get(0).getReason()).isEqualTo("auth");
            assertThat(log.get(0).getUsername()).isEqualTo("nobody");
            assertThat(log.get(0).getCount()).isEqualTo(1);
        }
    }

    @Test
    void deletingAUserClosesItsClientsAfterTheDeletersReply() {
        try (Jedis admin = admin(); Jedis dave = new Jedis("127.0.0.1", db.port(), 10_000);
             Jedis self = new Jedis("127.0.0.1", db.port(), 10_000)) {
            admin.aclSetUser("dave", "on", ">pw", "~*", "+@all");
            dave.auth("dave", "pw");
            self.auth("dave", "pw");
            String onShard2 = keyOnShard("d", 2);
            assertThat(dave.set(onShard2, "v")).isEqualTo("OK"); // links on every shard are open
            assertThat(self.aclDelUser("dave")).isEqualTo(1L); // its own user: the reply comes first
            assertThatThrownBy(() -> self.ping()).isInstanceOf(JedisConnectionException.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> dave.get(onShard2)).isInstanceOf(JedisConnectionException.class));
            assertThat(admin.clientList()).doesNotContain("user=dave");
        }
    }

    /**
     * A client that deletes its own user and pipelines a write for another shard: the router passes the
     * write on once the deletion's reply is in, and the other shard refuses to run it for a deleted
     * user. Redis (CLIENT_CLOSE_AFTER_COMMAND) runs nothing after the deletion either.
     */
    @Test
    void nothingRunsForADeletedUserOnAnyShard() throws Exception {
        try (Jedis admin = admin(); Jedis erin = new Jedis("127.0.0.1", db.port(), 10_000)) {
            admin.aclSetUser("erin", "on", ">pw", "~*", "+@all");
            erin.auth("erin", "pw");
            for (int shard = 1; shard < SHARDS; shard++) {
                String key = keyOnShard("after-deletion:", shard);
                assertThat(erin.set(key, "before")).isEqualTo("OK");
            }
            redis.clients.jedis.Pipeline p = erin.pipelined();
            p.sendCommand(redis.clients.jedis.Protocol.Command.ACL, "DELUSER", "erin");
            for (int shard = 1; shard < SHARDS; shard++) {
                p.set(keyOnShard("after-deletion:", shard), "after");
            }
            try {
                p.sync();
            } catch (JedisConnectionException expected) {
                // the connection closes after the deletion's reply, as on Redis
            }
            for (int shard = 1; shard < SHARDS; shard++) {
                assertThat(admin.get(keyOnShard("after-deletion:", shard))).isEqualTo("before");
            }
        }
    }
}
