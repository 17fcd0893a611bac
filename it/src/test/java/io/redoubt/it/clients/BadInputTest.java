package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * Malformed or hostile input gets Redis's protocol error and a closed connection for that client
 * only; everyone else keeps being served.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class BadInputTest {
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabases.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private void assertProtocolErrorAndClose(String input, String error) {
        try (RespClient bystander = RespClient.connect(server.port());
             RespClient attacker = RespClient.connect(server.port())) {
            bystander.call("SET", "bystander", "alive");
            attacker.sendRaw(input);
            assertThat(attacker.readReplyText()).isEqualTo("-ERR " + error + "\r\n");
            assertThat(attacker.isClosedByServer()).isTrue();
            assertThat(bystander.callText("GET", "bystander")).isEqualTo("$5\r\nalive\r\n");
        }
    }

    @Test
    void invalidMultibulkLength() {
        assertProtocolErrorAndClose("*x\r\n", "Protocol error: invalid multibulk length");
    }

    @Test
    void invalidBulkLength() {
        assertProtocolErrorAndClose("*1\r\n$-5\r\n", "Protocol error: invalid bulk length");
    }

    @Test
    void bulkOverProtoMaxBulkLen() {
        assertProtocolErrorAndClose("*1\r\n$600000000\r\n", "Protocol error: invalid bulk length");
    }

    @Test
    void missingDollar() {
        assertProtocolErrorAndClose("*1\r\nPING\r\n", "Protocol error: expected '$', got 'P'");
    }

    @Test
    void unbalancedQuotes() {
        assertProtocolErrorAndClose("SET k \"oops\r\n", "Protocol error: unbalanced quotes in request");
    }

    @Test
    void commandsBeforeTheErrorStillRun() {
        try (RespClient c = RespClient.connect(server.port())) {
            c.sendRaw("*3\r\n$3\r\nSET\r\n$6\r\nbefore\r\n$1\r\n1\r\n*x\r\n");
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(c.readReplyText()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
        }
        try (RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("GET", "before")).isEqualTo("$1\r\n1\r\n");
        }
    }

    @Test
    void clientVanishingMidCommandLeavesServerHealthy() {
        for (int i = 0; i < 20; i++) {
            RespClient c = RespClient.connect(server.port());
            c.sendRaw("*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$100000\r\nabc");
            c.close();
        }
        try (RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.callText("EXISTS", "half")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void unknownCommandKeepsConnectionOpen() {
        try (RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("CLIENT", "MAINT_NOTIFICATIONS", "on"))
                    .startsWith("-ERR");
            assertThat(c.callText("FOO", "bar")).isEqualTo(
                    "-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n");
            assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void largeValuesRoundTrip() {
        byte[] big = new byte[8 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (RespClient c = RespClient.connect(server.port())) {
            assertThat(new String(c.call("SET".getBytes(), "big".getBytes(), big))).isEqualTo("+OK\r\n");
            byte[] reply = c.call("GET".getBytes(), "big".getBytes());
            String header = "$" + big.length + "\r\n";
            assertThat(reply.length).isEqualTo(header.length() + big.length + 2);
            assertThat(java.util.Arrays.copyOfRange(reply, header.length(), header.length() + big.length)).isEqualTo(big);
        }
    }
}
