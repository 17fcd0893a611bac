package io.redoubt.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CONFIG GET/SET/RESETSTAT/HELP against Redis 7.0.15 for the parameters both servers have with the
 * same defaults. Every test puts back what it changes: both servers are shared by the whole run.
 */
class ConfigDifferentialTest extends DifferentialTest {
    /** Parameters whose defaults and value rules are the same in Redoubt and in Redis 7.0. */
    private static final String[] SHARED = {
        "maxmemory", "maxmemory-policy", "maxmemory-samples", "timeout", "tcp-keepalive", "tcp-backlog",
        "databases", "maxclients", "protected-mode", "daemonize", "supervised", "always-show-logo", "save",
        "appendonly", "appendfsync", "appendfilename", "dbfilename", "rdbcompression", "rdbchecksum",
        "stop-writes-on-bgsave-error", "busy-reply-threshold", "lua-time-limit", "slowlog-log-slower-than",
        "slowlog-max-len", "latency-monitor-threshold", "notify-keyspace-events", "hz", "dynamic-hz",
        "enable-debug-command", "proto-max-bulk-len", "client-query-buffer-limit", "io-threads",
        "io-threads-do-reads", "lfu-log-factor", "lfu-decay-time", "active-expire-effort", "requirepass",
        "unixsocket", "unixsocketperm", "loglevel", "logfile", "pidfile", "syslog-enabled", "syslog-facility",
        "hash-max-ziplist-value", "zset-max-ziplist-entries", "zset-max-listpack-value",
    };

    @AfterEach
    void restore() {
        for (var c : new io.redoubt.testkit.RespClient[] {redis, redoubt}) {
            c.call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction", "timeout", "0",
                    "maxmemory-samples", "5", "hz", "10", "lfu-log-factor", "10", "slowlog-max-len", "128",
                    "busy-reply-threshold", "5000", "loglevel", "notice");
        }
    }

    @Test
    void getEachSharedParameterInBothProtocols() {
        for (String name : SHARED) {
            same("CONFIG", "GET", name);
        }
        resp3();
        for (String name : SHARED) {
            same("CONFIG", "GET", name);
        }
    }

    @Test
    void getAnswersUnderTheNameAsGivenAndEachOnce() {
        sameScript("""
                CONFIG GET MAXMEMORY
                CONFIG GET Zset-Max-Ziplist-Entries
                CONFIG GET maxmemory MAXMEMORY maxmemory
                CONFIG GET nosuchparameter
                CONFIG GET
                """);
    }

    @Test
    void patternsMatchNamesAndAliasesLikeRedis() {
        for (String pattern : new String[] {"zset-max-*", "lfu-*", "slowlog-*", "*-ziplist-value",
            "MAXMEMORY-P*", "maxmemory-[ps]*", "time?ut", "stream-node-max-*"}) {
            String[] replies = both("CONFIG", "GET", pattern);
            assertThat(asMap(replies[1])).as("CONFIG GET %s", pattern).isEqualTo(asMap(replies[0]));
        }
        String[] several = both("CONFIG", "GET", "lfu-*", "timeout", "lfu-log-factor");
        assertThat(asMap(several[1])).isEqualTo(asMap(several[0]));
    }

    @Test
    void setChangesWhatGetShowsWithUnitsAndCase() {
        sameScript("""
                CONFIG SET maxmemory 10mb
                CONFIG GET maxmemory
                CONFIG SET maxmemory 1K maxmemory-policy ALLKEYS-LRU timeout 30
                CONFIG GET maxmemory
                CONFIG GET maxmemory-policy
                CONFIG GET timeout
                CONFIG SET MAXMEMORY 01
                CONFIG GET maxmemory
                CONFIG SET hz 1000
                CONFIG GET hz
                CONFIG SET hz 0
                CONFIG GET hz
                CONFIG SET zset-max-ziplist-entries 5 zset-max-listpack-entries 6
                CONFIG GET zset-max-listpack-entries
                CONFIG GET zset-max-ziplist-entries
                CONFIG SET zset-max-listpack-entries 128
                CONFIG SET lua-time-limit 100
                CONFIG GET busy-reply-threshold
                CONFIG SET loglevel warning
                CONFIG GET loglevel
                """);
    }

    @Test
    void setErrorsHaveRedisTexts() {
        sameScript("""
                CONFIG SET foo 1
                CONFIG SET maxmemory abc
                CONFIG SET maxmemory -1
                CONFIG SET maxmemory 1.5mb
                CONFIG SET maxmemory +1
                CONFIG SET databases 3
                CONFIG SET daemonize yes
                CONFIG SET io-threads 2
                CONFIG SET dir /tmp
                CONFIG SET dbfilename x.rdb
                CONFIG SET maxmemory 1 maxmemory 2
                CONFIG SET maxmemory 1mb maxmemory-samples 0
                CONFIG GET maxmemory
                CONFIG SET maxmemory 1mb foo 2
                CONFIG GET maxmemory
                CONFIG SET maxmemory
                CONFIG SET maxmemory 1 foo
                CONFIG SET timeout x
                CONFIG SET timeout +5
                CONFIG SET timeout -1
                CONFIG SET maxclients 0
                CONFIG SET maxmemory-policy bogus
                CONFIG SET appendfsync bogus
                CONFIG SET loglevel bogus
                CONFIG SET protected-mode maybe
                CONFIG SET proto-max-bulk-len 1000
                CONFIG SET slowlog-log-slower-than -2
                CONFIG SET save "3600 x"
                CONFIG SET save bogus
                CONFIG BOGUS
                CONFIG
                CONFIG RESETSTAT extra
                """);
    }

    @Test
    void setIsAllOrNothing() {
        sameScript("""
                CONFIG SET maxmemory 5mb timeout 7 maxmemory-policy nosuchpolicy
                CONFIG GET maxmemory
                CONFIG GET timeout
                """);
    }

    @Test
    void helpAndResetstat() {
        sameScript("""
                CONFIG HELP
                SET k v
                GET k
                GET missing
                CONFIG RESETSTAT
                """);
        for (String field : new String[] {"keyspace_hits", "keyspace_misses", "total_error_replies"}) {
            String[] info = both("INFO", "stats");
            if (info[1].contains(field)) {
                assertThat(info[1]).contains(field + ":0");
            }
        }
    }

    @Test
    void rewriteWithoutAConfigFileFails() {
        same("CONFIG", "REWRITE");
    }

    /** A flat RESP2 array of name/value pairs as a sorted map (Redis's order is its dict's). */
    private static Map<String, String> asMap(String reply) {
        String[] lines = reply.split("\r\n", -1);
        Map<String, String> map = new TreeMap<>();
        for (int i = 2; i + 2 < lines.length; i += 4) {
            map.put(lines[i], lines[i + 2]);
        }
        return map;
    }
}
