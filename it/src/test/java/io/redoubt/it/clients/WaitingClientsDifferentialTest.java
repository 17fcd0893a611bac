package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22, "clients that wait forever today": each case left a real client waiting for a reply that
 * never came. Every case runs against Redis 7.0.15 and Redoubt with the same requests and the raw
 * replies (pushes included) must be identical. Every read is bounded by the client's socket timeout.
 */
@Timeout(60)
class WaitingClientsDifferentialTest extends DifferentialTest {
    private RespClient redisOther;
    private RespClient redoubtOther;

    @BeforeEach
    void connectSecondClients() {
        redisOther = RespClient.connect(SharedServers.redis().port());
        redoubtOther = RespClient.connect(SharedServers.redoubt().port());
    }

    @AfterEach
    void closeSecondClients() {
        redisOther.call("CLIENT", "UNPAUSE");
        redoubtOther.call("CLIENT", "UNPAUSE");
        redisOther.close();
        redoubtOther.close();
    }

    /** Sends {@code args} on the second connection of both servers; the replies must match. */
    private void otherSame(String... args) {
        assertThat(printable(redoubtOther.callText(args))).as("reply to %s", String.join(" ", args))
                .isEqualTo(printable(redisOther.callText(args)));
    }

    /** Reads one reply from each first connection; they must match. */
    private String nextSame(String what) {
        String expected = redis.readReplyText();
        assertThat(printable(redoubt.readReplyText())).as(what).isEqualTo(printable(expected));
        return expected;
    }

    private void sendBoth(String... args) {
        redis.send(args);
        redoubt.send(args);
    }

    @Test
    void resp3SubscriberWithRepliesOffStillGetsConfirmationsAndMessages() {
        resp3();
        sendBoth("CLIENT", "REPLY", "OFF");
        sendBoth("SUBSCRIBE", "news");
        assertThat(nextSame("subscribe confirmation under CLIENT REPLY OFF")).startsWith(">3");
        otherSame("PUBLISH", "news", "hello");
        assertThat(nextSame("message under CLIENT REPLY OFF")).contains("hello");
        sendBoth("PSUBSCRIBE", "n*");
        nextSame("psubscribe confirmation");
        sendBoth("PING"); // an ordinary reply: dropped
        sendBoth("UNSUBSCRIBE", "news");
        assertThat(nextSame("unsubscribe confirmation, the PING's reply dropped")).contains("unsubscribe");
        sendBoth("PUBLISH", "news", "to myself"); // its :1 is dropped, the pattern message is pushed
        assertThat(nextSame("own message through the pattern")).contains("to myself");
        same("CLIENT", "REPLY", "ON");
    }

    @Test
    void resp2SubscriberWithRepliesOffStillGetsConfirmationsAndMessages() {
        sendBoth("CLIENT", "REPLY", "OFF");
        sendBoth("SUBSCRIBE", "news");
        nextSame("subscribe confirmation under CLIENT REPLY OFF");
        otherSame("PUBLISH", "news", "hello");
        nextSame("message under CLIENT REPLY OFF");
    }

    @Test
    void clientReplyOnAfterSkipIsAnswered() {
        sendBoth("CLIENT", "REPLY", "SKIP");
        same("CLIENT", "REPLY", "ON");
        same("PING");
        sendBoth("CLIENT", "REPLY", "SKIP");
        sendBoth("PING");
        same("ECHO", "only this one");
        sendBoth("CLIENT", "REPLY", "OFF");
        sendBoth("CLIENT", "REPLY", "SKIP");
        sendBoth("PING");
        same("CLIENT", "REPLY", "ON");
    }

    @Test
    void xreadgroupWaiterIsWokenWhenItsStreamIsDeleted() {
        blockedXreadgroupEndsAfter("DEL", "s");
    }

    @Test
    void xreadgroupWaiterIsWokenWhenItsStreamBecomesAnotherType() {
        blockedXreadgroupEndsAfter("SET", "s", "not a stream");
    }

    @Test
    void xreadgroupWaiterIsWokenWhenItsStreamIsRenamedAway() {
        blockedXreadgroupEndsAfter("RENAME", "s", "elsewhere");
    }

    @Test
    void xreadgroupWaiterIsWokenWhenItsStreamIsFlushed() {
        blockedXreadgroupEndsAfter("FLUSHALL");
    }

    @Test
    void xreadgroupWaiterIsWokenWhenItsGroupIsDestroyed() {
        blockedXreadgroupEndsAfter("XGROUP", "DESTROY", "s", "g");
    }

    private void blockedXreadgroupEndsAfter(String... change) {
        same("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        sendBoth("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(1);
        otherSame(change);
        nextSame("the woken XREADGROUP after " + String.join(" ", change));
        same("PING"); // the connection is usable again
    }

    @Test
    void otherBlockingCommandsKeepWaitingWhenTheirKeyChangesType() {
        sendBoth("BLPOP", "l", "0");
        awaitBlocked(1);
        otherSame("SET", "l", "x");
        otherSame("DEL", "l");
        otherSame("XADD", "l", "1-1", "f", "v"); // a stream now: still not a list
        otherSame("DEL", "l");
        otherSame("RPUSH", "l", "served");
        nextSame("BLPOP served after the key was a string and a stream");
        sendBoth("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        awaitBlocked(1);
        otherSame("SET", "s", "x");
        otherSame("DEL", "s");
        otherSame("XADD", "s", "1-1", "f", "v");
        nextSame("XREAD served after its key was a string");
    }

    @Test
    void readOnlyTransactionRunsDuringPauseWrite() {
        same("SET", "foo", "bar");
        otherSame("CLIENT", "PAUSE", "100000", "WRITE");
        same("MULTI");
        same("PING");
        same("GET", "foo");
        same("CONFIG", "GET", "maxmemory");
        same("EXISTS", "foo");
        same("EXEC");
    }

    @Test
    void writingTransactionWaitsForPauseWriteToEnd() {
        same("MULTI");
        same("SET", "x", "1");
        same("GET", "x");
        otherSame("CLIENT", "PAUSE", "100000", "WRITE");
        sendBoth("EXEC");
        awaitPostponed();
        otherSame("GET", "x"); // reads go on; the transaction has not run
        otherSame("CLIENT", "UNPAUSE");
        nextSame("EXEC after the pause");
        same("GET", "x");
    }

    /** PUBLISH and PFCOUNT may replicate, so Redis holds them under CLIENT PAUSE WRITE as it holds writes. */
    @Test
    void mayReplicateCommandsWaitForPauseWriteToEnd() {
        otherSame("CLIENT", "PAUSE", "100000", "WRITE");
        sendBoth("PUBLISH", "news", "paused");
        awaitPostponed();
        otherSame("GET", "x");
        otherSame("CLIENT", "UNPAUSE");
        nextSame("PUBLISH after the pause");
        otherSame("CLIENT", "PAUSE", "100000", "WRITE");
        sendBoth("PFCOUNT", "hll");
        awaitPostponed();
        otherSame("CLIENT", "UNPAUSE");
        nextSame("PFCOUNT after the pause");
    }

    @Test
    void writeQueuedDuringPauseWriteWaitsAtQueueTime() {
        otherSame("CLIENT", "PAUSE", "100000", "WRITE");
        same("MULTI");
        sendBoth("SET", "x", "1");
        awaitPostponed();
        otherSame("CLIENT", "UNPAUSE");
        nextSame("SET queued after the pause");
        same("EXEC");
    }

    private void awaitBlocked(int clients) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(redisOther.callText("INFO", "clients")).contains("blocked_clients:" + clients + "\r\n");
            assertThat(redoubtOther.callText("INFO", "clients")).contains("blocked_clients:" + clients + "\r\n");
        });
    }

    /** Both first clients hold a command until the pause ends (CLIENT LIST flag b, as in Redis). */
    private void awaitPostponed() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(redisOther.callText("CLIENT", "LIST")).containsPattern("flags=[a-zA-Z]*b");
            assertThat(redoubtOther.callText("CLIENT", "LIST")).containsPattern("flags=[a-zA-Z]*b");
        });
    }
}
