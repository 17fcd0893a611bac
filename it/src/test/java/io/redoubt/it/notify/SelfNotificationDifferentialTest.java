package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A RESP3 client subscribed to its own keyspace events receives the push messages and its command's
 * reply on one connection: their interleaving (whether a command replies before or after notifying)
 * must be Redis's, byte for byte.
 */
class SelfNotificationDifferentialTest extends DifferentialTest {
    private static final String MARKER = "self-notify-end";

    @AfterEach
    void notificationsOff() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            c.call("CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    @Test
    void pushesAndRepliesInterleaveAsInRedis() {
        resp3();
        same("PSUBSCRIBE", "__key*__:*");
        same("CONFIG", "SET", "notify-keyspace-events", "KEAn");
        java.util.List<String> mismatched = new java.util.ArrayList<>();
        for (String line : """
                SET k v
                SET k v EX 100
                SETNX n 1
                GETSET k v2
                GETDEL k
                SET k v
                GETEX k EX 100
                GETEX k PERSIST
                MSET a 1 b 2
                MSETNX c 1 d 2
                APPEND a x
                SETRANGE a 0 y
                INCR i
                INCRBYFLOAT f 1
                SETBIT bits 3 1
                BITFIELD bf SET u8 0 1
                BITOP OR bo bits
                PFADD h x
                PFMERGE h2 h
                DEL a b
                EXPIRE c 100
                PERSIST c
                EXPIRE c 0
                RENAME d d2
                MOVE d2 1
                COPY i i2
                HSET hash f v
                HSETNX hash g v
                HINCRBY hash n 1
                HINCRBYFLOAT hash x 1
                HDEL hash f g n x
                LPUSH l a b c
                RPUSHX l d
                LINSERT l BEFORE a z
                LSET l 0 q
                LREM l 1 q
                LTRIM l 0 10
                LPOP l
                RPOP l 1
                LMOVE l l2 LEFT RIGHT
                RPOPLPUSH l l2
                LMPOP 1 l2 LEFT
                SORT l2 ALPHA STORE sorted
                SADD s 1 2 3
                SREM s 1
                SMOVE s s2 2
                SINTERSTORE s3 s s2
                SADD s 2
                SINTERSTORE s3 s s2
                SINTERSTORE s3 s s2 nothing
                SINTERSTORE s3 s s2
                SREM s 2
                SINTERSTORE s3 s s2
                SPOP s
                SUNIONSTORE s3 s s2
                SDIFFSTORE s3 s s2
                SPOP s 5
                ZADD z 1 a 2 b 3 c
                ZINCRBY z 1 a
                ZREM z a
                ZREMRANGEBYSCORE z 0 2
                ZREMRANGEBYRANK z 0 0
                ZADD z 1 a 1 b
                ZREMRANGEBYLEX z - [a
                ZPOPMIN z
                ZADD z 1 a 2 b
                ZPOPMAX z 5
                ZADD z 1 a 2 b
                ZMPOP 1 z MIN
                ZUNIONSTORE zs 1 z
                ZINTERSTORE zs 1 z
                ZDIFFSTORE zs 1 z
                ZRANGESTORE zr z 0 -1
                ZRANGESTORE zr nothing 0 -1
                ZUNIONSTORE zs 1 nothing
                SORT l2 ALPHA STORE sorted
                SORT nothing STORE sorted
                LPUSH one x
                RPOPLPUSH one one
                LMOVE one other LEFT LEFT
                HSET hash a 1 b 2
                HMSET hash a 3
                HDEL hash a b
                ZADD zz INCR 1 a
                ZADD zz XX 5 nothing
                EXPIREAT c 1
                PEXPIRE i 100000
                SET k v
                GETEX k PXAT 1
                """.split("\n")) {
            String[] args = line.strip().split(" ");
            String expected = exchange(redis, args);
            String actual = exchange(redoubt, args);
            if (!actual.equals(expected)) {
                mismatched.add(line.strip() + "\n  redis:   " + outline(expected) + "\n  redoubt: " + outline(actual));
            }
        }
        assertThat(mismatched).as("commands whose pushes and reply interleave differently").isEmpty();
    }

    /** Frames abbreviated to their kind and last word: the order of pushes and reply shows at a glance. */
    private static String outline(String frames) {
        return frames.replace("\r\n", " ").replace(">4 $8 pmessage $10 __key*__:* ", "PUSH ");
    }

    /** Every frame the server sends for {@code args} (pushes and the reply), up to a marker. */
    private static String exchange(RespClient c, String[] args) {
        c.send(args);
        c.send("ECHO", MARKER);
        StringBuilder frames = new StringBuilder();
        while (true) {
            String frame = new String(c.readReply(), StandardCharsets.ISO_8859_1);
            if (frame.equals("$" + MARKER.length() + "\r\n" + MARKER + "\r\n")) {
                return frames.toString();
            }
            frames.append(frame);
        }
    }
}
