package io.redoubt.node;

import io.redoubt.dataplane.ServerContext;
import io.redoubt.engine.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/redoubt-server [config-file] [--name value ...]}: starts a node in the foreground. The
 * launcher passes the install folder as {@code -Dredoubt.home}; relative {@code dir} and
 * {@code logfile} are resolved against it. Any configuration error ends the process with one line
 * on stderr and exit code 1.
 */
public final class Main {
    /** System property the launcher sets to the install folder. */
    static final String HOME_PROPERTY = "redoubt.home";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: redoubt-server [/path/to/redoubt.conf] [--name value ...]");
            System.out.println("Parameters use Redis's names, e.g. --port 6380 --maxmemory 100mb");
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            System.out.println("Redoubt server v=" + ServerContext.REDOUBT_VERSION
                    + " redis_compat=" + ServerContext.REDIS_VERSION);
            return;
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromLauncherArgs(home(), Arrays.asList(args));
        } catch (ConfigException | IOException e) {
            fail(e.getMessage());
            return;
        }
        NodeSettings node = config.node();
        Path logFile = node.logFile();
        try {
            if (logFile != null) {
                Files.createDirectories(logFile.getParent());
            }
        } catch (IOException e) {
            fail("Cannot create the log folder " + logFile.getParent() + ": " + e.getMessage());
            return;
        }
        Logging.configure(node.logLevel(), logFile, node.logRotation());
        config.ownLogging();
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("Redoubt {} (Redis {} compatible) starting, pid {}, config {}", ServerContext.REDOUBT_VERSION,
                ServerContext.REDIS_VERSION, ProcessHandle.current().pid(),
                config.configFile() != null ? config.configFile() : config.installDefaults() != null
                        ? "(none named: " + config.installDefaults() + " and command line; CONFIG REWRITE off)"
                        : "(none: defaults and command line)");
        AutoCloseable server;
        List<ServerContext> contexts = new ArrayList<>();
        // a fatal error stops the database; with one database per process the process exits, as Redis's does
        java.util.function.Consumer<String> exitOnFatalStop = reason -> {
            log.error("The database stopped: {}. Exiting.", reason);
            org.apache.logging.log4j.LogManager.shutdown();
            Runtime.getRuntime().halt(1);
        };
        try {
            if (config.database().shards() > 1) {
                ShardedDatabase db = ShardedDatabase.launch(config);
                db.shards().forEach(shard -> contexts.add(shard.context()));
                db.onFatalStop(exitOnFatalStop);
                server = db;
            } else {
                RedoubtServer single = RedoubtServer.launch(config);
                contexts.add(single.context());
                single.onFatalStop(exitOnFatalStop);
                server = single;
            }
        } catch (Exception e) {
            log.error("Cannot start: {}", e.getMessage());
            fail(e.getMessage());
            return;
        }
        Path pidFile = config.pidFile();
        if (pidFile != null) {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping failed: {}", e.getMessage());
            }
            try {
                if (pidFile != null) {
                    Files.deleteIfExists(pidFile);
                }
            } catch (IOException e) {
                log.warn("Cannot remove the pid file {}: {}", pidFile, e.getMessage());
            }
            log.info("Redoubt is now ready to exit, bye bye...");
            stopped.countDown();
        };
        // SHUTDOWN arrives on the shard thread, which closing the endpoint waits for: stop from another thread
        contexts.forEach(c -> c.onShutdown(() -> new Thread(stop, "redoubt-shutdown").start()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() > 0) {
                log.info("Received SIGTERM or SIGINT, shutting down");
                stop.run();
            }
        }, "redoubt-sigterm"));
        stopped.await();
        org.apache.logging.log4j.LogManager.shutdown();
        System.exit(0);
    }

    static Path home() {
        String h = System.getProperty(HOME_PROPERTY);
        return Path.of(h == null || h.isEmpty() ? "" : h).toAbsolutePath().normalize();
    }

    private static void fail(String message) {
        System.err.println("redoubt-server: " + message);
        System.exit(1);
    }
}
