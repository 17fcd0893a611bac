package io.redoubt.node;

import io.redoubt.audit.FileRotation;
import io.redoubt.dataplane.ServerContext;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/redoubt-node [--dir DIR] [--bind ADDR] [--api-port PORT] [--bootstrap auto|manual]
 * [--config FILE]}: starts a node of the control plane in the foreground (see {@link NodeOptions});
 * Ctrl-C or SIGTERM stops it, its databases saving as their persistence asks. A bad setting ends the
 * process with one line on stderr and exit code 1.
 */
public final class NodeMain {
    /** Ratis's shaded gRPC logs through java.util.logging; kept here so the level is not garbage-collected. */
    private static final java.util.logging.Logger GRPC = java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty");

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: redoubt-node [--dir DIR] [--bind ADDR] [--api-port PORT] "
                    + "[--database-port PORT] [--bootstrap auto|manual] [--config FILE]");
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            System.out.println("Redoubt node v=" + ServerContext.REDOUBT_VERSION + " redis_compat="
                    + ServerContext.REDIS_VERSION);
            return;
        }
        NodeOptions options;
        try {
            options = NodeOptions.parse(Main.home(), Arrays.asList(args));
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("redoubt-node: " + e.getMessage());
            System.exit(1);
            return;
        }
        Logging.configure("notice", null, new FileRotation(100L << 20, FileRotation.Period.DAILY, 14));
        GRPC.setLevel(java.util.logging.Level.WARNING);
        Logger log = LoggerFactory.getLogger(NodeMain.class);
        RedoubtNode node;
        try {
            node = RedoubtNode.start(options, System.out);
        } catch (Exception e) {
            log.error("Cannot start: {}", e.getMessage());
            System.err.println("redoubt-node: " + e.getMessage());
            System.exit(1);
            return;
        }
        log.info("Redoubt node {} serves its REST API on https://{}:{} (CA: {})", ServerContext.REDOUBT_VERSION,
                options.bind(), node.apiPort(), node.authorityFile());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Received SIGTERM or SIGINT, shutting down");
            node.close();
            stopped.countDown();
            org.apache.logging.log4j.LogManager.shutdown(); // the launcher turns log4j's own hook off
        }, "redoubt-sigterm"));
        stopped.await();
    }
}
