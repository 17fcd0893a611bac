package io.redoubt.cse;

import io.redoubt.testkit.RealRedis;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The encrypted client against Debian's redis-server 7.0, with RDB and AOF on. */
class AgainstRedisTest extends EncryptedClientContract {
    private static RealRedis redis;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(RealRedis.available(), "Debian's redis-server is not installed");
        redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always");
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    int port() {
        return redis.port();
    }

    @Override
    Path dataDir() {
        return redis.dir();
    }
}
