package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.node.RedoubtServer;
import io.redoubt.security.IssuedCertificate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import io.redoubt.testkit.TestDatabases;

/** redis-cli, Jedis and Lettuce over TLS, with and without client certificates. */
class TlsClientsTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static RedoubtServer noClientCerts;
    static RedoubtServer clientCerts;
    static IssuedCertificate client;
    static Path clientCert;
    static Path clientKey;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        client = pki.client("client one");
        clientCert = pki.writePair("client", client);
        clientKey = dir.resolve("client.key");
        noClientCerts = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-auth-clients", "no");
        clientCerts = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-ca-cert-file", pki.caFile.toString());
    }

    @AfterAll
    static void stop() {
        noClientCerts.close();
        clientCerts.close();
    }

    @Test
    void redisCliWithCaOnly() throws Exception {
        Programs.Result r = Programs.redisCli(noClientCerts.tlsPort(),
                List.of("--tls", "--cacert", pki.caFile.toString()), "SET", "cli", "tls");
        assertThat(r.output()).isEqualTo("OK");
        assertThat(Programs.redisCli(noClientCerts.port(), List.of(), "GET", "cli").output())
                .as("the plain port serves the same database").isEqualTo("tls");
    }

    @Test
    void redisCliWithClientCertificate() throws Exception {
        Programs.Result r = Programs.redisCli(clientCerts.tlsPort(), List.of("--tls", "--cacert", pki.caFile.toString(),
                "--cert", clientCert.toString(), "--key", clientKey.toString()), "PING");
        assertThat(r.output()).isEqualTo("PONG");
        Programs.Result refused = Programs.redisCli(clientCerts.tlsPort(),
                List.of("--tls", "--cacert", pki.caFile.toString()), "PING");
        assertThat(refused.output()).doesNotContain("PONG");
    }

    @Test
    void jedisWithAndWithoutClientCertificate() throws Exception {
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", noClientCerts.tlsPort()), DefaultJedisClientConfig
                .builder().ssl(true).sslSocketFactory(pki.clientContext(null).getSocketFactory()).build())) {
            assertThat(jedis.set("jedis", "tls")).isEqualTo("OK");
            assertThat(jedis.get("jedis")).isEqualTo("tls");
        }
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", clientCerts.tlsPort()), DefaultJedisClientConfig
                .builder().ssl(true).sslSocketFactory(pki.clientContext(client).getSocketFactory()).build())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        assertThatThrownBy(() -> {
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", clientCerts.tlsPort()), DefaultJedisClientConfig
                    .builder().ssl(true).sslSocketFactory(pki.clientContext(null).getSocketFactory()).build())) {
                jedis.ping();
            }
        }).isInstanceOf(redis.clients.jedis.exceptions.JedisConnectionException.class);
    }

    @Test
    void lettuceWithAndWithoutClientCertificate() {
        SslOptions trustOnly = SslOptions.builder().jdkSslProvider().trustManager(pki.caFile.toFile()).build();
        try (RedisClient c = RedisClient.create(RedisURI.builder().withHost("localhost").withPort(noClientCerts.tlsPort())
                .withSsl(true).withVerifyPeer(true).build())) {
            c.setOptions(ClientOptions.builder().sslOptions(trustOnly).build());
            try (StatefulRedisConnection<String, String> conn = c.connect()) {
                assertThat(conn.sync().set("lettuce", "tls")).isEqualTo("OK");
                assertThat(conn.sync().get("lettuce")).isEqualTo("tls");
            }
        }
        SslOptions withCert = SslOptions.builder().jdkSslProvider().trustManager(pki.caFile.toFile())
                .keyManager(clientCert.toFile(), clientKey.toFile(), null).build();
        try (RedisClient c = RedisClient.create(RedisURI.builder().withHost("localhost").withPort(clientCerts.tlsPort())
                .withSsl(true).withVerifyPeer(true).build())) {
            c.setOptions(ClientOptions.builder().sslOptions(withCert).build());
            try (StatefulRedisConnection<String, String> conn = c.connect()) {
                assertThat(conn.sync().ping()).isEqualTo("PONG");
            }
            c.setOptions(ClientOptions.builder().sslOptions(trustOnly).build());
            assertThatThrownBy(() -> c.connect().sync().ping()).isInstanceOf(io.lettuce.core.RedisException.class);
        }
    }
}
