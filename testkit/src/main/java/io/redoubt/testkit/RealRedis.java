package io.redoubt.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server started on a free loopback port in a temporary folder, with no persistence
 * and DEBUG enabled: the reference the differential tests compare Redoubt with.
 */
public final class RealRedis implements AutoCloseable {
    public static final String BINARY = "/usr/bin/redis-server";

    private final Process process;
    private final int port;
    private final Path dir;

    private RealRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return new File(BINARY).canExecute();
    }

    public static RealRedis start(String... extraArgs) {
        try {
            Path dir = Files.createTempDirectory("real-redis");
            for (int attempt = 0; attempt < 5; attempt++) {
                RealRedis r = tryStart(dir, freePort(), extraArgs);
                if (r != null) {
                    return r;
                }
            }
            throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + " (install Debian's redis-server)", e);
        }
    }

    /**
     * Starts redis-server on {@code port} in {@code dir}, which may hold its files from an earlier run
     * (a restart): what a test of a restarted server needs.
     */
    public static RealRedis startAt(Path dir, int port, String... extraArgs) {
        RealRedis r = tryStart(dir, port, extraArgs);
        if (r == null) {
            throw new IllegalStateException("redis-server did not start on port " + port + "; see "
                    + dir.resolve("redis.log"));
        }
        return r;
    }

    private static RealRedis tryStart(Path dir, int port, String... extraArgs) {
        try {
            List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--enable-debug-command", "yes", "--daemonize", "no", "--logfile", ""));
            cmd.addAll(List.of(extraArgs));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (RespClient c = new RespClient("127.0.0.1", port, 500)) {
                    if (c.callText("PING").equals("+PONG\r\n")) {
                        return new RealRedis(p, port, dir);
                    }
                } catch (RuntimeException notYet) {
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly();
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + " (install Debian's redis-server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
