package io.redoubt.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/** A subscriber that stops reading is disconnected at the pubsub output limit; others are unaffected. */
class SlowSubscriberTest {

    @Test
    void subscriberThatNeverReadsIsDisconnected() throws Exception {
        try (RedoubtServer server = TestDatabases.start()) {
            try (Socket slow = new Socket("127.0.0.1", server.port());
                 RespClient publisher = RespClient.connect(server.port());
                 RespClient fast = RespClient.connect(server.port())) {
                assertThat(fast.callText("CONFIG", "SET", "client-output-buffer-limit", "pubsub 256kb 0 0"))
                        .isEqualTo("+OK\r\n");
                slow.setReceiveBufferSize(4096);
                slow.getOutputStream().write(RespClient.encode("SUBSCRIBE".getBytes(), "firehose".getBytes()));
                slow.getOutputStream().flush();
                Awaitility.await().until(() -> publisher.callText("PUBSUB", "NUMSUB", "firehose").endsWith(":1\r\n"));

                String payload = "x".repeat(4096);
                long delivered = 0;
                for (int i = 0; i < 20_000 && publisher.callText("PUBSUB", "NUMSUB", "firehose").endsWith(":1\r\n"); i++) {
                    publisher.send("PUBLISH", "firehose", payload);
                    delivered += Long.parseLong(publisher.readReplyText().substring(1).strip());
                }
                assertThat(publisher.callText("PUBSUB", "NUMSUB", "firehose")).endsWith(":0\r\n");
                assertThat(delivered).isLessThan(20_000);
                assertThat(fast.callText("PING")).isEqualTo("+PONG\r\n");

                // the slow client's socket ends once it drains what the kernel already holds
                InputStream in = slow.getInputStream();
                slow.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
                byte[] buf = new byte[65536];
                long total = 0;
                int n;
                while ((n = in.read(buf)) != -1) {
                    total += n;
                }
                assertThat(total).isGreaterThan(0);
            }
        }
    }
}
