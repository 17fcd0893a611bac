package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.testkit.RespClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "expired" events (lazy and active expiry) and "evicted" events. Which keys eviction picks is random
 * and memory figures differ between the servers, so evictions are compared by kind and count.
 */
class ExpiryEvictionNotificationDifferentialTest extends NotificationDifferentialTest {

    @AfterEach
    void restoreMemoryLimit() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            c.call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction");
        }
    }

    @Test
    void expiredKeyNotifiesOnceWhenNextTouched() {
        enable("KEA");
        same("SET", "k", "v", "PX", "30");
        // lazily on EXISTS or earlier by the active cycle: either way one "expired"
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.callText("EXISTS", "k").equals(":0\r\n"));
        }
        assertThat(sameEventsSoFar()).containsExactly("__keyspace@0__:k set", "__keyevent@0__:set k",
                "__keyspace@0__:k expire", "__keyevent@0__:expire k",
                "__keyspace@0__:k expired", "__keyevent@0__:expired k");
    }

    @Test
    void activeExpiryNotifiesWithoutAnyAccess() {
        enable("Kx");
        same("SET", "k", "v", "PX", "20");
        same("SELECT", "4");
        same("SET", "k4", "v", "PX", "20");
        // DBSIZE does not expire keys: only the active cycle empties the databases
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.callText("DBSIZE").equals(":0\r\n")
                    && c.callText("SELECT", "0").equals("+OK\r\n") && c.callText("DBSIZE").equals(":0\r\n")
                    && c.callText("SELECT", "4").equals("+OK\r\n"));
        }
        // the order between databases follows the cycle's cursor: compare as sets
        List<byte[]> expected = drain(redis, redisSub);
        List<byte[]> actual = drain(redoubt, redoubtSub);
        assertThat(new HashSet<>(summaries(actual))).isEqualTo(new HashSet<>(summaries(expected)))
                .containsExactlyInAnyOrder("__keyspace@0__:k expired", "__keyspace@4__:k4 expired");
        assertThat(actual).hasSameSizeAs(expected);
    }

    @Test
    void writeToExpiredKeyNotifiesExpiredFirst() {
        enable("KEAn");
        same("SET", "k", "5", "PX", "20");
        long due = System.currentTimeMillis() + 60;
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > due);
        assertThat(sameEvents("INCR k")).containsSubsequence("__keyspace@0__:k expired",
                "__keyspace@0__:k new", "__keyspace@0__:k incrby");
    }

    @Test
    void evictedKeysNotifyEvicted() {
        enable("KEe");
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
        }
        Set<String> filled = new HashSet<>();
        String value = "x".repeat(1000);
        for (int i = 0; i < 300; i++) {
            same("SET", "key:" + i, value);
            filled.add("key:" + i);
        }
        sameEventsSoFar(); // nothing: only evictions are enabled
        for (RespClient[] pair : new RespClient[][] {{redis, redisSub}, {redoubt, redoubtSub}}) {
            RespClient c = pair[0];
            long evictedBefore = infoField(c, "stats", "evicted_keys");
            long used = infoField(c, "memory", "used_memory");
            assertThat(c.callText("CONFIG", "SET", "maxmemory", Long.toString(used - 100_000))).isEqualTo("+OK\r\n");
            c.call("SET", "trigger", "1");
            List<String> events = summaries(drain(c, pair[1]));
            long evicted = infoField(c, "stats", "evicted_keys") - evictedBefore;
            assertThat(evicted).as("keys evicted").isPositive();
            assertThat(events).hasSize((int) (2 * evicted));
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < events.size(); i += 2) {
                String space = events.get(i);
                String key = space.substring("__keyspace@0__:".length(), space.length() - " evicted".length());
                assertThat(space).isEqualTo("__keyspace@0__:" + key + " evicted");
                assertThat(events.get(i + 1)).isEqualTo("__keyevent@0__:evicted " + key);
                keys.add(key);
            }
            assertThat(filled).containsAll(keys);
            c.call("CONFIG", "SET", "maxmemory", "0");
        }
    }

    private static long infoField(RespClient c, String section, String field) {
        for (String line : c.callText("INFO", section).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1));
            }
        }
        throw new AssertionError("no " + field + " in INFO " + section);
    }
}
