package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.TestDatabases;

/**
 * A Redis 7.0.15 and a Redoubt started for one ACL test class alone, so users created by a test
 * never leak into the servers other tests share. {@link #same} sends one request to both over a
 * pair of connections and asserts byte-identical replies.
 */
final class AclServers implements AutoCloseable {
    final RealRedis redis;
    final RedoubtServer redoubt;

    AclServers(String... redoubtOverrides) throws Exception {
        this.redis = RealRedis.start();
        this.redoubt = TestDatabases.start(redoubtOverrides);
    }

    /** A connection to each server: [redis, redoubt]. */
    RespClient[] connect() {
        return new RespClient[] {RespClient.connect(redis.port()), RespClient.connect(redoubt.port())};
    }

    static String same(RespClient[] pair, String... args) {
        String expected = pair[0].callText(args);
        String actual = pair[1].callText(args);
        assertThat(printable(actual)).as("reply to %s", String.join(" ", args)).isEqualTo(printable(expected));
        return expected;
    }

    static void close(RespClient[] pair) {
        pair[0].close();
        pair[1].close();
    }

    static String printable(String reply) {
        return reply.replace("\r", "\\r").replace("\n", "\\n\n");
    }

    @Override
    public void close() {
        redoubt.close();
        redis.close();
    }
}
