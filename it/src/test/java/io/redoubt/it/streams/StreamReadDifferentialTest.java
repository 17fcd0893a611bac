package io.redoubt.it.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** XREAD (and XREADGROUP) without and with BLOCK, replies compared byte for byte with Redis 7.0.15. */
class StreamReadDifferentialTest extends DifferentialTest {

    @Test
    void xreadWithoutBlocking() {
        sameScript("""
                XADD s 1-1 a 1
                XADD s 2-1 b 2
                XADD s 3-1 c 3
                XADD t 5-0 x y
                XREAD STREAMS s 0
                XREAD COUNT 1 STREAMS s 0
                XREAD COUNT 0 STREAMS s 1-1
                XREAD COUNT -3 STREAMS s 1-1
                XREAD STREAMS s t 1-1 0
                XREAD STREAMS s t 3-1 0
                XREAD STREAMS s t 3-1 5
                XREAD STREAMS s $
                XREAD STREAMS nokey 0
                XREAD STREAMS nokey s 0 2
                XREAD STREAMS s 18446744073709551615-18446744073709551615
                XREAD STREAMS s -
                XREAD STREAMS s +
                XREAD STREAMS s 2
                XREAD STREAMS s abc
                XREAD STREAMS s >
                XREAD STREAMS s
                XREAD STREAMS s t 0
                XREAD COUNT 1 STREAMS
                XREAD COUNT x STREAMS s 0
                XREAD FOO STREAMS s 0
                XREAD GROUP g c STREAMS s 0
                XREAD NOACK STREAMS s 0
                XREAD BLOCK -1 STREAMS s 0
                XREAD BLOCK 1.5 STREAMS s 0
                XREAD BLOCK 0 STREAMS s 0
                XREAD COUNT 1 BLOCK 10 STREAMS s t 2-1 0
                XDEL s 3-1
                XREAD STREAMS s 2-1
                SET str x
                XREAD STREAMS str 0
                XREAD STREAMS s str 0 0
                MULTI
                XREAD BLOCK 0 STREAMS s 3-1
                XREAD BLOCK 0 STREAMS s 0
                EXEC
                """);
        resp3();
        sameScript("""
                XREAD STREAMS s t 0 0
                XREAD STREAMS s 9
                XREAD BLOCK 1 STREAMS s 9
                """);
    }

    /** Sends a blocking read to both servers on fresh connections; returns them, parked. */
    private RespClient[] parked(String... args) {
        RespClient a = RespClient.connect(SharedServers.redis().port());
        RespClient b = RespClient.connect(SharedServers.redoubt().port());
        a.send(args);
        b.send(args);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.callText("INFO", "clients").contains("blocked_clients:1"));
        // Redoubt parks the command on its shard thread; a round trip on another connection after the
        // send has been read makes sure it has run before the write that should wake it.
        redoubt.call("PING");
        redoubt.call("PING");
        return new RespClient[] {a, b};
    }

    private void sameReply(RespClient[] clients) {
        String expected = clients[0].readReplyText();
        String actual = clients[1].readReplyText();
        assertThat(printable(actual)).isEqualTo(printable(expected));
        clients[0].close();
        clients[1].close();
    }

    @Test
    void blockedXreadDollarServesOnlyNewEntries() {
        same("XADD", "s", "1-1", "a", "1");
        RespClient[] c = parked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        same("XADD", "s", "2-1", "b", "2");
        sameReply(c);
    }

    @Test
    void blockedXreadOnMissingKeyWakesOnCreation() {
        RespClient[] c = parked("XREAD", "COUNT", "5", "BLOCK", "0", "STREAMS", "other", "s", "$", "$");
        same("SET", "unrelated", "x");
        same("XADD", "s", "7-1", "b", "2");
        sameReply(c);
    }

    @Test
    void blockedXreadIgnoresDeletesAndServesLaterAdd() {
        same("XADD", "s", "1-1", "a", "1");
        same("XADD", "s", "2-1", "a", "1");
        RespClient[] c = parked("XREAD", "BLOCK", "0", "STREAMS", "s", "2-1");
        same("XDEL", "s", "1-1");
        same("XADD", "s", "3-1", "c", "3");
        sameReply(c);
    }

    @Test
    void blockedXreadTimesOutWithNull() {
        same("XREAD", "BLOCK", "50", "STREAMS", "s", "$");
        same("XADD", "s", "1-1", "a", "1");
        same("XREAD", "BLOCK", "50", "STREAMS", "s", "$");
        resp3();
        same("XREAD", "BLOCK", "50", "STREAMS", "s", "1-1");
    }

    @Test
    void blockedXreadgroupServesNewEntries() {
        same("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RespClient[] c = parked("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        same("XADD", "s", "4-1", "f", "v");
        sameReply(c);
        same("XPENDING", "s", "g");
        same("XINFO", "GROUPS", "s");
    }

    @Test
    void blockedXreadgroupFailsWhenGroupIsDestroyed() {
        same("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RespClient[] c = parked("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        same("XGROUP", "DESTROY", "s", "g");
        sameReply(c);
    }

    @Test
    void blockedXreadgroupStaysBlockedOnUnrelatedChange() {
        same("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RespClient[] c = parked("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "BLOCK", "0", "STREAMS", "s", ">");
        same("XGROUP", "CREATE", "s", "other", "$");
        same("XADD", "s", "1-1", "a", "1");
        same("XADD", "s", "2-1", "b", "2");
        sameReply(c);
        same("XPENDING", "s", "g");
    }

    @Test
    void wokenXreadIsServedFromTheReadyKeyOnly() {
        same("XADD", "a", "1-1", "f", "v");
        same("XADD", "b", "1-1", "f", "v");
        RespClient[] c = parked("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        same("MULTI");
        same("XADD", "b", "2-1", "f", "v");
        same("XADD", "a", "2-1", "f", "v");
        same("EXEC");
        sameReply(c);
    }
}
