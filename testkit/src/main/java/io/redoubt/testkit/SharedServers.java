package io.redoubt.testkit;

import io.redoubt.node.RedoubtServer;

/**
 * One Debian redis-server and one in-process Redoubt shared by every differential test in the JVM,
 * started on first use and stopped when the JVM exits. Tests reset data with FLUSHALL and must put
 * back any parameter they change.
 */
public final class SharedServers {
    private static RealRedis redis;
    private static RedoubtServer redoubt;

    private SharedServers() {
    }

    public static synchronized RealRedis redis() {
        if (redis == null) {
            redis = RealRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }

    public static synchronized RedoubtServer redoubt() {
        if (redoubt == null) {
            try {
                redoubt = TestDatabases.start("enable-debug-command", "yes");
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Redoubt", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(redoubt::close));
        }
        return redoubt;
    }
}
