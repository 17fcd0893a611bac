package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Notifications delivered to RESP3 subscribers arrive as push messages, byte for byte as in Redis. */
class Resp3NotificationDifferentialTest extends NotificationDifferentialTest {

    @Override
    protected int protocol() {
        return 3;
    }

    @Test
    void pushMessages() {
        enable("KEA");
        assertThat(sameEvents("""
                SET k v EX 100
                HSET h f v
                LPUSH l a
                LPOP l
                SADD s a
                ZADD z 1 a
                RENAME k k2
                DEL k2 h s z
                """)).hasSize(28);
    }

    @Test
    void onlySomeClassesAndOneChannelKind() {
        enable("El");
        assertThat(sameEvents("""
                SET k v
                LPUSH l a
                RPOP l
                DEL k
                """)).containsExactly("__keyevent@0__:lpush l", "__keyevent@0__:rpop l");
        enable("Kg$");
        assertThat(sameEvents("""
                SET k v
                LPUSH l a
                RPOP l
                DEL k
                """)).containsExactly("__keyspace@0__:k set", "__keyspace@0__:l del", "__keyspace@0__:k del");
    }

    @Test
    void binaryAndOddKeys() {
        enable("KEA");
        sameEvents("""
                SET "a b\\r\\nc" 1
                SET "" empty
                SET "__keyspace@0__:x" nested
                SET "\\xff\\x00" bin
                DEL "a b\\r\\nc" "" "__keyspace@0__:x" "\\xff\\x00"
                """);
    }
}
