package io.redoubt.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** CLIENT UNBLOCK answers a blocked client as a timeout would, or with an error; same on both servers. */
class ClientUnblockTest {

    private static long id(RespClient c) {
        String reply = c.callText("CLIENT", "ID");
        return Long.parseLong(reply.substring(1).strip());
    }

    private void unblocks(int port, String reason, String expectedReply) {
        try (RespClient waiter = RespClient.connect(port); RespClient admin = RespClient.connect(port)) {
            long id = id(waiter);
            assertThat(admin.callText("CLIENT", "UNBLOCK", Long.toString(id))).isEqualTo(":0\r\n");
            waiter.send("BLPOP", "unblock:none", "0");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    admin.callText(reason == null ? new String[] {"CLIENT", "UNBLOCK", Long.toString(id)}
                            : new String[] {"CLIENT", "UNBLOCK", Long.toString(id), reason}).equals(":1\r\n"));
            assertThat(waiter.readReplyText()).as("port %d", port).isEqualTo(expectedReply);
            assertThat(waiter.callText("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void unblockAsTimeout() {
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            unblocks(port, null, "*-1\r\n");
        }
    }

    @Test
    void unblockWithError() {
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            unblocks(port, "ERROR", "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
        }
    }

    @Test
    void badReason() {
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            try (RespClient c = RespClient.connect(port)) {
                assertThat(c.callText("CLIENT", "UNBLOCK", "1", "LATER"))
                        .isEqualTo("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n");
            }
        }
    }
}
