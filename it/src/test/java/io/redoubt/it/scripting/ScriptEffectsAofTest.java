package io.redoubt.it.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Scripts reach the AOF as their effects, as Redis 7 writes them: the commands the script ran (never
 * the EVAL), the writes of one script inside MULTI/EXEC, nothing for a script that wrote nothing, and
 * the values a script computed (TIME, math.random) as they were, so a replay gives the same data.
 * Compared with the incremental AOF of a Redis 7.0.15 given the same requests, and replayed by a
 * restart.
 */
@Timeout(120)
class ScriptEffectsAofTest {
    @TempDir
    Path tmp;

    private static final String[][] REQUESTS = {
        {"SET", "plain", "1"},
        {"EVAL", "redis.call('set', KEYS[1], ARGV[1]) redis.call('incr', 'counter') return 1", "1", "k", "v"},
        {"EVAL", "return redis.call('get', 'k')", "0"},
        {"EVAL", "redis.call('set', 'r', tostring(math.random())) redis.call('rpush', 'l', 'a', 'b') return 1", "0"},
        {"EVAL", "redis.call('select', 3) redis.call('set', 'in3', 'x') redis.call('set', 'in3b', 'y') return 1", "0"},
        {"SET", "after", "1"},
        {"EVAL", "return redis.call('set', 'one', '1')", "0"},
        {"EVAL_RO", "return redis.call('get', 'one')", "0"},
        {"EVAL", "redis.call('set', 'p', '1') redis.pcall('incr', 'k') redis.call('del', 'plain') return 1", "0"},
    };

    @Test
    void scriptWritesAreLoggedAsTheirEffectsAsRedisLogsThem() throws Exception {
        String theirs;
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always");
             RespClient c = RespClient.connect(redis.port())) {
            for (String[] r : REQUESTS) {
                c.call(r);
            }
            theirs = incrementalAof(redis.dir().resolve("appendonlydir"));
        }
        Path dir = tmp.resolve("redoubt");
        String ours;
        String data;
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString(), "appendonly", "yes",
                "appendfsync", "always"); RespClient c = RespClient.connect(server.port())) {
            for (String[] r : REQUESTS) {
                c.call(r);
            }
            ours = incrementalAof(dir.resolve("appendonlydir"));
            data = dump(c);
        }
        assertThat(ours.replace("\r\n", "|")).isEqualTo(theirs.replace("\r\n", "|"));
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString(), "appendonly", "yes");
             RespClient c = RespClient.connect(server.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> c.callText("PING").equals("+PONG\r\n"));
            assertThat(dump(c)).isEqualTo(data);
        }
    }

    private static String dump(RespClient c) {
        StringBuilder s = new StringBuilder();
        for (String db : new String[] {"0", "3"}) {
            c.call("SELECT", db);
            for (String key : new String[] {"plain", "k", "counter", "r", "in3", "in3b", "after", "p", "one"}) {
                s.append(db).append(':').append(key).append('=').append(c.callText("GET", key));
            }
            s.append(c.callText("LRANGE", "l", "0", "-1"));
        }
        c.call("SELECT", "0");
        return s.toString();
    }

    private static String incrementalAof(Path aofDir) throws Exception {
        try (Stream<Path> files = Files.list(aofDir)) {
            Path incr = files.filter(p -> p.getFileName().toString().endsWith(".incr.aof")).findFirst().orElseThrow();
            return Files.readString(incr, StandardCharsets.ISO_8859_1);
        }
    }
}
