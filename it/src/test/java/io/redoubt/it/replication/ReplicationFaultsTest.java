package io.redoubt.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * What replication refuses and survives: a corrupt RDB from a master (refused, the replica's data kept,
 * the link retried), a replica that does not authenticate to a master that requires it, a master user
 * with only the replication permissions (masteruser/masterauth), a link down with
 * replica-serve-stale-data no, and REPLICAOF on a database of several shards.
 */
@Timeout(60)
class ReplicationFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aCorruptRdbFromTheMasterIsRefusedAndTheOldDataKept() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket fakeMaster = new ServerSocket(0);
             RedoubtServer replica = TestDatabases.start("dir", dir.toString(), "replica-serve-stale-data", "no");
             RespClient c = new RespClient("127.0.0.1", replica.port(), 5000)) {
            Thread master = new Thread(() -> serveCorruptRdb(fakeMaster, attempts), "fake-master");
            master.setDaemon(true);
            master.start();
            c.call("SET", "kept", "old data");
            assertThat(c.callText("REPLICAOF", "127.0.0.1", Integer.toString(fakeMaster.getLocalPort())))
                    .isEqualTo("+OK\r\n");
            Awaitility.await().atMost(WAIT).until(() -> attempts.get() >= 2); // refused, then retried
            assertThat(c.callText("INFO", "replication")).contains("master_link_status:down");
            // the link is down and stale data may not be served: MASTERDOWN, but INFO and REPLICAOF work
            assertThat(c.callText("GET", "kept"))
                    .isEqualTo("-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.\r\n");
            assertThat(c.callText("CONFIG", "SET", "replica-serve-stale-data", "yes")).isEqualTo("+OK\r\n");
            assertThat(c.callText("GET", "kept")).isEqualTo("$8\r\nold data\r\n");
            assertThat(c.callText("REPLICAOF", "NO", "ONE")).isEqualTo("+OK\r\n");
            assertThat(c.callText("SET", "writable", "again")).isEqualTo("+OK\r\n");
        }
    }

    /** Answers the handshake, then sends an RDB whose body is cut short (its declared length is honest). */
    private static void serveCorruptRdb(ServerSocket server, AtomicInteger attempts) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                attempts.incrementAndGet();
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    String command = readCommand(in);
                    if (command.startsWith("PING")) {
                        out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (command.startsWith("REPLCONF")) {
                        out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (command.startsWith("PSYNC")) {
                        byte[] rdb = "REDIS0010\u00fa\u0009redis-ver".getBytes(StandardCharsets.ISO_8859_1);
                        out.write(("+FULLRESYNC " + "ab".repeat(20) + " 0\r\n$" + rdb.length + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(rdb);
                        out.flush();
                        // the replica must give up on this RDB and close the link itself
                        Awaitility.await().atMost(WAIT).until(() -> s.getInputStream().read() < 0);
                        break;
                    }
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // the next attempt comes on a new connection
            }
        }
    }

    /** The words of one RESP command, joined by spaces. */
    private static String readCommand(BufferedReader in) throws IOException {
        String head = in.readLine();
        if (head == null) {
            throw new IOException("closed");
        }
        int n = Integer.parseInt(head.substring(1));
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < n; i++) {
            in.readLine();
            words.append(in.readLine()).append(' ');
        }
        return words.toString().toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void aReplicaThatDoesNotAuthenticateIsRefusedAndMasteruserWithReplicationRightsIsEnough() throws Exception {
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("m").toString(),
                "requirepass", "master-secret", "repl-diskless-sync-delay", "0");
             RealRedis redisReplica = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", redisReplica.port(), 5000)) {
            m.call("AUTH", "master-secret");
            m.call("ACL", "SETUSER", "repl", "on", ">repl-secret", "+psync", "+replconf", "+ping");
            m.call("SET", "k", "v");
            // no masterauth: the master answers NOAUTH to PSYNC and the replica never syncs
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            Awaitility.await().atMost(WAIT).until(() -> Files.readString(redisReplica.dir().resolve("redis.log"))
                    .contains("NOAUTH"));
            assertThat(r.callText("EXISTS", "k")).isEqualTo(":0\r\n");
            // the least-privilege replication user is enough
            r.call("CONFIG", "SET", "masteruser", "repl");
            r.call("CONFIG", "SET", "masterauth", "repl-secret");
            Awaitility.await().atMost(WAIT).until(() -> r.callText("GET", "k").equals("$1\r\nv\r\n"));
        }
    }

    @Test
    void redoubtAuthenticatesToARedisMasterAsMasteruser() throws Exception {
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0");
             RedoubtServer replica = TestDatabases.start("dir", dir.resolve("r").toString(),
                     "masteruser", "repl", "masterauth", "repl-secret");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            m.call("ACL", "SETUSER", "repl", "on", ">repl-secret", "+psync", "+replconf", "+ping");
            m.call("ACL", "SETUSER", "default", "off");
            m.call("SET", "k", "v");
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            Awaitility.await().atMost(WAIT).until(() -> r.callText("GET", "k").equals("$1\r\nv\r\n"));
        }
    }

    @Test
    void replicaofOnADatabaseOfSeveralShardsIsRefused() throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(2, "dir", dir.resolve("s").toString());
             RespClient c = new RespClient("127.0.0.1", db.port(), 5000)) {
            assertThat(c.callText("REPLICAOF", "127.0.0.1", "6379"))
                    .startsWith("-ERR REPLICAOF is not supported yet on a database of several shards");
        }
    }
}
