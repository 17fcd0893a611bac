package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Connection and server administration commands compared byte for byte with Redis 7.0. */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class ServerCommandsDifferentialTest extends DifferentialTest {

    @Test
    void helpTexts() {
        sameScript("""
                CLIENT HELP
                SLOWLOG HELP
                LATENCY HELP
                MEMORY HELP
                FUNCTION HELP
                SCRIPT HELP
                # DEBUG HELP lists only the subcommands Redoubt has: DebugDifferentialTest compares it entry by entry
                client help extra
                """);
    }

    @Test
    void clientErrorTexts() {
        sameScript("""
                CLIENT
                CLIENT BOGUS
                CLIENT MAINT_NOTIFICATIONS ON
                client maint_notifications on
                CLIENT ID x
                CLIENT GETNAME x
                CLIENT SETNAME
                CLIENT SETNAME "a b"
                CLIENT SETNAME "a\\nb"
                CLIENT KILL 1.2.3.4:5
                CLIENT KILL ID 999999
                CLIENT KILL ID x
                CLIENT KILL ID 0
                CLIENT KILL TYPE bogus
                CLIENT KILL USER nobody
                CLIENT KILL LADDR x
                CLIENT KILL ADDR 1.1.1.1:1 SKIPME maybe
                CLIENT KILL ID 1 SKIPME
                CLIENT KILL 1.1.1.1:1 x
                CLIENT KILL BOGUS x
                CLIENT LIST foo
                CLIENT LIST TYPE foo
                CLIENT LIST TYPE pubsub
                CLIENT LIST TYPE master
                CLIENT LIST ID x
                CLIENT LIST ID 1 2 abc
                CLIENT LIST ID 999999
                CLIENT REPLY bad
                CLIENT REPLY
                CLIENT NO-EVICT x
                CLIENT NO-EVICT on
                CLIENT NO-EVICT OFF
                CLIENT PAUSE
                CLIENT PAUSE x
                CLIENT PAUSE -1
                CLIENT PAUSE 10 foo
                CLIENT PAUSE x foo
                CLIENT PAUSE 10 write x
                CLIENT UNPAUSE
                CLIENT UNPAUSE x
                """);
    }

    @Test
    void clientNames() {
        sameScript("""
                CLIENT GETNAME
                CLIENT SETNAME myname
                CLIENT GETNAME
                CLIENT SETNAME ""
                CLIENT GETNAME
                """);
    }

    @Test
    void serverControlReplies() {
        sameScript("""
                AUTH
                AUTH secret
                AUTH someone secret
                AUTH default anything
                AUTH a b c
                LASTSAVE x
                TIME x
                RESET x
                MONITOR x
                SHUTDOWN ABORT
                SHUTDOWN bogus
                SHUTDOWN SAVE NOSAVE
                SHUTDOWN NOW ABORT
                FUNCTION
                FUNCTION FLUSH
                FUNCTION FLUSH ASYNC
                FUNCTION FLUSH sync
                FUNCTION FLUSH bad
                FUNCTION FLUSH a b
                FUNCTION BOGUS
                SCRIPT FLUSH
                SCRIPT FLUSH SYNC
                SCRIPT FLUSH bad
                SCRIPT FLUSH a b
                """);
    }

    @Test
    void diagnosticsReplies() {
        sameScript("""
                SLOWLOG
                SLOWLOG BOGUS
                SLOWLOG GET x
                SLOWLOG GET -2
                SLOWLOG GET 1 2
                SLOWLOG LEN x
                SLOWLOG RESET x
                SLOWLOG RESET
                LATENCY
                LATENCY LATEST
                LATENCY HISTORY command
                LATENCY HISTORY
                LATENCY GRAPH command
                LATENCY RESET
                LATENCY RESET command fast-command
                LATENCY DOCTOR
                LATENCY HISTOGRAM nosuchcommand
                MEMORY
                MEMORY USAGE
                MEMORY USAGE nokey
                SET foo bar
                MEMORY USAGE foo SAMPLES
                MEMORY USAGE foo SAMPLES x
                MEMORY USAGE foo SAMPLES -1
                MEMORY USAGE foo bogus 1
                MEMORY PURGE
                MEMORY PURGE x
                MEMORY DOCTOR x
                DEL foo
                """);
    }

    @Test
    void debugReplies() {
        sameScript("""
                DEBUG
                DEBUG BOGUS
                DEBUG OBJECT nokey
                DEBUG SLEEP 0
                DEBUG SET-ACTIVE-EXPIRE 1
                """);
    }

    @Test
    void resetReturnsToDefaults() {
        resp3();
        sameScript("""
                SELECT 3
                CLIENT SETNAME before
                RESET
                CLIENT GETNAME
                HELLO
                """.replace("HELLO\n", ""));
        String[] info = both("CLIENT", "INFO");
        for (String i : info) {
            assertThat(i).contains(" name= ").contains(" db=0 ").contains(" resp=2");
        }
    }

    @Test
    void replySkipAndOffDropReplies() {
        for (var c : List.of(redis, redoubt)) {
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("SET", "a", "1");
            c.send("CLIENT", "REPLY", "OFF");
            c.send("GET", "a");
            c.send("NOSUCHCOMMAND");
            c.send("CLIENT", "REPLY", "ON");
        }
        assertThat(redoubt.readReplyText()).isEqualTo(redis.readReplyText()).isEqualTo("+OK\r\n");
        same("GET", "a");
    }

    @Test
    void clientInfoHasRedisFieldsInOrder() {
        String[] info = both("CLIENT", "INFO");
        assertThat(fieldNames(info[1])).isEqualTo(fieldNames(info[0]));
        String[] list = both("CLIENT", "LIST", "ID", "1", "2");
        assertThat(list[1]).startsWith("$");
        resp3();
        String[] info3 = both("CLIENT", "INFO");
        assertThat(info3[1]).startsWith("=");
        assertThat(fieldNames(info3[1])).isEqualTo(fieldNames(info3[0]));
        assertThat(info3[1]).contains(" cmd=client|info ").contains(" flags=N ").contains(" resp=3");
    }

    @Test
    void memoryStatsHasRedisFieldNames() {
        String[] stats = both("MEMORY", "STATS");
        assertThat(bulkNames(stats[1])).isEqualTo(bulkNames(stats[0]));
    }

    @Test
    void timeAndLastsaveHaveRedisShape() {
        String[] time = both("TIME");
        Pattern p = Pattern.compile("\\*2\r\n\\$\\d+\r\n\\d+\r\n\\$\\d+\r\n\\d+\r\n");
        assertThat(time[0]).matches(p);
        assertThat(time[1]).matches(p);
        assertThat(both("LASTSAVE")[1]).matches(":\\d+\r\n");
    }

    /** The key of every key=value field of a CLIENT INFO line. */
    private static List<String> fieldNames(String reply) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("([a-z-]+)=").matcher(reply);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Bulk strings that start with a letter: the field names of a RESP2 map, per-database ones left out. */
    private static List<String> bulkNames(String reply) {
        List<String> names = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            boolean perDb = lines[i + 1].startsWith("db.") || lines[i + 1].startsWith("overhead.hashtable.");
            if (lines[i].startsWith("$") && Character.isLetter(lines[i + 1].charAt(0)) && !perDb) {
                names.add(lines[i + 1]);
            }
        }
        return names;
    }
}
