package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * COMMAND GETKEYSANDFLAGS, COMMAND LIST with FILTERBY ACLCAT and PATTERN, and the movablekeys flag in
 * COMMAND INFO, against Redis 7.0.15. COMMAND LIST's order is Redis's hash-table order, so lists are
 * compared as sorted sets of names (containers' subcommands too, so containers are left out of COMMAND
 * INFO here); everything else byte for byte.
 */
@Timeout(60)
class CommandKeysDifferentialTest extends DifferentialTest {

    @Test
    void getkeysandflags() {
        sameScript("""
                COMMAND GETKEYSANDFLAGS SET k v
                COMMAND GETKEYSANDFLAGS GET k
                COMMAND GETKEYSANDFLAGS MSET a 1 b 2
                COMMAND GETKEYSANDFLAGS LMOVE src dst LEFT RIGHT
                COMMAND GETKEYSANDFLAGS SORT k STORE dst
                COMMAND GETKEYSANDFLAGS ZUNIONSTORE dst 2 a b
                COMMAND GETKEYSANDFLAGS XREAD STREAMS s1 s2 0 0
                COMMAND GETKEYSANDFLAGS DEL a b c
                COMMAND GETKEYSANDFLAGS RENAME a b
                COMMAND GETKEYSANDFLAGS COPY a b
                COMMAND GETKEYSANDFLAGS GETEX k PERSIST
                COMMAND GETKEYSANDFLAGS BLMPOP 0 2 a b LEFT
                COMMAND GETKEYSANDFLAGS GEORADIUS src 0 0 1 km STORE dst
                COMMAND GETKEYSANDFLAGS PING
                COMMAND GETKEYSANDFLAGS NOSUCH k
                COMMAND GETKEYSANDFLAGS SET
                COMMAND GETKEYSANDFLAGS
                COMMAND GETKEYS MSET a 1 b 2
                """);
    }

    @Test
    void listFilters() {
        for (String[] args : new String[][] {
                {"COMMAND", "LIST", "FILTERBY", "ACLCAT", "hyperloglog"},
                {"COMMAND", "LIST", "FILTERBY", "ACLCAT", "dangerous"},
                {"COMMAND", "LIST", "FILTERBY", "ACLCAT", "pubsub"},
                {"COMMAND", "LIST", "FILTERBY", "PATTERN", "x*"},
                {"COMMAND", "LIST", "FILTERBY", "PATTERN", "*range*"},
                {"COMMAND", "LIST", "FILTERBY", "PATTERN", "acl|*"},
                {"COMMAND", "LIST", "FILTERBY", "PATTERN", "CONFIG|G*"},
                {"COMMAND", "LIST", "FILTERBY", "MODULE", "none"}}) {
            String[] replies = both(args);
            List<String> theirs = names(replies[0]);
            List<String> ours = names(replies[1]);
            assertThat(theirs).as(String.join(" ", args)).containsAll(ours);
            // what Redis lists and Redoubt does not is a command Redoubt lacks (replication, MIGRATE), no
            // filtering difference
            for (String missing : theirs.stream().filter(n -> !ours.contains(n)).toList()) {
                assertThat(redoubt.callText("COMMAND", "INFO", missing)).as("COMMAND INFO %s", missing)
                        .isEqualTo("*1\r\n$-1\r\n");
            }
        }
        sameScript("""
                COMMAND LIST FILTERBY ACLCAT nosuchcategory
                COMMAND LIST FILTERBY BOGUS x
                COMMAND LIST FILTERBY
                COMMAND LIST FILTERBY PATTERN
                """);
    }

    private static List<String> names(String reply) {
        return Arrays.stream(reply.split("\r\n")).filter(l -> !l.startsWith("*") && !l.startsWith("$")).sorted().toList();
    }

    @Test
    void movablekeysWhereRedisSetsIt() {
        for (String command : List.of("sort", "sort_ro", "zunionstore", "zunion", "zinter", "zdiff", "xread",
                "xreadgroup", "georadius", "georadiusbymember", "blmpop", "lmpop", "zmpop", "bzmpop", "sintercard",
                "zintercard", "set", "get", "mset", "del",
                "lmove", "georadius_ro")) {
            same("COMMAND", "INFO", command);
        }
    }
}
