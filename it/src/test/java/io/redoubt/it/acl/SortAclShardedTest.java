package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.redoubt.testkit.TestDatabases;

/**
 * SORT's ACL rules hold in a database of two shards, where the router forwards SORT to the shard of
 * its keys: BY and GET patterns need a user who reads every key, and STORE's destination is checked as
 * a write. Keys share a hash tag so that Redis (one process) and the sharded database run the very
 * same requests; every reply must be Redis 7.0.15's.
 */
@Timeout(60)
class SortAclShardedTest {
    private static RealRedis redis;
    private static ShardedDatabase db;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        db = TestDatabases.startSharded(2);
    }

    @AfterAll
    static void stop() {
        db.close();
        redis.close();
    }

    @Test
    void sortPatternsAndStoreFollowRedisThroughTheRouter() {
        RespClient[] admin = {RespClient.connect(redis.port()), RespClient.connect(db.port())};
        RespClient[] lim = {RespClient.connect(redis.port()), RespClient.connect(db.port())};
        try {
            for (String line : new String[] {
                "ACL SETUSER lim on >pw ~app:* &app:* +@all",
                "ACL SETUSER rall on >pw %R~* ~app:* +@all",
                "RPUSH app:{t}l 3 1 2",
                "SET secret:{t}w:1 10",
                "SET secret:{t}w:2 20",
                "SET secret:{t}w:3 30",
            }) {
                AclServers.same(admin, line.split(" "));
            }
            for (String user : new String[] {"lim", "rall"}) {
                AclServers.same(lim, "AUTH", user, "pw");
                for (String line : new String[] {
                    "SORT app:{t}l GET secret:{t}w:*",
                    "SORT app:{t}l GET #",
                    "SORT app:{t}l BY secret:{t}w:*",
                    "SORT_RO app:{t}l BY secret:{t}w:* GET secret:{t}w:*",
                    "SORT app:{t}l STORE secret:{t}w:1",
                    "SORT app:{t}l BY nosort STORE app:{t}dst",
                    "SORT app:{t}l STORE secret:{t}w:2 STORE app:{t}dst",
                    "GET secret:{t}w:1",
                }) {
                    AclServers.same(lim, line.split(" "));
                }
            }
            assertThat(admin[1].callText("GET", "secret:{t}w:1")).isEqualTo("$2\r\n10\r\n");
            AclServers.same(admin, "LRANGE", "app:{t}dst", "0", "-1");
        } finally {
            AclServers.close(admin);
            AclServers.close(lim);
        }
    }
}
