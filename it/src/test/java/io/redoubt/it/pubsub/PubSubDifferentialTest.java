package io.redoubt.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PubSubDifferentialTest extends DifferentialTest {

    @Test
    void subscribeRepliesAndSubscriberMode() {
        sameN(2, "SUBSCRIBE", "a", "b");
        same("PSUBSCRIBE", "p*");
        same("SSUBSCRIBE", "s1");
        same("GET", "x");
        same("PING");
        same("PING", "hi");
        same("UNSUBSCRIBE", "b");
        // with no arguments Redis walks its channel table in hash order, so only one channel is left here
        same("UNSUBSCRIBE");
        sameN(2, "PUNSUBSCRIBE", "p*", "q*");
        same("SUNSUBSCRIBE");
        same("UNSUBSCRIBE");
        same("PING");
    }

    @Test
    void resp3SubscribersMayRunAnyCommand() {
        resp3();
        sameScript("""
                SUBSCRIBE a
                SET x 1
                GET x
                PING
                UNSUBSCRIBE a
                """);
    }

    @Test
    void pubsubIntrospection() {
        sameScript("""
                PUBSUB NUMPAT
                PUBSUB CHANNELS
                PUBSUB NUMSUB a b
                PUBSUB SHARDNUMSUB a
                PUBSUB SHARDCHANNELS
                PUBSUB HELP
                PUBSUB NOPE
                PUBLISH nobody hello
                SPUBLISH nobody hello
                """);
        resp3();
        sameScript("""
                PUBSUB NUMSUB a b
                PUBSUB SHARDNUMSUB a
                """);
    }

    @Test
    void messagesReachChannelAndPatternSubscribers() {
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            try (RespClient sub = RespClient.connect(port); RespClient pub = RespClient.connect(port)) {
                sub.call("SUBSCRIBE", "news");
                sub.call("PSUBSCRIBE", "n*");
                assertThat(pub.callText("PUBLISH", "news", "hello")).isEqualTo(":2\r\n");
                assertThat(sub.readReplyText()).isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n");
                assertThat(sub.readReplyText())
                        .isEqualTo("*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nhello\r\n");
                assertThat(pub.callText("PUBSUB", "NUMSUB", "news")).isEqualTo("*2\r\n$4\r\nnews\r\n:1\r\n");
                assertThat(pub.callText("PUBSUB", "NUMPAT")).isEqualTo(":1\r\n");
            }
        }
    }

    @Test
    void resp3MessagesArePushes() {
        List<String> seen = new ArrayList<>();
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            try (RespClient sub = RespClient.connect(port); RespClient pub = RespClient.connect(port)) {
                sub.call("HELLO", "3");
                sub.call("SSUBSCRIBE", "sc");
                pub.call("SPUBLISH", "sc", "x");
                seen.add(sub.readReplyText());
            }
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0)).isEqualTo(">3\r\n$8\r\nsmessage\r\n$2\r\nsc\r\n$1\r\nx\r\n");
    }

    @Test
    void closingASubscriberForgetsItsSubscriptions() {
        int port = SharedServers.redoubt().port();
        try (RespClient sub = RespClient.connect(port)) {
            sub.call("SUBSCRIBE", "gone");
        }
        try (RespClient c = RespClient.connect(port)) {
            org.awaitility.Awaitility.await().until(() -> c.callText("PUBLISH", "gone", "x").equals(":0\r\n"));
        }
    }
}
