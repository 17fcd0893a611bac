package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Issue 22: every Redis 7.0 command name is valid in ACL rules, even for a command Redoubt does not
 * run, so that aclfiles and ACL SETUSER calls written for Redis load unchanged; names Redis does not
 * know are refused with Redis's error. Replies are compared byte for byte with Redis 7.0.15.
 */
@Timeout(60)
class AclRedisCommandNamesDifferentialTest extends DifferentialTest {
    private static final List<String> RULES = List.of("+eval", "-eval", "+EVAL", "+evalsha", "+eval_ro",
            "+fcall", "+wait", "+script", "+script|load", "-script|flush", "+script|nosuch", "+script|load|x",
            "+function|list", "+eval|x", "-eval|x", "+eval|x|y", "+eval|", "+nosuch", "+nosuch|x", "-nosuch",
            "+client|tracking", "+client|caching", "+client|nosuch", "+cluster|info", "+module|load", "+failover",
            "+lolwut", "+migrate", "+restore-asking", "+sync", "+psync", "+replconf", "+latency|histogram",
            "+memory|doctor", "+object|freq", "+pfdebug", "+pfselftest");

    /** The shared servers outlive this class: its users go, whatever a test left behind. */
    @AfterEach
    void deleteUsers() {
        redis.call("ACL", "DELUSER", "probe", "app", "ops", "ro");
        redoubt.call("ACL", "DELUSER", "probe", "app", "ops", "ro");
    }

    @Test
    void everyRedisCommandNameIsAcceptedAndOthersRefusedAsByRedis() {
        for (String rule : RULES) {
            same("ACL", "SETUSER", "probe", rule);
        }
        same("ACL", "DELUSER", "probe");
    }

    @Test
    void rulesOnCommandsRedoubtDoesNotRunAreShownAsWritten() {
        same("ACL", "SETUSER", "app", "on", "nopass", "~app:*", "resetchannels", "-@all", "+get", "+eval",
                "+evalsha", "+wait");
        same("ACL", "SETUSER", "ops", "on", "nopass", "~*", "resetchannels", "+@all", "-script|flush", "-eval");
        same("ACL", "SETUSER", "ro", "on", "nopass", "~*", "resetchannels", "-@all", "+script|load", "+eval|Foo", "+eval|foo");
        sameAclList();
        same("ACL", "SETUSER", "ops", "+eval", "+@all");
        same("ACL", "SETUSER", "ro", "-@all");
        same("ACL", "SETUSER", "app", "-@all", "+eval", "-@scripting", "+@scripting");
        sameAclList();
    }

    /**
     * ACL LIST of both servers, each line's words compared as a set: Redis writes single-command rules
     * in the order of its command dictionary, whose hash is seeded at random when it starts, so only
     * Redis itself, in one run, gives one order.
     */
    private void sameAclList() {
        assertThat(wordsOfLines(redoubt.callText("ACL", "LIST")))
                .isEqualTo(wordsOfLines(redis.callText("ACL", "LIST")));
    }

    /** The command is still refused: naming it in a rule does not make it run. */
    @Test
    void allowingACommandRedoubtLacksDoesNotMakeItRun() {
        String[] replies = both("ACL", "DRYRUN", "default", "FAILOVER");
        assertThat(replies[0]).isEqualTo("+OK\r\n");
        assertThat(replies[1]).startsWith("-ERR"); // an unknown command on Redoubt until FAILOVER exists
    }

    @Test
    void anAclFileWrittenForRedisLoadsUnchangedOnBoth(@TempDir Path tmp) throws Exception {
        Path aclFile = tmp.resolve("users.acl");
        Files.writeString(aclFile, """
                user default on nopass ~* &* +@all
                user app on nopass ~app:* resetchannels -@all +get +set +eval +evalsha +wait +client|tracking
                user ops on nopass ~* resetchannels +@all -script|flush -debug
                user probe on nopass resetchannels -@all +cluster|info +cluster|slots +readonly +eval|x
                """);
        Path redisCopy = tmp.resolve("redis.acl");
        Files.copy(aclFile, redisCopy);
        try (RealRedis real = RealRedis.start("--aclfile", redisCopy.toString());
             RedoubtServer ours = TestDatabases.start("aclfile", aclFile.toString());
             RespClient toRedis = RespClient.connect(real.port());
             RespClient toRedoubt = RespClient.connect(ours.port())) {
            String expected = toRedis.callText("ACL", "LIST");
            assertThat(expected).contains("+eval");
            assertThat(wordsOfLines(toRedoubt.callText("ACL", "LIST"))).isEqualTo(wordsOfLines(expected));
            assertThat(toRedoubt.callText("ACL", "SAVE")).isEqualTo("+OK\r\n");
            assertThat(toRedoubt.callText("ACL", "LOAD")).isEqualTo("+OK\r\n");
            assertThat(wordsOfLines(toRedoubt.callText("ACL", "LIST"))).isEqualTo(wordsOfLines(expected));
        }
    }

    private static List<Set<String>> wordsOfLines(String aclListReply) {
        List<Set<String>> lines = new ArrayList<>();
        for (String line : aclListReply.split("\r\n")) {
            lines.add(new TreeSet<>(Arrays.asList(line.split(" "))));
        }
        return lines;
    }
}
