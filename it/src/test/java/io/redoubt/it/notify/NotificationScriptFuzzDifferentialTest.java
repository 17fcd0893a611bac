package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random scripts of writes over a handful of keys of every type (so keys are created, emptied,
 * renamed and hit with WRONGTYPE), with every event class on: the notifications must match Redis's
 * byte for byte, in order, and so must every reply.
 */
class NotificationScriptFuzzDifferentialTest extends NotificationDifferentialTest {
    private static final String[] KEYS = {"a", "b", "c", "d"};
    private static final String[] MEMBERS = {"x", "y", "z", "1", "2"};
    // PEXPIRE ... GT asks for twice the longest TTL the other templates set: the same 100 s would be
    // "greater" only when the clock ticked between the two commands, which on a fast server it may not
    private static final String[] TEMPLATES = {
        "SET k n", "SET k n EX 100", "SET k n NX", "SET k n XX", "SET k n KEEPTTL", "APPEND k m", "INCR k",
        "INCRBYFLOAT k 1.5", "DEL k", "UNLINK k k2", "EXPIRE k 100", "EXPIRE k 0", "PEXPIRE k 200000 GT",
        "PERSIST k", "RENAME k k2", "RENAMENX k k2", "COPY k k2", "COPY k k2 REPLACE", "MOVE k 1",
        "SETRANGE k 1 m", "SETBIT k n 1", "SETBIT k n 0", "GETDEL k", "GETEX k PERSIST", "GETEX k EX 50",
        "GETSET k m", "MSET k n k2 m", "MSETNX k n k2 m", "BITFIELD k SET u4 0 n",
        "HSET k m n", "HSET k m n m2 n", "HDEL k m", "HDEL k m m2", "HINCRBY k m 1", "HINCRBYFLOAT k m 2",
        "HSETNX k m n",
        "LPUSH k m", "RPUSH k m m2", "LPUSHX k m", "RPUSHX k m", "LPOP k", "RPOP k 2", "LREM k 0 m",
        "LTRIM k 0 1", "LTRIM k 3 1", "LSET k 0 m", "LINSERT k BEFORE m m2", "LMOVE k k2 LEFT RIGHT",
        "RPOPLPUSH k k2", "LMOVE k k RIGHT LEFT", "LMPOP 2 k k2 LEFT", "LMPOP 1 k RIGHT COUNT 3",
        "SADD k m", "SADD k m m2", "SREM k m", "SREM k m m2", "SMOVE k k2 m", "SINTERSTORE k k2 k3",
        "SUNIONSTORE k k2 k3", "SDIFFSTORE k k2 k3",
        "ZADD k n m", "ZADD k INCR n m", "ZADD k XX CH n m", "ZADD k GT n m", "ZINCRBY k 1 m", "ZREM k m",
        "ZPOPMIN k", "ZPOPMAX k 2", "ZREMRANGEBYRANK k 0 0", "ZREMRANGEBYSCORE k 0 2", "ZREMRANGEBYLEX k - +",
        "ZUNIONSTORE k 2 k2 k3", "ZINTERSTORE k 2 k2 k3", "ZDIFFSTORE k 2 k2 k3", "ZRANGESTORE k k2 0 -1",
        "ZMPOP 1 k MIN",
        "PFADD k m", "PFMERGE k k2", "SORT k ALPHA STORE k2", "BITOP OR k k2 k3", "BITOP NOT k k2",
        "GET k", "EXISTS k k2", "TYPE k", "HGET k m", "LLEN k", "SCARD k", "ZSCORE k m", "TTL k",
    };

    @Test
    void randomScriptsProduceTheSameNotifications() {
        enable("KEAmn");
        for (int seed = 1; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                lines.add(command(random));
            }
            assertThat(sameEvents(String.join("\n", lines))).as("events of seed %d", seed).hasSizeGreaterThan(100);
            same("FLUSHALL");
            sameEventsSoFar();
        }
    }

    private static String command(SplittableRandom random) {
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        StringBuilder out = new StringBuilder();
        for (String word : template.split(" ")) {
            String w = switch (word) {
                case "k", "k2", "k3" -> KEYS[random.nextInt(KEYS.length)];
                case "m", "m2" -> MEMBERS[random.nextInt(MEMBERS.length)];
                case "n" -> Integer.toString(random.nextInt(6));
                default -> word;
            };
            out.append(out.isEmpty() ? "" : " ").append(w);
        }
        return out.toString();
    }
}
