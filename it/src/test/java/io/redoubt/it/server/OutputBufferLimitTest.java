package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** client-output-buffer-limit for normal clients: a client that does not read its replies is cut off. */
class OutputBufferLimitTest {
    private static final int VALUE = 512 * 1024;
    private static final int GETS = 40;

    @Test
    void clientOverTheHardLimitIsDisconnected() throws Exception {
        try (RedoubtServer server = RedoubtServer.startForTest("client-output-buffer-limit", "normal 1mb 0 0")) {
            assertThat(server.config().get("client-output-buffer-limit"))
                    .isEqualTo("normal 1048576 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
            try (RespClient setup = RespClient.connect(server.port())) {
                assertThat(setup.callText("SET", "big", "x".repeat(VALUE))).isEqualTo("+OK\r\n");
            }
            try (Socket s = new Socket()) {
                // A small fixed receive window, so the kernel cannot absorb what the client does not read.
                s.setReceiveBufferSize(64 * 1024);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                s.setSoTimeout(20_000);
                StringBuilder pipeline = new StringBuilder();
                for (int i = 0; i < GETS; i++) {
                    pipeline.append("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
                }
                s.getOutputStream().write(pipeline.toString().getBytes());
                s.getOutputStream().flush();
                long received = drain(s.getInputStream());
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
        try (RedoubtServer server = RedoubtServer.startForTest();
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

    /** Reads until the server closes the connection; returns the number of bytes read. */
    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
            }
        } catch (java.net.SocketException reset) {
            // a connection reset is also the server closing it
        }
        return total;
    }
}
