package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule injection (issue 14, defect 6): a key or channel pattern, a first-arg rule or a user name
 * holding a blank or a newline would be written raw by ACL SAVE and CONFIG REWRITE, where a newline
 * starts a new {@code user} line (a backdoor after ACL LOAD or a restart) and a blank splits a rule
 * (a start that aborts). ACL SETUSER refuses what Redis 7.0.15 refuses, byte for byte, and the
 * round trips through the aclfile and through redis.conf give back exactly the users and values
 * that were set.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AclRuleInjectionTest {
    private static final String BACKDOOR = "user backdoor on nopass ~* &* +@all";
    /** A string parameter's value that would end its line, add one and split words if written raw. */
    private static final String PASSWORD = "pw ord\r\nmaxclients 1\\x0a\u2003'\"\u0001";

    private static AclServers servers;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = new AclServers();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void blanksInPatternsAndNamesAreRefusedAsRedisRefusesThem() {
        RespClient[] pair = servers.connect();
        try {
            for (String rule : List.of("~a\nb", "~a b", "~t1:*\n" + BACKDOOR, "%R~a b", "%RW~a\rb", "~a\tb",
                    "~a\u000bb", "~a\fb", "~a\0b", "&a b", "&a\nb", "&*\n" + BACKDOOR, "(~a b)", "(~a\nb)",
                    "(&a\tb +get)")) {
                assertThat(AclServers.same(pair, "ACL", "SETUSER", "inj", rule)).startsWith("-ERR ");
            }
            AclServers.same(pair, "ACL", "SETUSER", "inj", "(~a", "b)");
            for (String name : List.of("u x", "u\nx", "x\n" + BACKDOOR, "u\tx", "u\rx", "u\0x")) {
                assertThat(AclServers.same(pair, "ACL", "SETUSER", name, "on"))
                        .isEqualTo("-ERR Usernames can't contain spaces or null characters\r\n");
            }
            // Quotes and backslashes are legal in Redis's rules; they must survive the round trips below.
            for (String rule : List.of("~\"a\"", "~a'b", "%R~\"", "&\"x", "~a\\b", "~\"*\"")) {
                assertThat(AclServers.same(pair, "ACL", "SETUSER", "odd", rule)).isEqualTo("+OK\r\n");
            }
            AclServers.same(pair, "ACL", "GETUSER", "odd");
            AclServers.same(pair, "ACL", "USERS");
        } finally {
            AclServers.same(pair, "ACL", "DELUSER", "inj", "odd");
            AclServers.close(pair);
        }
    }

    /**
     * Redis 7.0.15 accepts a blank in a first-arg rule ({@code +select|a b}) and writes it raw, so
     * {@code +select|0\nuser backdoor ...} plants a user in its own aclfile. Redoubt refuses it.
     */
    @Test
    void blanksInFirstArgRulesAreRefusedWhereRedisWritesThemRaw() {
        try (RespClient c = RespClient.connect(servers.redoubt.port())) {
            for (String rule : List.of("+select|0\n" + BACKDOOR, "+select|a b", "+select|a\tb")) {
                assertThat(c.callText("ACL", "SETUSER", "first", rule))
                        .isEqualTo("-ERR Error in ACL SETUSER modifier '" + rule.replaceAll("[\r\n]", " ")
                                + "': Syntax error\r\n");
            }
            assertThat(c.callText("ACL", "SETUSER", "first", "+select|'")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "DELUSER", "first")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void aclSaveAndLoadGiveBackExactlyTheUsersThatWereSet() throws Exception {
        Path acl = tmp.resolve("users.acl");
        Files.writeString(acl, "user default on nopass ~* &* +@all\n");
        try (RedoubtServer s = startWith("aclfile " + acl);
             RespClient c = RespClient.connect(s.port())) {
            tryEveryInjection(c);
            assertThat(c.callText("ACL", "SETUSER", "odd", "on", ">pw", "~\"*\"", "~a'b", "%R~\"", "&\"x",
                    "~a\\b", "+get", "+select|'", "(~\"q\" +set)")).isEqualTo("+OK\r\n");
            String before = c.callText("ACL", "LIST");
            assertThat(c.callText("ACL", "SAVE")).isEqualTo("+OK\r\n");
            assertThat(Files.readString(acl)).doesNotContain("backdoor").hasLineCount(2);
            assertThat(c.callText("ACL", "LOAD")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "LIST")).isEqualTo(before);
            assertThat(c.callText("ACL", "USERS")).isEqualTo("*2\r\n$7\r\ndefault\r\n$3\r\nodd\r\n");
        }
    }

    @Test
    void configRewriteAndRestartGiveBackExactlyTheUsersAndValuesThatWereSet() throws Exception {
        String before;
        String names = "user default on nopass ~* &* +@all\n";
        try (RedoubtServer s = startWith(names);
             RespClient c = RespClient.connect(s.port())) {
            tryEveryInjection(c);
            // redis.conf reads quotes and escapes: ~"*" written raw would come back as ~* (every key)
            assertThat(c.callText("ACL", "SETUSER", "odd", "on", ">pw", "~\"*\"", "~a'b", "%R~\"", "&\"x",
                    "~a\\b", "+get", "+select|'", "(~\"q\" +set)")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "SETUSER", "u\"x", "on", "nopass", "~'k'")).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "SET", "tls-auth-clients-names", "a\n" + BACKDOOR + "\nport 1"))
                    .isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "SET", "requirepass", PASSWORD)).isEqualTo("+OK\r\n");
            before = c.callText("ACL", "LIST");
            assertThat(before).contains("user default on #" + sha256(PASSWORD) + " ");
            assertThat(c.callText("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
        }
        String rewritten = Files.readString(tmp.resolve("redoubt.conf"));
        assertThat(rewritten.lines()).noneMatch(l -> l.startsWith("user backdoor") || l.startsWith("port 1")
                || l.startsWith("maxclients"));
        try (RedoubtServer s = RedoubtServer.start(ServerConfig.fromArgs(tmp,
                List.of(tmp.resolve("redoubt.conf").toString())), 0);
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("AUTH", PASSWORD)).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "LIST")).isEqualTo(before);
            assertThat(c.callText("CONFIG", "GET", "tls-auth-clients-names"))
                    .isEqualTo(bulkPair("tls-auth-clients-names", "a\n" + BACKDOOR + "\nport 1"));
            assertThat(c.callText("CONFIG", "GET", "maxclients")).isEqualTo(bulkPair("maxclients", "10000"));
        }
    }

    /**
     * redis.conf reads quoted words, so a user line can name a user with a blank, or give a rule with
     * one; Redis 7.0.15 refuses to start on either ("Spaces not allowed in ACL usernames", "Syntax
     * error"), and so does Redoubt.
     */
    @Test
    void configUserLinesWithBlanksStopTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startWith("user \"a b\" on nopass"))
                .hasMessageContaining("Spaces not allowed in ACL usernames");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startWith("user \"a\\nuser b\" on nopass"))
                .hasMessageContaining("Spaces not allowed in ACL usernames");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startWith("user u on \"~a b\""))
                .hasMessageContaining("Error in user declaration 'u'").hasMessageContaining("Syntax error");
    }

    /** Every way tried to plant {@link #BACKDOOR}; each must be refused and leave no such user. */
    private static void tryEveryInjection(RespClient c) {
        List<String[]> attempts = new ArrayList<>();
        attempts.add(new String[] {"ACL", "SETUSER", "t1", "on", ">pw", "~t1:*\n" + BACKDOOR});
        attempts.add(new String[] {"ACL", "SETUSER", "t1", "on", ">pw", "&t1:*\n" + BACKDOOR});
        attempts.add(new String[] {"ACL", "SETUSER", "t1", "on", ">pw", "(~t1:*\n" + BACKDOOR + ")"});
        attempts.add(new String[] {"ACL", "SETUSER", "t1", "on", ">pw", "-@all", "+select|0\n" + BACKDOOR});
        attempts.add(new String[] {"ACL", "SETUSER", "t1\n" + BACKDOOR, "on"});
        attempts.add(new String[] {"ACL", "SETUSER", "t1", "on", ">pw", "~a b"});
        for (String[] a : attempts) {
            assertThat(c.callText(a)).as(String.join(" ", a)).startsWith("-ERR ");
        }
        assertThat(c.callText("ACL", "USERS")).doesNotContain("backdoor").doesNotContain("t1");
    }

    private RedoubtServer startWith(String conf) throws Exception {
        Path f = tmp.resolve("redoubt.conf");
        Files.writeString(f, conf + "\ndir " + tmp.resolve("data") + "\nevent-log-file \"\"\n");
        return RedoubtServer.start(ServerConfig.fromArgs(tmp, List.of(f.toString())), 0);
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String bulkPair(String name, String value) {
        return "*2\r\n$" + name.length() + "\r\n" + name + "\r\n$"
                + value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
    }
}
