package io.redoubt.it.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * INFO and SLOWLOG on a database of three shards describe the database, not its first shard: the
 * same workload run on it and on one Redis gives the same keyspace, command counts, hits and misses,
 * and the slow log holds every shard's entries.
 */
class ShardedInfoTest {
    private static ShardedDatabase db;
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.startSharded(3);
        redis = RealRedis.start();
    }

    @AfterAll
    static void stop() {
        db.close();
        redis.close();
    }

    private static Map<String, String> workloadThenInfo(int port, int protocol) {
        try (RespClient c = RespClient.connect(port)) {
            if (protocol == 3) {
                c.call("HELLO", "3");
            }
            c.call("FLUSHALL");
            assertThat(c.callText("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n"); // on every shard
            for (int i = 0; i < 60; i++) {
                c.call("SET", "key:" + i, "v");
            }
            for (int i = 0; i < 12; i++) {
                c.call("EXPIRE", "key:" + i, "1000");
            }
            c.call("SELECT", "2");
            for (int i = 0; i < 7; i++) {
                c.call("SET", "other:" + i, "v");
            }
            c.call("SELECT", "0");
            for (int i = 0; i < 50; i++) {
                c.call("GET", "key:" + i % 70 * 7 % 70);
            }
            c.call("NOSUCHCOMMAND");
            String text = c.callText("INFO", "everything");
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : text.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return fields;
        }
    }

    private static String withoutTtl(String keyspace) {
        return keyspace == null ? null : keyspace.replaceAll(",avg_ttl=\\d+", "");
    }

    @Test
    void theDatabasesFiguresAreAddedUpOverItsShardsAsOneRedisCountsThem() {
        for (int protocol : new int[] {2, 3}) {
            Map<String, String> ours = workloadThenInfo(db.port(), protocol);
            Map<String, String> theirs = workloadThenInfo(redis.port(), protocol);
            assertThat(withoutTtl(ours.get("db0"))).isEqualTo(withoutTtl(theirs.get("db0"))).isEqualTo("keys=60,expires=12");
            assertThat(withoutTtl(ours.get("db2"))).isEqualTo(withoutTtl(theirs.get("db2")));
            for (String counter : new String[] {"keyspace_hits", "keyspace_misses"}) {
                assertThat(ours.get(counter)).as(counter).isEqualTo(theirs.get(counter));
            }
            for (String command : new String[] {"cmdstat_set", "cmdstat_get", "cmdstat_expire"}) {
                assertThat(ours.get(command).replaceAll(",usec=\\d+,usec_per_call=[\\d.]+", ""))
                        .as(command).isEqualTo(theirs.get(command).replaceAll(",usec=\\d+,usec_per_call=[\\d.]+", ""));
            }
            assertThat(ours.get("errorstat_ERR")).isEqualTo(theirs.get("errorstat_ERR"));
            assertThat(Long.parseLong(ours.get("used_memory"))).isGreaterThan(0);
            assertThat(ours.get("connected_clients")).as("each client once, not once per shard").isEqualTo("1");
        }
    }

    @Test
    void theSlowLogHoldsEveryShardsEntries() {
        try (RespClient c = RespClient.connect(db.port())) {
            assertThat(c.callText("CONFIG", "SET", "slowlog-log-slower-than", "0")).isEqualTo("+OK\r\n");
            try {
                assertThat(c.callText("SLOWLOG", "RESET")).isEqualTo("+OK\r\n");
                for (int i = 0; i < 12; i++) {
                    c.call("SET", "slow:" + i, "v"); // keys over the three shards
                }
                String all = c.callText("SLOWLOG", "GET", "-1");
                for (int i = 0; i < 12; i++) {
                    assertThat(all).contains("\r\nslow:" + i + "\r\n");
                }
                long entries = Long.parseLong(c.callText("SLOWLOG", "LEN").substring(1).trim());
                assertThat(entries).as("every shard's entries, SLOWLOG RESET and the SETs").isGreaterThanOrEqualTo(12);
                assertThat(c.callText("SLOWLOG", "GET", "2")).startsWith("*2\r\n");
                assertThat(c.callText("SLOWLOG", "GET")).startsWith("*10\r\n");
                assertThat(c.callText("SLOWLOG", "GET", "-2")).isEqualTo("-ERR count should be greater than or equal to -1\r\n");
            } finally {
                c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
            }
        }
    }

    @Test
    void clientListShowsEachClientOnceThoughItHasALinkOnEveryShard() {
        try (RespClient a = RespClient.connect(db.port()); RespClient b = RespClient.connect(db.port())) {
            a.call("CLIENT", "SETNAME", "first");
            b.call("CLIENT", "SETNAME", "second");
            String list = a.callText("CLIENT", "LIST");
            assertThat(list.split("\n")).filteredOn(line -> line.contains("addr=")).hasSize(2);
            assertThat(list).contains("name=first").contains("name=second");
        }
    }
}
