package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import io.redoubt.testkit.TestDatabases;

/** CONFIG SET tls-port: TLS turned on, moved and turned off while running. */
class TlsPortChangeTest {
    @TempDir
    Path dir;

    @Test
    void turnsTlsOnMovesItAndTurnsItOff() throws Exception {
        TestPki pki = new TestPki(dir);
        try (RedoubtServer s = TestDatabases.start("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
                pki.serverKey.toString(), "tls-auth-clients", "no");
             RespClient admin = new RespClient("127.0.0.1", s.port())) {
            assertThat(s.tlsPort()).isZero();
            int first = freePort();
            assertThat(admin.callText("CONFIG", "SET", "tls-port", Integer.toString(first))).contains("OK");
            assertThat(s.tlsPort()).isEqualTo(first);
            assertThat(cli(pki, first)).isEqualTo("PONG");
            try (Jedis open = new Jedis(new HostAndPort("127.0.0.1", first), DefaultJedisClientConfig.builder()
                    .ssl(true).sslSocketFactory(pki.clientContext(null).getSocketFactory()).build())) {
                assertThat(open.ping()).isEqualTo("PONG");
                int second = freePort();
                assertThat(admin.callText("CONFIG", "SET", "tls-port", Integer.toString(second))).contains("OK");
                assertThat(cli(pki, second)).isEqualTo("PONG");
                assertThat(cli(pki, first)).doesNotContain("PONG");
                assertThat(open.ping()).as("a connection to the old port stays open").isEqualTo("PONG");
                try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                    assertThat(admin.callText("CONFIG", "SET", "tls-port", Integer.toString(taken.getLocalPort())))
                            .contains("ERR CONFIG SET failed");
                }
                assertThat(admin.callText("CONFIG", "GET", "tls-port")).contains(Integer.toString(second));
                assertThat(cli(pki, second)).as("still on the port it had").isEqualTo("PONG");
                assertThat(admin.callText("CONFIG", "SET", "tls-port", "0")).contains("OK");
                assertThat(cli(pki, second)).doesNotContain("PONG");
                assertThat(s.tlsPort()).isZero();
            }
        }
    }

    private static String cli(TestPki pki, int port) throws Exception {
        return Programs.redisCli(port, List.of("--tls", "--cacert", pki.caFile.toString()), "PING").output();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
