package io.redoubt.it.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks inside the shared in-process Redoubt from collection tests, always on the shard's own thread:
 * the encoding of a key (what OBJECT ENCODING reports), emptying the keyspace, and changing an
 * encoding parameter on both servers at once.
 */
public final class RedoubtProbe {
    private RedoubtProbe() {
    }

    /** The encoding of {@code key} in database 0, or null when absent or a string. */
    public static String encoding(String key) {
        RedoubtServer server = SharedServers.redoubt();
        return onShard(server, () -> {
            Entry e = server.shard().db(0).peek(key.getBytes(StandardCharsets.UTF_8));
            return e == null || !(e.value() instanceof RedisValue v) ? null : v.encoding();
        });
    }

    /** The shard's accounted memory (what maxmemory compares against). */
    public static long usedMemory() {
        RedoubtServer server = SharedServers.redoubt();
        return onShard(server, () -> server.shard().usedMemory());
    }

    /** Asserts that OBJECT ENCODING on Redis and Redoubt's value both say {@code expected}. */
    public static void assertEncoding(RespClient redis, String key, String expected) {
        assertThat(bulks(redis.callText("OBJECT", "ENCODING", key))).as("Redis encoding of %s", key)
                .containsExactly(expected);
        assertThat(encoding(key)).as("Redoubt encoding of %s", key).isEqualTo(expected);
    }

    /** Empties every database of Redoubt. */
    public static void flush() {
        RedoubtServer server = SharedServers.redoubt();
        onShard(server, () -> server.shard().flushAll());
    }

    /** Sets an encoding parameter on the reference Redis (CONFIG SET) and on Redoubt (CONFIG SET). */
    public static void config(RespClient redis, String name, String value) {
        String reply = redis.callText("CONFIG", "SET", name, value);
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("CONFIG SET " + name + " failed on Redis: " + reply);
        }
        try (RespClient redoubt = RespClient.connect(SharedServers.redoubt().port())) {
            String own = redoubt.callText("CONFIG", "SET", name, value);
            if (!own.startsWith("+OK")) {
                throw new IllegalStateException("CONFIG SET " + name + " failed on Redoubt: " + own);
            }
        }
    }

    /** The bulk string payloads of a RESP reply, in order (payloads must not contain CR LF). */
    public static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$") && !lines[i].equals("$-1") && i + 1 < lines.length) {
                out.add(lines[++i]);
            }
        }
        return out;
    }

    private static <T> T onShard(RedoubtServer server, java.util.concurrent.Callable<T> task) {
        try {
            return server.endpoint().onShardThread(task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
