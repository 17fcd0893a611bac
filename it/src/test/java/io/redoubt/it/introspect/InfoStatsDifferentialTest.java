package io.redoubt.it.introspect;

import static io.redoubt.it.introspect.InfoDifferentialTest.body;
import static io.redoubt.it.introspect.InfoDifferentialTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * Counters INFO reports, against a fresh Redis 7.0.15 and a fresh Redoubt that receive the same
 * requests: commandstats (calls, rejected and failed calls; durations differ), errorstats, keyspace
 * and the keyspace hit/miss counters must agree. Fresh servers, because the shared ones carry other
 * tests' counts.
 */
class InfoStatsDifferentialTest {
    private RealRedis realRedis;
    private RedoubtServer redoubtServer;
    private RespClient redis;
    private RespClient redoubt;

    @BeforeEach
    void start() throws Exception {
        realRedis = RealRedis.start();
        redoubtServer = TestDatabases.start();
        redis = RespClient.connect(realRedis.port());
        redoubt = RespClient.connect(redoubtServer.port());
        redoubt.call("PING"); // RealRedis.start checks readiness with one PING
    }

    @AfterEach
    void stop() {
        redis.close();
        redoubt.close();
        redoubtServer.close();
        realRedis.close();
    }

    private void both(String... args) {
        assertThat(redoubt.callText(args)).as("reply to %s", String.join(" ", args)).isEqualTo(redis.callText(args));
    }

    private void runSequence() {
        both("SET", "a", "1");
        both("GET", "a");
        both("GET", "missing");
        both("GET");
        both("SET", "k", "v", "BOGUS");
        both("SET", "k", "v", "EX", "abc");
        both("NOSUCHCOMMAND", "x");
        both("SELECT", "99");
        both("EXISTS", "a", "missing");
        both("DEL", "a", "missing");
        both("COMMAND", "COUNT", "extra");
        both("COMMAND", "GETKEYS", "ping", "x");
        both("ECHO", "hi");
    }

    @Test
    void commandStatsCountLikeRedis() {
        runSequence();
        Set<String> theirs = withoutDurations(body(redis.callText("INFO", "commandstats")));
        Set<String> ours = withoutDurations(body(redoubt.callText("INFO", "commandstats")));
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours).contains("cmdstat_get:calls=2,rejected_calls=1,failed_calls=0",
                "cmdstat_command|getkeys:calls=1,rejected_calls=0,failed_calls=1");
        String text = body(redoubt.callText("INFO", "commandstats"));
        assertThat(text).startsWith("# Commandstats\r\n")
                .containsPattern("cmdstat_get:calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,"
                        + "failed_calls=0\r\n");
    }

    @Test
    void errorStatsMatchRedisExactly() {
        runSequence();
        both("INFO", "errorstats");
        String stats = body(redoubt.callText("INFO", "stats"));
        String redisStats = body(redis.callText("INFO", "stats"));
        for (String f : List.of("total_error_replies", "keyspace_hits", "keyspace_misses", "expired_keys",
                "evicted_keys", "rejected_connections")) {
            assertThat(field(stats, f)).as(f).isEqualTo(field(redisStats, f));
        }
    }

    @Test
    void keyspaceLineMatchesRedis() {
        both("SET", "a", "1");
        both("SET", "b", "2");
        both("SELECT", "3");
        both("SET", "c", "3");
        both("INFO", "keyspace");
        both("SET", "d", "4", "EX", "1000");
        String theirs = body(redis.callText("INFO", "keyspace"));
        String ours = body(redoubt.callText("INFO", "keyspace"));
        // avg_ttl is an estimate that Redis's expire cycle refreshes; the counts are exact.
        assertThat(ours.replaceAll(",avg_ttl=\\d+", "")).isEqualTo(theirs.replaceAll(",avg_ttl=\\d+", ""))
                .contains("db3:keys=2,expires=1");
    }

    @Test
    void latencyStatsHaveRedisFormatForTheSameCommands() {
        runSequence();
        Set<String> theirs = names(body(redis.callText("INFO", "latencystats")));
        String text = body(redoubt.callText("INFO", "latencystats"));
        assertThat(names(text)).isEqualTo(theirs);
        assertThat(text).containsPattern(
                "latency_percentiles_usec_get:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}\r\n");
    }

    @Test
    void commandCountersFeedStats() {
        runSequence();
        String stats = body(redoubt.callText("INFO", "stats"));
        String redisStats = body(redis.callText("INFO", "stats"));
        // Rejected requests (unknown command, wrong arity) are not processed commands, in both servers.
        assertThat(field(stats, "total_commands_processed")).isEqualTo(field(redisStats, "total_commands_processed"))
                .isEqualTo(11);
        assertThat(field(stats, "total_connections_received")).isEqualTo(1);
        assertThat(field(stats, "total_net_input_bytes")).isGreaterThan(100);
    }

    @Test
    void instantaneousOpsComeFromCronSamples() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int i = 0; i < 200; i++) {
                redoubt.send("PING");
            }
            for (int i = 0; i < 200; i++) {
                redoubt.readReply();
            }
            return field(body(redoubt.callText("INFO", "stats")), "instantaneous_ops_per_sec") > 0;
        });
    }

    @Test
    void usedMemoryPeakFollowsTheDataset() {
        redoubt.call("SET", "big", "x".repeat(200_000));
        // The peak is sampled by the cron (every 100 ms) and by INFO itself, as in Redis.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                field(body(redoubt.callText("INFO", "memory")), "used_memory_peak") >= 200_000);
        redoubt.call("DEL", "big");
        String memory = body(redoubt.callText("INFO", "memory"));
        assertThat(field(memory, "used_memory_peak")).isGreaterThanOrEqualTo(200_000)
                .isGreaterThan(field(memory, "used_memory"));
    }

    private static Set<String> withoutDurations(String info) {
        Set<String> lines = new HashSet<>();
        for (String line : info.split("\r\n")) {
            lines.add(line.replaceAll(",usec=\\d+,usec_per_call=[0-9.]+", ""));
        }
        return lines;
    }

    private static Set<String> names(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            out.add(line.contains(":") ? line.substring(0, line.indexOf(':')) : line);
        }
        return new HashSet<>(out);
    }
}
