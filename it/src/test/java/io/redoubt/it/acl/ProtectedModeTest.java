package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * Protected mode against Redis 7.0.15: with {@code protected-mode yes} and a passwordless default
 * user, a client connecting from a non-loopback address gets Redis's DENIED text, byte for byte, and
 * is disconnected; a password for the default user (or protected-mode no) lets it in.
 */
class ProtectedModeTest {

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return a;
                }
            }
        }
        return null;
    }

    private static String firstReply(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes()); // the server closes after its reply when it refuses
        } catch (java.net.SocketTimeoutException e) {
            return "(no close)";
        }
    }

    /** A sharded database's shards only see the router's loopback links: the router applies protected mode. */
    @Test
    void theRouterOfAShardedDatabaseAppliesProtectedMode() throws Exception {
        InetAddress external = nonLoopbackAddress();
        assumeThat(external).as("this machine has a non-loopback IPv4 address").isNotNull();
        try (io.redoubt.node.ShardedDatabase db = io.redoubt.testkit.TestDatabases.startSharded(2, "bind", "0.0.0.0")) {
            assertThat(firstReply(external, db.port())).startsWith("-DENIED Redis is running in protected mode");
            try (RespClient local = RespClient.connect(db.port())) {
                assertThat(local.callText("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void nonLoopbackClientsGetRedisDeniedMessage() throws Exception {
        InetAddress external = nonLoopbackAddress();
        assumeThat(external).as("this machine has a non-loopback IPv4 address").isNotNull();
        String expected;
        try (RealRedis redis = RealRedis.start("--bind", "0.0.0.0")) {
            expected = firstReply(external, redis.port());
        }
        assertThat(expected).startsWith("-DENIED Redis is running in protected mode");
        try (RedoubtServer s = TestDatabases.start("bind", "0.0.0.0")) {
            assertThat(firstReply(external, s.port())).isEqualTo(expected);
            try (RespClient local = RespClient.connect(s.port())) {
                assertThat(local.callText("PING")).isEqualTo("+PONG\r\n");
                assertThat(local.callText("ACL", "SETUSER", "default", ">pw")).isEqualTo("+OK\r\n");
            }
            try (Socket c = new Socket(external, s.port())) {
                c.setSoTimeout(10_000);
                c.getOutputStream().write("AUTH pw\r\nPING\r\n".getBytes());
                byte[] buf = new byte[64];
                int n = 0;
                while (n < 12) {
                    int r = c.getInputStream().read(buf, n, buf.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                assertThat(new String(buf, 0, n)).isEqualTo("+OK\r\n+PONG\r\n");
            }
        }
    }
}
