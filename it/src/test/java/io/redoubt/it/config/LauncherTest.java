package io.redoubt.it.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install folder that {@code mvn package} lays out (node/target/redoubt), exercised through its
 * scripts as real processes: the config checker, and the launcher starting and stopping a node.
 */
class LauncherTest {
    private static final Path DIST = Path.of("..", "node", "target", "redoubt").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @BeforeAll
    static void distributionIsBuilt() {
        // Present after `mvn package` (the node module is packaged before this module is tested).
        assumeThat(DIST.resolve("bin/redoubt-server")).as("run mvn package first").exists();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", script).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    @Test
    void layoutHasLauncherToolsConfigAndJars() throws IOException {
        assertThat(DIST.resolve("bin/redoubt-server")).isExecutable();
        assertThat(DIST.resolve("sbin/redoubt-check-config")).isExecutable();
        assertThat(DIST.resolve("sbin/redoubt-java")).isExecutable();
        assertThat(DIST.resolve("config/redoubt.conf")).isRegularFile();
        try (var jars = Files.list(DIST.resolve("lib"))) {
            assertThat(jars.map(j -> j.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("redoubt-node-"))
                    .anyMatch(n -> n.startsWith("netty-transport-native-epoll-"))
                    .anyMatch(n -> n.startsWith("log4j-core-"));
        }
    }

    @Test
    void checkConfigAcceptsTheShippedFileAndNamesTheFirstBadLine() throws Exception {
        Run ok = run("sbin/redoubt-check-config");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("Configuration OK: " + DIST.resolve("config/redoubt.conf"));

        Path bad = tmp.resolve("bad.conf");
        Files.writeString(bad, "port 6390\n# comment\nfoo bar\n");
        Run unknown = run("sbin/redoubt-check-config", bad.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("redoubt-check-config: Unknown parameter 'foo' at line 3 of " + bad
                + "\n");

        Files.writeString(bad, "daemonize yes\n");
        Run refused = run("sbin/redoubt-check-config", bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("redoubt-check-config: Invalid value for 'daemonize' at line 1 of " + bad);
    }

    @Test
    void serverRefusesABadConfigWithOneLineAndExitCode1() throws Exception {
        Path bad = tmp.resolve("bad.conf");
        Files.writeString(bad, "port 6390\nmaxmemory lots\n");
        Run r = run("bin/redoubt-server", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("redoubt-server: Invalid value for 'maxmemory' at line 2 of " + bad
                + ": argument must be a memory value\n");
        Run cli = run("bin/redoubt-server", "--nosuch", "1");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("redoubt-server: Unknown parameter 'nosuch' on the command line\n");
    }

    @Test
    void launcherStartsANodeThatAnswersAndStopsOnSigterm() throws Exception {
        int port = RealRedis.freePort();
        Path log = tmp.resolve("node.log");
        Process p = new ProcessBuilder(DIST.resolve("bin/redoubt-server").toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", tmp.resolve("data").toString(),
                "--pidfile", "redoubt.pid", "--loglevel", "verbose")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains("Ready to accept connections") || !p.isAlive());
            assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
            try (RespClient c = RespClient.connect(port)) {
                assertThat(c.callText("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
                assertThat(c.callText("AUTH", password(tmp.resolve("data")))).isEqualTo("+OK\r\n");
                assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
                assertThat(c.callText("CONFIG", "GET", "dir"))
                        .isEqualTo(bulkPair("dir", tmp.resolve("data").toString()));
                // no config file named: the install's shared config/redoubt.conf is read, never rewritten
                byte[] shared = Files.readAllBytes(DIST.resolve("config/redoubt.conf"));
                assertThat(c.callText("CONFIG", "REWRITE"))
                        .isEqualTo("-ERR The server is running without a config file\r\n");
                assertThat(Files.readAllBytes(DIST.resolve("config/redoubt.conf"))).isEqualTo(shared);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data"))))
                    .isEqualTo("rwx------");
            Path pid = tmp.resolve("data/redoubt.pid");
            assertThat(Files.readString(pid, StandardCharsets.US_ASCII).strip()).isEqualTo(Long.toString(p.pid()));
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            assertThat(pid).doesNotExist();
            assertThat(Files.readString(log)).contains("ready to exit");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shutdownCommandStopsTheProcess() throws Exception {
        int port = RealRedis.freePort();
        Path log = tmp.resolve("shutdown.log");
        Process p = new ProcessBuilder(DIST.resolve("bin/redoubt-server").toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", tmp.resolve("data2").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains("Ready to accept connections") || !p.isAlive());
            try (RespClient c = RespClient.connect(port)) {
                assertThat(c.callText("AUTH", password(tmp.resolve("data2")))).isEqualTo("+OK\r\n");
                c.send("SHUTDOWN", "NOSAVE");
                assertThat(c.isClosedByServer()).isTrue();
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(Files.readString(log)).contains("ready to exit");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The launcher's ahead-of-time cache (JDK 25+): with none, a run records one that is complete when
     * the JVM has exited; the next start promotes it to lib/aot/Main.aot and runs with it (the JVM maps
     * the file, which it does only when it accepts the cache) and answers as before.
     */
    @Test
    void launcherRecordsTheAotCacheOnceAndStartsWithIt() throws Exception {
        assumeThat(Runtime.version().feature()).as("the AOT cache needs JDK 25").isGreaterThanOrEqualTo(25);
        Path aot = DIST.resolve("lib/aot");
        if (Files.isDirectory(aot)) {
            try (var old = Files.list(aot)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        Path data = tmp.resolve("aot-data");
        String[] args = {"--port", Integer.toString(RealRedis.freePort()), "--bind", "127.0.0.1", "--dir",
                data.toString(), "--user", "default", "on", "nopass", "~*", "&*", "+@all"};
        Process recording = launch(tmp.resolve("record.log"), args);
        try {
            assertThat(Files.readString(Path.of("/proc/" + recording.pid() + "/cmdline")))
                    .contains("-XX:AOTCacheOutput=" + aot.resolve("Main.aot." + recording.pid() + ".recording"));
            recording.destroy(); // SIGTERM: the JVM writes the cache as it exits
            assertThat(recording.waitFor(90, TimeUnit.SECONDS)).isTrue();
        } finally {
            recording.destroyForcibly();
        }
        assertThat(aot.resolve("Main.aot." + recording.pid() + ".recording")).isNotEmptyFile();

        int port = RealRedis.freePort();
        args[1] = Integer.toString(port);
        Process cached = launch(tmp.resolve("cached.log"), args);
        try {
            assertThat(aot.resolve("Main.aot")).isNotEmptyFile();
            try (var names = Files.list(aot)) {
                assertThat(names.map(f -> f.getFileName().toString()).toList()).containsExactly("Main.aot");
            }
            assertThat(Files.readString(Path.of("/proc/" + cached.pid() + "/maps"))).contains(aot.resolve("Main.aot").toString());
            try (RespClient c = RespClient.connect(port)) {
                assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
                assertThat(c.callText("SET", "k", "v")).isEqualTo("+OK\r\n");
                assertThat(c.callText("GET", "k")).isEqualTo("$1\r\nv\r\n");
            }
            assertThat(Files.readString(tmp.resolve("cached.log"))).doesNotContain("[aot").doesNotContain("[cds").doesNotContain("AOT");
        } finally {
            cached.destroy();
            assertThat(cached.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The default user's password the secure first start generated in {@code dataDir}. */
    private static String password(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("default-user.password")).strip();
    }

    /**
     * Secure first start from a fresh data folder: a password is generated and printed once with the
     * redis-cli command that uses it, the clear text is owner-only, only its hash is kept for the server,
     * unauthenticated access is refused, and the printed command works. A restart keeps the password
     * without printing it; explicit configuration (a nopass default user) overrides it.
     */
    @Test
    void secureFirstStartProtectsTheDefaultUser() throws Exception {
        int port = RealRedis.freePort();
        Path data = tmp.resolve("fresh");
        Path log = tmp.resolve("first.log");
        Process p = launch(log, "--port", Integer.toString(port), "--dir", data.toString());
        String printed;
        String password;
        try {
            password = password(data);
            assertThat(Files.getPosixFilePermissions(data.resolve("default-user.password")))
                    .isEqualTo(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
            assertThat(password).hasSize(64);
            assertThat(Files.readString(data.resolve("default-user.sha256"))).doesNotContain(password);
            printed = Files.readString(log);
            assertThat(printed).containsOnlyOnce(password);
            String command = printed.lines().filter(l -> l.strip().startsWith("REDISCLI_AUTH=")).findFirst()
                    .orElseThrow().strip();
            assertThat(command).isEqualTo("REDISCLI_AUTH=\"$(cat " + data.resolve("default-user.password")
                    + ")\" redis-cli -p " + port + " ping");
            Process cli = new ProcessBuilder("bash", "-c", command + " 2>/dev/null").start();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("PONG\n");
            try (RespClient c = RespClient.connect(port)) {
                assertThat(c.callText("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
                assertThat(c.callText("AUTH", "default", "guess"))
                        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
                assertThat(c.callText("AUTH", password)).isEqualTo("+OK\r\n");
                c.send("SHUTDOWN", "NOSAVE");
                assertThat(c.isClosedByServer()).isTrue();
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        Files.delete(data.resolve("default-user.password")); // the operator noted it; the hash is enough
        Path log2 = tmp.resolve("second.log");
        Process again = launch(log2, "--port", Integer.toString(port), "--dir", data.toString());
        try (RespClient c = RespClient.connect(port)) {
            assertThat(Files.readString(log2)).doesNotContain(password).doesNotContain("first start");
            assertThat(c.callText("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.callText("AUTH", password)).isEqualTo("+OK\r\n");
            c.send("SHUTDOWN", "NOSAVE");
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            again.destroyForcibly();
        }
        Path open = tmp.resolve("explicit");
        Process explicit = launch(tmp.resolve("explicit.log"), "--port", Integer.toString(port), "--dir",
                open.toString(), "--user", "default", "on", "nopass", "~*", "&*", "+@all");
        try (RespClient c = RespClient.connect(port)) {
            assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
            assertThat(open.resolve("default-user.password")).doesNotExist();
            c.send("SHUTDOWN", "NOSAVE");
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(explicit.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            explicit.destroyForcibly();
        }
    }

    private Process launch(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/redoubt-server").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log).contains("Ready to accept connections") || !p.isAlive());
        assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
        return p;
    }

    private static String bulkPair(String a, String b) {
        return "*2\r\n$" + a.length() + "\r\n" + a + "\r\n$" + b.length() + "\r\n" + b + "\r\n";
    }
}
