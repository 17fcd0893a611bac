package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DEBUG's subcommands against Redis 7.0.15 with enable-debug-command yes: the data-set digest of every
 * type and encoding (the same function of the data, so equal data gives equal digests on both), RELOAD,
 * LOADAOF, POPULATE, PROTOCOL in RESP2 and RESP3, ERROR, the list-encoding probes, and a HELP that lists
 * only subcommands that exist. Replies byte for byte.
 */
@Timeout(120)
class DebugDifferentialTest extends DifferentialTest {

    @Test
    void digestOfAnEmptyDataSetIsZeros() {
        assertThat(same("DEBUG", "DIGEST")).isEqualTo("+" + "0".repeat(40) + "\r\n");
        same("DEBUG", "DIGEST-VALUE", "missing");
        same("DEBUG", "DIGEST-VALUE");
        same("DEBUG", "DIGEST", "extra");
    }

    @Test
    void digestCoversEveryTypeEncodingAndDatabase() {
        sameScript("""
                SET int 12345
                SET neg -7
                SET emb hello
                SET raw "%s"
                RPUSH list a 1 -2 b 3.5 ""
                SADD intset 1 2 3 -100 70000 5000000000
                SADD strset a b c 1
                ZADD zsmall 1 a 2.5 b -inf c inf d 0.1 e 1e20 f 12345678901234567 g -0 h
                HSET hsmall f1 v1 f2 2 f3 ""
                XADD stream 1-1 f v g w
                XADD stream 1-2 f x
                XADD stream 5-0 a 1 b 2 c 3
                XDEL stream 1-2
                SET volatile v EX 1000
                HSET hvolatile a b
                PEXPIRE hvolatile 100000
                SELECT 3
                SET int 12345
                RPUSH list x
                SELECT 0
                """.formatted("r".repeat(100)));
        for (int i = 0; i < 300; i++) {
            String n = Integer.toString(i);
            sameScript("RPUSH biglist " + "e".repeat(i % 50) + n + "\n"
                    + "SADD bigset m" + n + "\n"
                    + "ZADD bigz " + (i * 0.37) + " m" + n + "\n"
                    + "HSET bighash f" + n + " v" + n + "\n"
                    + "XADD bigstream " + (i + 1) + "-0 f " + n);
        }
        same("OBJECT", "ENCODING", "bigz");
        same("OBJECT", "ENCODING", "bighash");
        same("OBJECT", "ENCODING", "bigset");
        for (String key : List.of("int", "neg", "emb", "raw", "list", "intset", "strset", "zsmall", "hsmall",
                "stream", "volatile", "hvolatile", "biglist", "bigset", "bigz", "bighash", "bigstream")) {
            same("DEBUG", "DIGEST-VALUE", key);
        }
        same("DEBUG", "DIGEST-VALUE", "int", "list", "missing", "bigz");
        same("DEBUG", "DIGEST");
        same("SELECT", "3");
        same("DEBUG", "DIGEST-VALUE", "int", "list");
        same("DEL", "int");
        same("DEBUG", "DIGEST");
    }

    @Test
    void digestsAgreeAfterRandomWrites() {
        Random random = new Random(22);
        for (int i = 0; i < 400; i++) {
            String key = "k" + random.nextInt(12);
            String member = "m" + random.nextInt(40);
            String number = Integer.toString(random.nextInt(2000) - 1000);
            String[] command = switch (random.nextInt(9)) {
                case 0 -> new String[] {"SET", "s" + key, random.nextBoolean() ? number : member};
                case 1 -> new String[] {"LPUSH", "l" + key, member};
                case 2 -> new String[] {"RPUSH", "l" + key, number};
                case 3 -> new String[] {"SADD", "t" + key, random.nextBoolean() ? number : member};
                case 4 -> new String[] {"ZADD", "z" + key, number + "." + random.nextInt(1000), member};
                case 5 -> new String[] {"HSET", "h" + key, member, number};
                case 6 -> new String[] {"XADD", "x" + key, (i + 1) + "-" + random.nextInt(3), "f", member};
                case 7 -> new String[] {"SREM", "t" + key, member};
                default -> new String[] {"ZINCRBY", "z" + key, "0.1", member};
            };
            same(command);
            if (i % 50 == 49) {
                same("DEBUG", "DIGEST");
            }
        }
        same("DEBUG", "DIGEST");
    }

    @Test
    void reloadKeepsTheDataSet() {
        sameScript("""
                SET a 1
                RPUSH l x y z
                ZADD z 1.5 m 2 n
                HSET h f v
                SADD s 1 2 3
                XADD x 7-1 f v
                SET e v EX 1000
                SELECT 2
                SET b 2
                SELECT 0
                """);
        String before = same("DEBUG", "DIGEST");
        same("DEBUG", "RELOAD");
        assertThat(same("DEBUG", "DIGEST")).isEqualTo(before);
        same("SET", "a", "changed");
        same("DEBUG", "RELOAD", "NOSAVE");
        assertThat(same("DEBUG", "DIGEST")).isEqualTo(before);
        same("SET", "c", "3");
        same("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE");
        same("GET", "c");
        same("DEBUG", "RELOAD", "BOGUS");
        same("DEBUG", "RELOAD", "merge", "nosave", "noflush");
        same("DBSIZE");
        // NOFLUSH without MERGE and a key in both: Redis exits; Redoubt refuses and goes on serving
        assertThat(redoubt.callText("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH"))
                .isEqualTo("-ERR Error trying to load the RDB dump, check server logs.\r\n");
        assertThat(redoubt.callText("PING")).isEqualTo("+PONG\r\n");
    }

    @Test
    void loadAofReplaysTheAppendOnlyFile() throws Exception {
        try {
            same("CONFIG", "SET", "appendonly", "yes");
            awaitAofRewriteDone();
            sameScript("""
                    SET a 1
                    INCR a
                    RPUSH l x y z
                    LPOP l
                    ZADD z 1.5 m 2 n
                    HSET h f v
                    SADD s 1 2 3
                    XADD x 7-1 f v
                    SELECT 4
                    SET b 2
                    SELECT 0
                    """);
            String before = same("DEBUG", "DIGEST");
            same("DEBUG", "LOADAOF");
            assertThat(same("DEBUG", "DIGEST")).isEqualTo(before);
            same("GET", "a");
            same("LRANGE", "l", "0", "-1");
        } finally {
            same("CONFIG", "SET", "appendonly", "no");
        }
    }

    @Test
    void populateCreatesKeysAsRedisDoes() {
        same("SET", "key:3", "kept");
        same("DEBUG", "POPULATE", "10");
        same("DBSIZE");
        same("GET", "key:3");
        same("GET", "key:9");
        same("DEBUG", "POPULATE", "5", "p", "3");
        same("GET", "p:4");
        same("DEBUG", "POPULATE", "3", "z", "12");
        same("GET", "z:2");
        same("DEBUG", "POPULATE", "2", "x".repeat(200));
        same("KEYS", "xxx*");
        same("DEBUG", "DIGEST");
        same("DEBUG", "POPULATE", "-1");
        same("DEBUG", "POPULATE", "abc");
        same("DEBUG", "POPULATE", "1", "p", "-5");
        same("DEBUG", "POPULATE", "0");
        same("DEBUG", "POPULATE");
        same("DEBUG", "POPULATE", "1", "a", "1", "extra");
        // a value larger than proto-max-bulk-len is refused before it is allocated (Redis would allocate it)
        assertThat(redoubt.callText("DEBUG", "POPULATE", "1", "huge", "600000000"))
                .isEqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");
    }

    @Test
    void protocolRepliesInResp2() {
        protocolTypes(false);
    }

    @Test
    void protocolRepliesInResp3() {
        resp3();
        protocolTypes(true);
    }

    private void protocolTypes(boolean resp3) {
        for (String type : List.of("string", "integer", "double", "bignum", "null", "array", "set", "map",
                "attrib", "push", "verbatim", "true", "false", "TRUE", "nope")) {
            if (type.equals("push") && resp3) {
                // a push and then the reply that follows it
                sameN(2, "DEBUG", "PROTOCOL", type);
            } else {
                same("DEBUG", "PROTOCOL", type);
            }
        }
        same("DEBUG", "PROTOCOL");
        same("PING");
    }

    @Test
    void errorRepliesWithTheTextAsGiven() {
        same("DEBUG", "ERROR", "ERR something went wrong");
        same("DEBUG", "ERROR", "MOVED 3999 127.0.0.1:6381");
        same("DEBUG", "ERROR", "no code at all");
        same("DEBUG", "ERROR", "line one\r\nline two\nthree");
        same("DEBUG", "ERROR", "");
        same("DEBUG", "ERROR");
        same("DEBUG", "ERROR", "a", "b");
        same("PING");
    }

    @Test
    void listEncodingProbes() {
        sameScript("""
                HSET h f v
                ZADD z 1 a
                RPUSH l a b c
                SET s v
                SADD set 1
                XADD x 1-1 f v
                DEBUG LISTPACK h
                DEBUG LISTPACK z
                DEBUG LISTPACK l
                DEBUG LISTPACK s
                DEBUG LISTPACK set
                DEBUG LISTPACK x
                DEBUG LISTPACK missing
                DEBUG QUICKLIST l
                DEBUG QUICKLIST l 1
                DEBUG QUICKLIST h
                DEBUG QUICKLIST missing
                DEBUG QUICKLIST l 1 2
                DEBUG QUICKLIST-PACKED-THRESHOLD 1mb
                DEBUG QUICKLIST-PACKED-THRESHOLD 4gb
                DEBUG QUICKLIST-PACKED-THRESHOLD 5gb
                DEBUG QUICKLIST-PACKED-THRESHOLD abc
                DEBUG QUICKLIST-PACKED-THRESHOLD -1
                DEBUG QUICKLIST-PACKED-THRESHOLD 0
                DEBUG QUICKLIST-PACKED-THRESHOLD
                """);
    }

    @Test
    void housekeepingSubcommands() {
        sameScript("""
                DEBUG STRINGMATCH-TEST
                DEBUG STRINGMATCH-LEN
                DEBUG SLEEP 0
                DEBUG SLEEP 0.01
                DEBUG SLEEP abc
                DEBUG SET-ACTIVE-EXPIRE 0
                DEBUG SET-ACTIVE-EXPIRE 1
                DEBUG SET-ACTIVE-EXPIRE
                DEBUG LOG hello
                DEBUG LOG
                DEBUG CHANGE-REPL-ID extra
                DEBUG NOSUCHTHING
                """);
        String[] before = {replid(redis.callText("INFO", "replication")), replid(redoubt.callText("INFO", "replication"))};
        same("DEBUG", "CHANGE-REPL-ID");
        String[] after = {replid(redis.callText("INFO", "replication")), replid(redoubt.callText("INFO", "replication"))};
        for (int i = 0; i < 2; i++) {
            assertThat(after[i]).hasSize(40).isNotEqualTo(before[i]);
        }
        same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
    }

    private static String replid(String info) {
        int at = info.indexOf("master_replid:") + "master_replid:".length();
        return info.substring(at, info.indexOf('\r', at));
    }

    /**
     * DEBUG HELP lists only what exists: each entry Redoubt lists is Redis's entry, word for word and in
     * Redis's order (JMAP, Redoubt's own, aside); what Redis lists and Redoubt leaves out (crashes, leaks,
     * allocator and cluster-bus knobs) is refused as an unknown subcommand.
     */
    @Test
    void helpListsOnlyWhatExists() {
        List<List<String>> redisEntries = helpEntries(redis.callText("DEBUG", "HELP"));
        List<List<String>> redoubtEntries = helpEntries(redoubt.callText("DEBUG", "HELP"));
        List<String> redisNames = redisEntries.stream().map(e -> name(e.get(0))).toList();
        int cursor = 0;
        for (List<String> entry : redoubtEntries) {
            String name = name(entry.get(0));
            if (name.equals("JMAP")) {
                continue;
            }
            int at = redisNames.indexOf(name);
            assertThat(at).as("%s is a Redis DEBUG subcommand listed after the previous one", name)
                    .isGreaterThanOrEqualTo(cursor);
            assertThat(entry).isEqualTo(redisEntries.get(at));
            cursor = at + 1;
        }
        List<String> listed = redoubtEntries.stream().map(e -> name(e.get(0))).toList();
        for (String name : redisNames) {
            if (!listed.contains(name)) {
                assertThat(redoubt.callText("DEBUG", name))
                        .as("DEBUG %s, which Redoubt's HELP leaves out", name)
                        .startsWith("-ERR unknown subcommand or wrong number of arguments for '" + name + "'");
            }
        }
        assertThat(listed).contains("DIGEST", "DIGEST-VALUE", "RELOAD", "LOADAOF", "PROTOCOL", "ERROR", "POPULATE",
                "QUICKLIST-PACKED-THRESHOLD", "LISTPACK", "QUICKLIST", "STRINGMATCH-TEST", "CHANGE-REPL-ID", "SLEEP",
                "SET-ACTIVE-EXPIRE", "OBJECT", "JMAP", "HELP");
    }

    /** Entries of a HELP reply: a line naming the subcommand, then its indented description lines. */
    private static List<List<String>> helpEntries(String reply) {
        List<List<String>> entries = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 2; i < lines.length; i++) { // *N, then the header line
            String line = lines[i].substring(1);
            if (line.startsWith(" ")) {
                entries.get(entries.size() - 1).add(line);
            } else {
                entries.add(new ArrayList<>(List.of(line)));
            }
        }
        return entries;
    }

    private static String name(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    /** DEBUG JMAP is Redoubt's (Redis has none): the JVM's live-object histogram. */
    @Test
    void jmapIsTheHeapHistogram() {
        assertThat(redis.callText("DEBUG", "JMAP")).startsWith("-ERR unknown subcommand");
        String histogram = redoubt.callText("DEBUG", "JMAP");
        assertThat(histogram).startsWith("$").contains("#instances").contains("io.redoubt.engine.keyspace.Shard");
        assertThat(redoubt.callText("DEBUG", "JMAP", "extra")).startsWith("-ERR unknown subcommand");
    }
}
