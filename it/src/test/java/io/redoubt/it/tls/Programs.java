package io.redoubt.it.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's redis-cli and openssl against a test server. */
final class Programs {
    private Programs() {
    }

    /** Exit code and combined output of {@code cmd}; stdin is closed at once. */
    record Result(int exit, String output) {
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out);
    }

    static Result redisCli(int port, List<String> tlsArgs, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(tlsArgs);
        cmd.addAll(List.of(command));
        return run(cmd);
    }

    /**
     * {@code openssl s_client -brief} with {@code options} and no input: it shakes hands, prints
     * {@code CONNECTION ESTABLISHED} and the protocol and suite when the server accepted, and quits.
     */
    static Result sClient(int port, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief"));
        cmd.addAll(List.of(options));
        return run(cmd);
    }
}
