package io.redoubt.node;

import io.redoubt.engine.config.ConfigException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code bin/redoubt-server [config-file] [--name value ...]}: starts a node in the foreground. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: redoubt-server [/path/to/redoubt.conf] [--name value ...]");
            System.out.println("Parameters use Redis's names, e.g. --port 6380 --maxmemory 100mb");
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            System.out.println("Redoubt server v=" + io.redoubt.dataplane.ServerContext.REDOUBT_VERSION
                    + " redis_compat=" + io.redoubt.dataplane.ServerContext.REDIS_VERSION);
            return;
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromArgs(Arrays.asList(args));
        } catch (ConfigException e) {
            System.err.println("redoubt-server: " + e.getMessage());
            System.exit(1);
            return;
        } catch (java.io.IOException e) {
            System.err.println("redoubt-server: cannot read the configuration file: " + e.getMessage());
            System.exit(1);
            return;
        }
        RedoubtServer server;
        try {
            server = RedoubtServer.start(config, null);
        } catch (Exception e) {
            System.err.println("redoubt-server: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        server.context().onShutdown(() -> {
            server.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "redoubt-sigterm"));
        stopped.await();
        System.exit(0);
    }
}
