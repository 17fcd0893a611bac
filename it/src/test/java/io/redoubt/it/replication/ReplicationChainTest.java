package io.redoubt.it.replication;

import static io.redoubt.it.replication.ReplicationWithRedisTest.assertSameData;
import static io.redoubt.it.replication.ReplicationWithRedisTest.awaitInSync;
import static io.redoubt.it.replication.ReplicationWithRedisTest.field;
import static io.redoubt.it.replication.ReplicationWithRedisTest.killReplicaLinks;
import static io.redoubt.it.replication.ReplicationWithRedisTest.stat;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.persistence.DataSet;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * A replica of a Redoubt replica (a chain): the Redoubt replica passes its master's stream on as it
 * is, so its own replicas (a Redis one and a Redoubt one) have the master's replication ID and
 * offsets, as in Redis since 4.0: they are compared with the top master by offset and by data,
 * through a full sync, a partial resync on each link of the chain, and writes in several databases.
 */
@Timeout(120)
class ReplicationChainTest {
    @TempDir
    Path dir;

    @Test
    void replicasOfARedoubtReplicaFollowTheRedisMastersHistory() throws Exception {
        try (RealRedis top = RealRedis.start("--repl-diskless-sync-delay", "0");
             RedoubtServer middle = TestDatabases.start("dir", dir.resolve("middle").toString(),
                     "repl-diskless-sync-delay", "0");
             RealRedis redisLeaf = RealRedis.start();
             RedoubtServer redoubtLeaf = TestDatabases.start("dir", dir.resolve("leaf").toString());
             RespClient m = new RespClient("127.0.0.1", top.port(), 5000);
             RespClient mid = new RespClient("127.0.0.1", middle.port(), 5000);
             RespClient rl = new RespClient("127.0.0.1", redisLeaf.port(), 5000);
             RespClient xl = new RespClient("127.0.0.1", redoubtLeaf.port(), 5000)) {
            DataSet.write(m);
            mid.call("REPLICAOF", "127.0.0.1", Integer.toString(top.port()));
            awaitInSync(m, mid);
            // the stream has a database other than 0 selected when the leaves sync from the middle
            m.call("SELECT", "3");
            m.call("SET", "in-db3", "1");
            awaitInSync(m, mid);
            rl.call("REPLICAOF", "127.0.0.1", Integer.toString(middle.port()));
            xl.call("REPLICAOF", "127.0.0.1", Integer.toString(middle.port()));
            awaitInSync(m, rl);
            awaitInSync(m, xl);
            m.call("SET", "in-db3-after", "2"); // no SELECT before it: the leaves know db 3 from the RDB
            m.call("SELECT", "0");
            m.call("HSET", "h-after", "f", "v");
            awaitInSync(m, rl);
            awaitInSync(m, xl);
            assertThat(field(rl, "master_replid")).isEqualTo(field(m, "master_replid"));
            assertThat(field(xl, "master_replid")).isEqualTo(field(m, "master_replid"));
            assertSameData(m, rl);
            assertSameData(m, xl);

            // the leaves' links drop: they continue from the middle's backlog
            killReplicaLinks(mid);
            m.call("SET", "after-leaf-kill", "1");
            awaitInSync(m, rl);
            awaitInSync(m, xl);
            assertThat(stat(mid, "sync_partial_ok")).isEqualTo(2);
            // the middle's link drops: it continues from the top's backlog, and the leaves go on with it
            killReplicaLinks(m);
            m.call("SELECT", "7");
            m.call("LPUSH", "after-middle-kill", "a");
            awaitInSync(m, mid);
            awaitInSync(m, rl);
            awaitInSync(m, xl);
            assertSameData(m, rl);
            assertSameData(m, xl);
            assertThat(stat(mid, "sync_full")).isEqualTo(2);
        }
    }
}
