package io.redoubt.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RawReplica;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * The replication stream a master sends, as a client attached with SYNC reads it, compared command by
 * command between Redoubt and redis-server 7.0.15 for the same writes: SELECT where the database
 * changes, MULTI/EXEC around a transaction, relative expiries recorded as absolute times (compared as
 * "a time within a second of the one expected", since the two servers ran them a few ms apart), and
 * the DEL a master sends when a key's time has passed, and SPOP recorded as the SREM of the members it
 * took (which members depends on chance: they are compared as a count), blocking pops and moves as
 * the pop or move they made (served at once or after blocking), INCRBYFLOAT as the value it wrote.
 */
@Timeout(60)
class ReplicationStreamDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void theStreamMatchesRedisCommandByCommand() throws Exception {
        try (RedoubtServer redoubt = TestDatabases.start("dir", dir.toString());
             RealRedis redis = RealRedis.start("--repl-diskless-sync-delay", "0")) {
            List<String> ours = streamOf(redoubt.port());
            List<String> theirs = streamOf(redis.port());
            assertThat(ours).isEqualTo(theirs);
            assertThat(theirs).contains("MULTI", "EXEC", "SELECT 2", "SET b 2 PXAT <t+100s>",
                    "PEXPIREAT a <t+200s>", "SET e v PXAT <t+50s>", "PERSIST b", "DEL gone", "DEL s",
                    "LPOP bl", "RPOP bl", "LMOVE bl bl2 LEFT RIGHT", "RPOPLPUSH bl bl2", "LPOP bl2 2", "ZPOPMIN z",
                    "ZPOPMAX z 1", "SET f 1.5 KEEPTTL", "HSET hf x 0.25", "LPOP empty");
        }
    }

    /** Attaches with SYNC, runs the same writes, and returns the stream up to the end marker. */
    private static List<String> streamOf(int port) throws IOException {
        try (RawReplica replica = RawReplica.attach(port);
             RespClient c = new RespClient("127.0.0.1", port, 5000)) {
            long now = System.currentTimeMillis();
            c.call("SET", "a", "1");
            c.call("SET", "b", "2", "EX", "100");
            c.call("EXPIRE", "a", "200");
            c.call("MULTI");
            c.call("INCR", "c");
            c.call("LPUSH", "l", "x", "y");
            c.call("EXEC");
            c.call("SELECT", "2");
            c.call("SET", "d", "1");
            c.call("SELECT", "0");
            c.call("HSET", "h", "f", "v");
            c.call("GETEX", "b", "PERSIST");
            c.call("SETEX", "e", "50", "v");
            c.call("DEL", "a");
            c.call("SADD", "s", "a", "b", "c", "d", "e", "f");
            c.call("SPOP", "s");
            c.call("SPOP", "s", "2");
            c.call("SPOP", "s", "10");
            c.call("RPUSH", "bl", "a", "b", "c", "d", "e");
            c.call("BLPOP", "bl", "0");
            c.call("BRPOP", "bl", "0");
            c.call("BLMOVE", "bl", "bl2", "LEFT", "RIGHT", "0");
            c.call("BRPOPLPUSH", "bl", "bl2", "0");
            c.call("BLMPOP", "0", "1", "bl2", "LEFT", "COUNT", "2");
            c.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
            c.call("BZPOPMIN", "z", "0");
            c.call("BZMPOP", "0", "1", "z", "MAX", "COUNT", "1");
            c.call("INCRBYFLOAT", "f", "1.5");
            c.call("HINCRBYFLOAT", "hf", "x", "0.25");
            try (RespClient blocked = new RespClient("127.0.0.1", port, 5000)) {
                blocked.send("BLPOP", "empty", "5");
                c.call("CLIENT", "LIST"); // the BLPOP has arrived and parked before the push
                c.call("RPUSH", "empty", "x");
                assertThat(blocked.readReplyText()).contains("empty");
            }
            c.call("SET", "gone", "soon", "PXAT", Long.toString(now - 1000 + 200));
            sleep(400);
            c.call("GET", "gone"); // expired by now: deleted (lazily, or by the active cycle) and a DEL sent
            c.call("SET", "marker", "end");

            List<String> commands = new ArrayList<>();
            for (List<String> argv : replica.until(argv -> String.join(" ", argv).equals("SET marker end"))) {
                String text = String.join(" ", normalize(argv, now));
                if (argv.get(0).equalsIgnoreCase("SREM")) {
                    text = "SREM " + argv.get(1) + " <" + (argv.size() - 2) + " members>";
                }
                commands.add(text);
            }
            return commands;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Absolute times become {@code <t+Ns>}: N the relative time asked, checked within 5 s. */
    private static List<String> normalize(List<String> argv, long now) {
        List<String> out = new ArrayList<>(argv);
        for (int i = 0; i < out.size(); i++) {
            String a = out.get(i);
            if (a.matches("\\d{13}")) {
                long seconds = Math.round((Long.parseLong(a) - now) / 1000.0);
                out.set(i, "<t+" + seconds + "s>");
            }
        }
        return out;
    }
}
