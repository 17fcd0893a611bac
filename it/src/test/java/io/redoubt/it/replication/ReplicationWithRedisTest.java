package io.redoubt.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.persistence.DataSet;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Replication between Redoubt and Debian's redis-server 7.0.15, in both directions: a full sync of a
 * data set with every type while writes go on, a dropped link that resumes with a partial resync, a
 * promotion (REPLICAOF NO ONE) after which the old master follows the new one, and at each step the
 * two data sets compared whole (type-aware reads and absolute expiry of every key in every database).
 */
@Timeout(120)
public class ReplicationWithRedisTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void redisReplicaOfRedoubtMaster() throws Exception {
        try (RedoubtServer master = TestDatabases.start("dir", dir.toString(), "repl-diskless-sync-delay", "0");
             RealRedis replica = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            DataSet.write(m);
            try (LiveWriter writer = new LiveWriter(master.port())) {
                assertThat(r.callText("REPLICAOF", "127.0.0.1", Integer.toString(master.port()))).isEqualTo("+OK\r\n");
                awaitStreaming(m, r);
                assertThat(writer.written()).isPositive();
            }
            awaitInSync(m, r);
            assertSameData(m, r);
            assertThat(m.callText("CLIENT", "LIST")).contains("flags=S");
            assertThat(m.callText("ROLE")).startsWith("*3\r\n$6\r\nmaster\r\n");
            assertThat(r.callText("ROLE")).contains("connected");

            // the link drops: the replica comes back and continues from the master's backlog
            killReplicaLinks(m);
            m.call("SET", "after-kill", "1");
            m.call("HSET", "h-after-kill", "a", "1");
            awaitInSync(m, r);
            assertThat(Files.readString(replica.dir().resolve("redis.log")))
                    .contains("Successful partial resynchronization with master");
            assertSameData(m, r);

            // WAIT returns once the replica has acknowledged the write
            m.call("SET", "waited", "yes");
            assertThat(m.callText("WAIT", "1", "0")).isEqualTo(":1\r\n");

            // promotion: Redis becomes the master, Redoubt follows it and continues its own history
            assertThat(r.callText("REPLICAOF", "NO", "ONE")).isEqualTo("+OK\r\n");
            r.call("SET", "written-on-promoted", "1");
            assertThat(m.callText("REPLICAOF", "127.0.0.1", Integer.toString(replica.port()))).isEqualTo("+OK\r\n");
            awaitInSync(r, m);
            assertThat(m.callText("SET", "x", "1")).isEqualTo("-READONLY You can't write against a read only replica.\r\n");
            assertThat(Files.readString(replica.dir().resolve("redis.log")))
                    .contains("Partial resynchronization request from");
            assertSameData(r, m);
        }
    }

    @Test
    void redoubtReplicaOfRedisMaster() throws Exception {
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0");
             RedoubtServer replica = TestDatabases.start("dir", dir.toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            r.call("SET", "old-data", "goes away at the full sync");
            DataSet.write(m);
            try (LiveWriter writer = new LiveWriter(master.port())) {
                assertThat(r.callText("REPLICAOF", "127.0.0.1", Integer.toString(master.port()))).isEqualTo("+OK\r\n");
                awaitStreaming(m, r);
                assertThat(writer.written()).isPositive();
            }
            awaitInSync(m, r);
            assertSameData(m, r);
            assertThat(r.callText("SET", "x", "1")).isEqualTo("-READONLY You can't write against a read only replica.\r\n");
            assertThat(r.callText("ROLE")).contains("connected");
            assertThat(r.callText("INFO", "replication")).contains("master_link_status:up");

            // keys with a passed expiry stay on the replica until the master's DEL arrives
            m.call("SET", "short", "v", "PX", "300");
            m.call("SET", "moved", "1");
            m.call("MULTI");
            m.call("INCR", "tx");
            m.call("LPUSH", "tx-list", "a", "b");
            m.call("EXEC");
            m.call("SELECT", "5");
            m.call("SADD", "in-db5", "a", "b", "c");
            m.call("SPOP", "in-db5");
            m.call("SELECT", "0");
            awaitInSync(m, r);
            // the master expires "short" and sends its DEL: then the replica deletes it too
            Awaitility.await().atMost(WAIT).until(() -> m.callText("EXISTS", "short").equals(":0\r\n"));
            awaitInSync(m, r);
            assertThat(r.callText("EXISTS", "short")).isEqualTo(":0\r\n");

            // the link drops: Redoubt reconnects and continues with a partial resync
            long partialBefore = stat(m, "sync_partial_ok");
            killReplicaLinks(m);
            m.call("SET", "after-kill", "1");
            awaitInSync(m, r);
            assertThat(stat(m, "sync_partial_ok")).isEqualTo(partialBefore + 1);
            assertSameData(m, r);

            // promotion: Redoubt becomes a master that accepts writes; Redis follows it
            assertThat(r.callText("REPLICAOF", "NO", "ONE")).isEqualTo("+OK\r\n");
            assertThat(r.callText("SET", "written-on-promoted", "1")).isEqualTo("+OK\r\n");
            assertThat(m.callText("REPLICAOF", "127.0.0.1", Integer.toString(replica.port()))).isEqualTo("+OK\r\n");
            awaitInSync(r, m);
            assertSameData(r, m);
        }
    }

    @Test
    void replicaofInTheConfigFollowsARedisMasterAndAnIdleRedoubtMasterKeepsItsReplicaLinked() throws Exception {
        try (RealRedis redisMaster = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient rm = new RespClient("127.0.0.1", redisMaster.port(), 5000)) {
            rm.call("SET", "from-config", "yes");
            try (RedoubtServer replica = TestDatabases.start("dir", dir.resolve("r").toString(),
                    "replicaof", "127.0.0.1 " + redisMaster.port());
                 RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
                awaitInSync(rm, r);
                assertThat(r.callText("GET", "from-config")).isEqualTo("$3\r\nyes\r\n");
            }
        }
        // a Redoubt master pings its replicas while idle: a Redis replica with a 2 s repl-timeout stays linked
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("m").toString(),
                "repl-ping-replica-period", "1", "repl-diskless-sync-delay", "0");
             RealRedis replica = RealRedis.start("--repl-timeout", "2");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            awaitInSync(m, r);
            long offset = Long.parseLong(field(m, "master_repl_offset"));
            Thread.sleep(4000);
            awaitInSync(m, r);
            assertThat(Long.parseLong(field(m, "master_repl_offset"))).isGreaterThan(offset);
            assertThat(Files.readString(replica.dir().resolve("redis.log"))).doesNotContain("MASTER timeout");
        }
    }

    @Test
    void aReplicasAofRecordsTheMastersStream() throws Exception {
        Path data = dir.resolve("aof-replica");
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000)) {
            m.call("SET", "in-rdb", "1");
            try (RedoubtServer replica = TestDatabases.start("dir", data.toString(), "appendonly", "yes");
                 RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
                r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
                awaitInSync(m, r);
                m.call("SET", "in-stream", "2", "EX", "1000");
                m.call("MULTI");
                m.call("INCR", "tx");
                m.call("SADD", "s", "a");
                m.call("EXEC");
                awaitInSync(m, r);
                r.call("REPLICAOF", "NO", "ONE"); // keeps the data, and the AOF, as a master
            }
            // restarted without replicaof: everything comes back from the replica's own AOF
            try (RedoubtServer again = TestDatabases.start("dir", data.toString(), "appendonly", "yes");
                 RespClient r = new RespClient("127.0.0.1", again.port(), 5000)) {
                assertThat(r.callText("MGET", "in-rdb", "in-stream", "tx"))
                        .isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n1\r\n");
                assertThat(r.callText("TTL", "in-stream")).isNotEqualTo(":-1\r\n");
                assertThat(r.callText("SISMEMBER", "s", "a")).isEqualTo(":1\r\n");
            }
        }
    }

    @Test
    void replicaofItselfIsRefused() throws Exception {
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString());
             RespClient c = new RespClient("127.0.0.1", server.port(), 5000)) {
            assertThat(c.callText("REPLICAOF", "127.0.0.1", Integer.toString(server.port())))
                    .startsWith("-ERR REPLICAOF would make this server a replica of itself");
            assertThat(c.callText("ROLE")).startsWith("*3\r\n$6\r\nmaster\r\n");
        }
    }

    public static long stat(RespClient c, String field) {
        for (String line : c.callText("INFO", "stats").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        throw new AssertionError(field + " not in INFO stats");
    }

    public static String field(RespClient c, String field) {
        for (String line : c.callText("INFO", "replication").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "";
    }

    /**
     * While the master keeps writing: waits until the replica's link is up and it has applied what the
     * master had written when the wait began (equal offsets may never be seen at one poll while the
     * writes go on, on a busy machine).
     */
    static void awaitStreaming(RespClient master, RespClient replica) {
        long target = Long.parseLong(field(master, "master_repl_offset"));
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() ->
                    field(replica, "master_link_status").equals("up")
                            && !field(replica, "slave_repl_offset").isEmpty()
                            && Long.parseLong(field(replica, "slave_repl_offset")) >= target);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not streaming: master " + master.callText("INFO", "replication") + " replica "
                    + replica.callText("INFO", "replication"), e);
        }
    }

    /** Waits until the replica's link is up and it has processed everything its master has sent. */
    public static void awaitInSync(RespClient master, RespClient replica) {
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() ->
                    field(replica, "master_link_status").equals("up")
                            && field(replica, "slave_repl_offset").equals(field(master, "master_repl_offset")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not in sync: master " + master.callText("INFO", "replication") + " replica "
                    + replica.callText("INFO", "replication"), e);
        }
    }

    public static void assertSameData(RespClient expected, RespClient actual) {
        java.util.List<String> theirs = java.util.List.of(render(expected).split("\n\n"));
        java.util.List<String> ours = java.util.List.of(render(actual).split("\n\n"));
        java.util.List<String> missing = new java.util.ArrayList<>(theirs);
        missing.removeAll(ours);
        java.util.List<String> extra = new java.util.ArrayList<>(ours);
        extra.removeAll(theirs);
        assertThat(missing).as("keys that differ; the replica has instead: %s", extra).isEmpty();
        assertThat(extra).isEmpty();
    }

    /** Closes the master's side of every replica link (CLIENT KILL ID of each client flagged S). */
    static void killReplicaLinks(RespClient master) {
        int killed = 0;
        for (String line : master.callText("CLIENT", "LIST").split("\n")) {
            if (line.contains(" flags=S ")) {
                String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
                master.call("CLIENT", "KILL", "ID", id);
                killed++;
            }
        }
        assertThat(killed).as("replica links closed").isPositive();
    }

    /** The whole keyspace without encodings (a replica may encode what its master encoded otherwise). */
    private static String render(RespClient c) {
        return DataSet.render(c).replaceAll(" enc=(short-or-raw-string|\\$\\d+\r\n[^\r]*\r\n)", " ");
    }

    /** Writes to a master on its own connection until closed, as clients do during a full sync. */
    static final class LiveWriter implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong written = new AtomicLong();
        private final Thread thread;

        LiveWriter(int port) {
            thread = new Thread(() -> {
                try (RespClient c = new RespClient("127.0.0.1", port, 5000)) {
                    long i = 0;
                    while (running.get()) {
                        c.call("INCR", "live-counter");
                        c.call("RPUSH", "live-list", Long.toString(i));
                        c.call("HSET", "live-hash", "f" + (i % 50), Long.toString(i));
                        c.call("ZADD", "live-zset", Long.toString(i % 97), "m" + (i % 300));
                        i++;
                        written.set(i);
                    }
                }
            }, "live-writer");
            thread.start();
            Awaitility.await().atMost(WAIT).until(() -> written.get() > 10);
        }

        long written() {
            return written.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
