package io.redoubt.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX, COPY, MOVE, SWAPDB, FLUSH*, DBSIZE, RANDOMKEY, KEYS, SCAN. */
class KeyCommandsDifferentialTest extends DifferentialTest {

    @Test
    void deleteExistsTouchAndType() {
        sameScript("""
                SET a 1
                SET b 2
                EXISTS a b missing a
                TOUCH a missing b
                TYPE a
                TYPE missing
                DEL a missing a
                UNLINK b
                EXISTS a b
                DBSIZE
                DEL
                UNLINK
                EXISTS
                TOUCH
                TYPE
                TYPE a b
                """);
    }

    @Test
    void renameKeepsValueAndExpiry() {
        sameScript("""
                RENAME missing x
                RENAMENX missing x
                SET a 1
                RENAME a a
                RENAMENX a a
                EXPIRE a 1000
                RENAME a b
                EXISTS a
                GET b
                TTL b
                SET c 3
                RENAMENX b c
                RENAMENX b d
                GET d
                TTL d
                RENAME d c
                GET c
                TTL c
                RENAME c
                """);
    }

    @Test
    void copyWithinAndAcrossDatabases() {
        sameScript("""
                COPY a a
                COPY missing b
                SET a hello
                EXPIRE a 500
                COPY a b
                GET b
                TTL b
                COPY a b
                COPY a b REPLACE
                COPY a b DB 3
                COPY a b DB 0
                COPY a a DB 1
                COPY a b DB x
                COPY a b DB 99
                COPY a b DB -1
                COPY a b DB 2147483648
                COPY a b DB
                COPY a b FOO
                COPY a b replace db 3 REPLACE
                SELECT 3
                GET b
                TTL b
                GET a
                SELECT 1
                GET a
                TTL a
                COPY a
                """);
    }

    @Test
    void moveBetweenDatabases() {
        sameScript("""
                MOVE a 0
                MOVE a 1
                SET a 1
                MOVE a 0
                MOVE a x
                MOVE a 16
                MOVE a -1
                MOVE a 2147483648
                PEXPIRE a 900000
                MOVE a 1
                EXISTS a
                SELECT 1
                GET a
                TTL a
                SET b 2
                SELECT 0
                SET b other
                MOVE b 1
                SELECT 1
                GET b
                """);
    }

    @Test
    void swapdbSelectAndFlush() {
        sameScript("""
                SET a 0
                SELECT 5
                SET a 5
                SET b 5
                DBSIZE
                SWAPDB 0 5
                DBSIZE
                GET a
                SELECT 0
                GET a
                GET b
                SWAPDB 0 0
                SWAPDB x 1
                SWAPDB 1 x
                SWAPDB 0 16
                SWAPDB -1 0
                SWAPDB 2147483648 0
                SWAPDB 0 -2147483649
                SWAPDB 0
                FLUSHDB
                DBSIZE
                SELECT 5
                DBSIZE
                FLUSHDB ASYNC
                FLUSHDB SYNC
                FLUSHDB BOGUS
                FLUSHDB SYNC ASYNC
                SET x 1
                SELECT 9
                SET y 1
                FLUSHALL sync
                DBSIZE
                SELECT 5
                DBSIZE
                FLUSHALL ASYNC
                FLUSHALL nope
                """);
    }

    @Test
    void randomkeyReturnsAnExistingKey() {
        same("RANDOMKEY");
        same("SET only 1");
        same("RANDOMKEY");
        same("RANDOMKEY", "extra");
        same("PEXPIRE", "only", "1");
        awaitGone("only");
        same("RANDOMKEY");
    }

    private void awaitGone(String key) {
        org.awaitility.Awaitility.await().until(() -> redis.callText("EXISTS", key).equals(":0\r\n")
                && redoubt.callText("EXISTS", key).equals(":0\r\n"));
    }

    @Test
    void keysMatchesTheSameKeys() {
        for (String k : List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "hillo", "h*llo", "x", "a\\b", "key:1",
                "key:22", "KEY:3")) {
            same("SET", k, "v");
        }
        for (String pattern : List.of("*", "h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[a-b]llo", "h\\*llo", "key:*",
                "KEY:*", "nomatch*", "[", "a\\\\b", "*llo", "")) {
            assertThat(keySet(redoubt.callText("KEYS", pattern))).as("KEYS %s", pattern)
                    .isEqualTo(keySet(redis.callText("KEYS", pattern)));
        }
        same("KEYS");
        same("KEYS", "a", "b");
    }

    @Test
    void scanVisitsEveryKeyOnce() {
        for (int i = 0; i < 600; i++) {
            same("SET", "key:" + i, "v");
        }
        for (String[] options : List.of(new String[] {}, new String[] {"COUNT", "7"},
                new String[] {"MATCH", "key:1*", "COUNT", "50"}, new String[] {"TYPE", "string"},
                new String[] {"TYPE", "STRING", "COUNT", "1000"}, new String[] {"TYPE", "list"},
                new String[] {"MATCH", "*", "COUNT", "3"}, new String[] {"TYPE", "nosuchtype"})) {
            List<String> expected = fullScan(redis, options);
            List<String> actual = fullScan(redoubt, options);
            assertThat(actual).as("SCAN %s has no duplicates", String.join(" ", options)).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(actual)).as("SCAN %s", String.join(" ", options))
                    .isEqualTo(new TreeSet<>(expected));
        }
    }

    @Test
    void scanErrors() {
        sameScript("""
                SCAN abc
                SCAN 1x
                SCAN " 1"
                SCAN -
                SCAN +
                SCAN 18446744073709551616
                SCAN -18446744073709551616
                SCAN 0 COUNT 0
                SCAN 0 COUNT -1
                SCAN 0 COUNT abc
                SCAN 0 MATCH
                SCAN 0 FOO bar
                SCAN 0 COUNT 10 TYPE
                SCAN
                """);
        // Valid cursors over an empty database all finish at once.
        sameScript("""
                SCAN 0
                SCAN ""
                SCAN 18446744073709551615
                SCAN -1
                SCAN +5
                SCAN 0 count 5 match * type string
                """);
    }

    @Test
    void resp3Replies() {
        resp3();
        sameScript("""
                RANDOMKEY
                SET k 1
                RANDOMKEY
                TYPE k
                TYPE missing
                OBJECT ENCODING missing
                OBJECT ENCODING k
                OBJECT HELP
                SCAN 0 MATCH k
                KEYS k
                SORT missing GET #
                TTL k
                EXPIRETIME k
                COPY k k2
                RENAME k2 k3
                DBSIZE
                """);
    }

    /** Follows the cursor to the end; returns every key returned, duplicates included. */
    private static List<String> fullScan(RespClient client, String... options) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            String[] args = new String[options.length + 2];
            args[0] = "SCAN";
            args[1] = cursor;
            System.arraycopy(options, 0, args, 2, options.length);
            List<String> reply = bulks(client.callText(args));
            cursor = reply.get(0);
            keys.addAll(reply.subList(1, reply.size()));
            assertThat(++calls).as("SCAN terminates").isLessThan(100_000);
        } while (!cursor.equals("0"));
        return keys;
    }

    static Set<String> keySet(String reply) {
        return new TreeSet<>(bulks(reply));
    }

    /** Every bulk string in a reply, in order (nested arrays flattened). */
    static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$") && !lines[i].equals("$-1")) {
                out.add(lines[++i]);
            }
        }
        return out;
    }
}
