package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * SLOWLOG and LATENCY with thresholds that record every command (slowlog-log-slower-than 0) or
 * every command of a millisecond or more (latency-monitor-threshold 1), on both servers. Replies are
 * compared byte for byte once ids, times, durations and client ports are masked.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class DiagnosticsDifferentialTest {
    private static RealRedis realRedis;
    private static RedoubtServer redoubtServer;
    private RespClient redis;
    private RespClient redoubt;

    @BeforeAll
    static void start() throws Exception {
        realRedis = RealRedis.start("--slowlog-log-slower-than", "0", "--slowlog-max-len", "5",
                "--latency-monitor-threshold", "1");
        redoubtServer = TestDatabases.start("slowlog-log-slower-than", "0", "slowlog-max-len", "5",
                "latency-monitor-threshold", "1", "enable-debug-command", "yes");
    }

    @AfterAll
    static void stop() {
        realRedis.close();
        redoubtServer.close();
    }

    @BeforeEach
    void connect() {
        redis = RespClient.connect(realRedis.port());
        redoubt = RespClient.connect(redoubtServer.port());
        same("SLOWLOG", "RESET");
        same("LATENCY", "RESET");
    }

    @AfterEach
    void close() {
        redis.close();
        redoubt.close();
    }

    private List<String> both(String... args) {
        List<String> replies = new ArrayList<>();
        replies.add(mask(redis.callText(args)));
        replies.add(mask(redoubt.callText(args)));
        return replies;
    }

    private String same(String... args) {
        List<String> r = both(args);
        assertThat(r.get(1)).as("reply to %s", String.join(" ", args)).isEqualTo(r.get(0));
        return r.get(0);
    }

    /** Integers (ids, times, durations) and client ports vary between servers. */
    private static String mask(String reply) {
        return reply.replaceAll(":\\d+\r\n", ":#\r\n").replaceAll("\\$\\d+\r\n127\\.0\\.0\\.1:\\d+\r\n", "\\$#\r\nADDR\r\n");
    }

    @Test
    void slowlogRecordsEveryCommandAsRedisDoes() {
        same("CLIENT", "SETNAME", "slow-client");
        same("SET", "k", "x".repeat(200));
        String[] many = new String[42];
        many[0] = "DEL";
        for (int i = 1; i < many.length; i++) {
            many[i] = "key" + i;
        }
        same(many);
        same("AUTH", "secret-password");
        same("HELLO", "2", "AUTH", "default", "pw");
        same("SLOWLOG", "LEN");
        String log = same("SLOWLOG", "GET");
        assertThat(log).contains("... (72 more bytes)").contains("... (11 more arguments)").contains("slow-client")
                .contains("(redacted)").doesNotContain("secret-password");
        same("SLOWLOG", "GET", "2");
        same("SLOWLOG", "GET", "-1");
        same("SLOWLOG", "GET", "0");
    }

    @Test
    void slowlogKeepsTheNewestEntriesUpToMaxLen() {
        for (int i = 0; i < 8; i++) {
            same("SET", "k" + i, "v");
        }
        same("SLOWLOG", "LEN");
        same("SLOWLOG", "GET", "-1");
    }

    @Test
    void latencyMonitorRecordsSlowCommands() {
        same("DEBUG", "SLEEP", "0.02");
        same("LATENCY", "LATEST");
        same("LATENCY", "HISTORY", "command");
        same("LATENCY", "HISTORY", "fast-command");
        String doctor = redoubt.callText("LATENCY", "DOCTOR");
        assertThat(doctor).contains("1. command: 1 latency spikes");
        assertThat(redoubt.callText("LATENCY", "GRAPH", "command")).startsWith("$").contains("command - high ");
        same("LATENCY", "RESET", "command", "nosuch");
        same("LATENCY", "LATEST");
    }

    @Test
    void activeExpiryOfManyKeysRecordsExpireCycleEvents() {
        String fill = "for i=1,100000 do redis.call('set','x'..i,'v','px',20) end return 1";
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            assertThat(c.callText("EVAL", fill, "0")).isEqualTo(":1\r\n");
        }
        // the keys are never read: only the active expire cycle deletes them, a millisecond or more per run
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> redis.callText("LATENCY", "LATEST").contains("expire-cycle")
                        && redoubt.callText("LATENCY", "LATEST").contains("expire-cycle"));
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            assertThat(c.callText("LATENCY", "HISTORY", "expire-cycle")).startsWith("*").doesNotStartWith("*0");
            // a cycle stops once few sampled keys have expired: some wait for later cycles, on both (and
            // on a loaded machine the cycles run late)
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> Long.parseLong(c.callText("DBSIZE").trim().substring(1)) < 10_000);
        }
        same("LATENCY", "RESET", "expire-cycle");
        same("LATENCY", "HISTORY", "expire-cycle");
    }

    @Test
    void latencyHistogramCountsCalls() {
        same("SET", "h", "1");
        same("SET", "h", "2");
        String[] h = {mask(redis.callText("LATENCY", "HISTOGRAM", "set")),
            mask(redoubt.callText("LATENCY", "HISTOGRAM", "set"))};
        assertThat(h[1]).startsWith("*2\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:#\r\n$14\r\nhistogram_usec\r\n");
        assertThat(h[0]).startsWith("*2\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:#\r\n$14\r\nhistogram_usec\r\n");
    }
}
