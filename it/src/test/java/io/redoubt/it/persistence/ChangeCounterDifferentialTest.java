package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * rdb_changes_since_last_save (Redis's server.dirty, which drives the save points) counts what Redis
 * 7.0.15 counts: members added, fields set, elements pushed, popped, trimmed or removed, registers
 * changed, one change for a rename or a move, and none for a key deleted by expiry. Compared after every
 * command (a line starting with {@code ~} has a random reply: only its count is compared).
 */
@Timeout(60)
class ChangeCounterDifferentialTest extends DifferentialTest {

    private void sameChangesAfterEach(String script) {
        same("SAVE");
        for (String line : script.strip().split("\n")) {
            if (line.startsWith("~ ")) {
                both(line.substring(2).split(" ")); // the reply is random: only the count is compared
            } else {
                sameScript(line);
            }
            sameChanges(line);
        }
    }

    private static String changes(String info) {
        int at = info.indexOf("rdb_changes_since_last_save:");
        return info.substring(at, info.indexOf('\r', at));
    }

    @Test
    void keysDeletedByExpiryAreNoChange() throws InterruptedException {
        same("SAVE");
        try {
            same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            same("SET", "lazy", "v", "PX", "20");
            Thread.sleep(100);
            same("GET", "lazy"); // deleted here, on access
            sameChanges("a lazy expiry");
        } finally {
            same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
        same("SET", "active", "v", "PX", "20");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> redis.callText("DBSIZE").equals(":0\r\n") && redoubt.callText("DBSIZE").equals(":0\r\n"));
        sameChanges("an active expiry");
    }

    private void sameChanges(String after) {
        String[] infos = both("INFO", "persistence");
        assertThat(changes(infos[1])).as("rdb_changes_since_last_save after %s", after).isEqualTo(changes(infos[0]));
    }

    @Test
    void collectionWritesCountTheirElements() {
        sameChangesAfterEach("""
                SADD s a b c
                SADD s a d
                SREM s a b x
                HSET h a 1 b 2 c 3
                HSET h a 1
                HDEL h a b x
                HINCRBY h n 1
                RPUSH l a b c d
                LPUSH l x y
                LPOP l 2
                RPOP l
                LREM l 0 c
                LSET l 0 z
                LINSERT l BEFORE z q
                LTRIM l 1 -1
                ZADD z 1 a 2 b 3 c
                ZADD z 1 a 5 b
                ZINCRBY z 1 a
                ZREM z a x
                ZPOPMIN z 1
                MSET m1 1 m2 2 m3 3
                MSETNX n1 1 n2 2
                DEL m1 m2 nosuch
                SETBIT b 1 1
                SETBIT b 1 1
                BITFIELD bf SET u8 0 1 SET u8 8 2 GET u8 0
                BITFIELD bf SET u8 0 1
                SETRANGE sr 0 abc
                APPEND sr d
                INCR i
                INCRBY i 5
                EXPIRE i 100
                PERSIST i
                SMOVE s s2 c
                SPOP s2
                SADD s3 1 2 3 4 5
                ~ SPOP s3 2
                SINTERSTORE d s3 s3
                ZUNIONSTORE zd 1 z
                XADD x 1-1 a 1
                XADD x 2-1 a 2 b 3
                XDEL x 1-1
                XTRIM x MAXLEN 1
                XGROUP CREATE x g $
                XGROUP CREATECONSUMER x g c
                PFADD p a b c
                PFADD p a
                GEOADD g 1 1 a 2 2 b
                HSETNX h q 1
                HMSET h r 1 t 2
                RENAME i i2
                COPY i2 i3
                """);
    }

    @Test
    void popsMovesTrimsAndRenamesCountAsRedisDoes() {
        sameChangesAfterEach("""
                RPUSH l a b c d e f
                LMOVE l l2 LEFT RIGHT
                RPOPLPUSH l l2
                BLPOP l 1
                LMPOP 1 l LEFT COUNT 2
                BLMPOP 1 1 l LEFT COUNT 5
                LPOP l2 5
                SADD s a b
                SADD s a
                SREM s a b
                HSET h a 1 b 2
                HDEL h a b
                ZADD z 1 a 2 b 3 c
                ZADD z INCR 1 a
                ZADD z XX CH 5 a 6 b
                ZREM z a b c
                ZADD z 1 a 2 b 3 c
                ZPOPMIN z 2
                ZREMRANGEBYSCORE z 0 10
                SADD s2 1 2 3 4 5 6 7 8 9 10
                ~ SPOP s2 3
                ~ SPOP s2 20
                SADD s3 a b
                SMOVE s3 s4 a
                SMOVE s3 s4 b
                PFADD p a b c
                PFADD p a b d
                PFADD p2
                PFADD p2 x
                SET k v
                RENAME k k2
                RENAMENX k2 k3
                GEOADD g 1 1 a 2 2 b
                GEOADD g 1 1 a 3 3 b 4 4 c
                BITFIELD bf SET u8 0 1 SET u8 8 2 INCRBY u8 0 1
                BITFIELD bf SET u8 0 2
                LPUSHX l2 a b
                RPUSH l3 a b c
                LREM l3 0 a
                LTRIM l3 5 10
                HSET h2 a 1
                HINCRBYFLOAT h2 a 1.5
                DEL h2 nosuch k3
                MSET a 1 b 2
                UNLINK a b
                SINTERSTORE d s4 s4
                SETRANGE sr 0 abc
                SET mv 1
                MOVE mv 1
                RPUSH t a b c d e
                LTRIM t 1 2
                RPUSH q a
                LMOVE q q2 LEFT LEFT
                RPUSH r a b c
                LMOVE r r LEFT RIGHT
                HSETNX hn a 1
                HSETNX hn a 1
                SADD big 1
                SPOP big
                ZADD zz 1 a 2 b 3 c 4 d
                ZMPOP 1 zz MIN COUNT 2
                BZPOPMIN zz 1
                ZREMRANGEBYRANK zz 0 0
                ZINCRBY zz 1 x
                SETBIT sb 100 1
                BITFIELD bf2 INCRBY u8 100 1 GET u8 0
                PFADD hp a
                PFADD hp b c d e f
                SINTERCARD 1 s
                """);
    }
}
