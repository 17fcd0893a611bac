package io.redoubt.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redoubt-server} started without a config file reads the install's config/redoubt.conf for
 * its settings, but CONFIG REWRITE answers as redis-server started without one does, instead of
 * editing the file every server of the install reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigRewriteWithoutFileTest {
    @TempDir
    Path home;

    @Test
    void rewriteWithoutANamedFileIsRedisError() throws Exception {
        Path installed = home.resolve("config/redoubt.conf");
        Files.createDirectories(installed.getParent());
        String text = "# the install's shared file\nmaxmemory 5mb\nevent-log-file \"\"\ndir " + home.resolve("data") + "\n";
        Files.writeString(installed, text);
        String expected;
        try (RealRedis redis = RealRedis.start(); RespClient r = RespClient.connect(redis.port())) {
            expected = r.callText("CONFIG", "REWRITE");
        }
        assertThat(expected).isEqualTo("-ERR The server is running without a config file\r\n");
        ServerConfig config = ServerConfig.fromLauncherArgs(home, List.of("--maxclients", "100"));
        try (RedoubtServer s = RedoubtServer.start(config, 0); RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("CONFIG", "GET", "maxmemory")).contains("5242880"); // settings were read
            assertThat(c.callText("CONFIG", "SET", "maxmemory", "7mb")).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "REWRITE")).isEqualTo(expected);
        }
        assertThat(Files.readString(installed)).isEqualTo(text);
    }

    @Test
    void aNamedFileIsRewritten() throws Exception {
        Path installed = home.resolve("config/redoubt.conf");
        Files.createDirectories(installed.getParent());
        Files.writeString(installed, "event-log-file \"\"\ndir " + home.resolve("data") + "\n");
        ServerConfig config = ServerConfig.fromLauncherArgs(home, List.of(installed.toString()));
        try (RedoubtServer s = RedoubtServer.start(config, 0); RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("CONFIG", "SET", "maxmemory", "7mb")).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
        }
        assertThat(Files.readString(installed)).contains("maxmemory 7mb");
    }
}
