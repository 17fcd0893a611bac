package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RawStreams;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/** client-output-buffer-limit for normal clients: a client that does not read its replies is cut off. */
class OutputBufferLimitTest {
    private static final int VALUE = 512 * 1024;
    private static final int GETS = 40;

    @Test
    void clientOverTheHardLimitIsDisconnected() throws Exception {
        try (RedoubtServer server = TestDatabases.start("client-output-buffer-limit", "normal 1mb 0 0")) {
            assertThat(server.config().get("client-output-buffer-limit"))
                    .isEqualTo("normal 1048576 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
            try (RespClient setup = RespClient.connect(server.port())) {
                assertThat(setup.callText("SET", "big", "x".repeat(VALUE))).isEqualTo("+OK\r\n");
            }
            try (Socket s = new Socket(); RespClient admin = RespClient.connect(server.port())) {
                // A small fixed receive window, so the kernel cannot absorb what the client does not read.
                s.setReceiveBufferSize(64 * 1024);
                s.connect(new InetSocketAddress("127.0.0.1", server.port()));
                s.setSoTimeout(20_000);
                s.getOutputStream().write("*2\r\n$6\r\nCLIENT\r\n$2\r\nID\r\n".getBytes(StandardCharsets.US_ASCII));
                String id = RawStreams.readLine(s.getInputStream()).substring(1);
                StringBuilder pipeline = new StringBuilder();
                for (int i = 0; i < GETS; i++) {
                    pipeline.append("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
                }
                s.getOutputStream().write(pipeline.toString().getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                // Not reading: the replies pile up on the server until it drops the client.
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.callText("CLIENT", "LIST", "ID", id).equals("$0\r\n\r\n"));
                long received = RawStreams.drain(s.getInputStream());
                assertThat(received).as("bytes received before the server closed the connection")
                        .isLessThan((long) GETS * VALUE);
            }
            try (RespClient after = RespClient.connect(server.port())) {
                assertThat(after.callText("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void noLimitByDefault() throws Exception {
        try (RedoubtServer server = TestDatabases.start();
             RespClient c = RespClient.connect(server.port())) {
            c.callText("SET", "big", "x".repeat(VALUE));
            for (int i = 0; i < 8; i++) {
                c.send("GET", "big");
            }
            for (int i = 0; i < 8; i++) {
                assertThat(c.readReply()).hasSizeGreaterThan(VALUE);
            }
        }
    }
}
