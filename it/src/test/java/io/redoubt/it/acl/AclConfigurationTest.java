package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Users from configuration: {@code user} lines, {@code requirepass}, {@code aclfile} with ACL SAVE
 * and ACL LOAD, {@code acl-pubsub-default}, {@code acllog-max-len}; a bad line stops the start and
 * names its line. A database can run ACL-only with the default user off.
 */
class AclConfigurationTest {
    /** Redis's closing words on a refused ACL file. */
    private static final String NOTHING_CHANGED =
            "WARNING: ACL errors detected, no change to the previously active ACL rules was performed";

    @TempDir
    Path tmp;

    private RedoubtServer start(String conf, String... overrides) throws Exception {
        Path f = tmp.resolve("redoubt.conf");
        Files.writeString(f, conf + "\ndir " + tmp.resolve("data") + "\n");
        List<String> args = new ArrayList<>(List.of(f.toString()));
        args.addAll(List.of(overrides));
        return RedoubtServer.start(ServerConfig.fromArgs(tmp, args), 0);
    }

    @Test
    void userLinesRunTheDatabaseAclOnlyWithTheDefaultUserOff() throws Exception {
        try (RedoubtServer s = start("""
                user default off
                user app on >app-secret ~app:* &app:* +@all -@dangerous
                user ops on >ops-secret ~* &* +@all
                """);
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("GET", "app:1")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.callText("AUTH", "default", "x"))
                    .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.callText("AUTH", "app", "app-secret")).isEqualTo("+OK\r\n");
            assertThat(c.callText("SET", "app:1", "v")).isEqualTo("+OK\r\n");
            assertThat(c.callText("SET", "other", "v"))
                    .isEqualTo("-NOPERM this user has no permissions to access one of the keys used as arguments\r\n");
            assertThat(c.callText("FLUSHALL"))
                    .isEqualTo("-NOPERM this user has no permissions to run the 'flushall' command\r\n");
            assertThat(c.callText("AUTH", "ops", "ops-secret")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "LIST")).contains("user default off resetchannels -@all")
                    .contains("user app on #").doesNotContain("app-secret");
        }
    }

    @Test
    void badUserLinesStopTheStartNamingTheLine() throws Exception {
        assertThatThrownBy(() -> start("port 0\nuser app on bogus-rule\n"))
                .hasMessageStartingWith("Error in user declaration 'app' at line 2 of ")
                .hasMessageEndingWith(": Syntax error ('bogus-rule')");
        assertThatThrownBy(() -> start("user app on <never-logged\n"))
                .hasMessageEndingWith("The password you are trying to remove from the user does not exist ('<(redacted)')")
                .hasMessageNotContaining("never-logged");
        assertThatThrownBy(() -> start("user app on\nuser app off\n"))
                .hasMessageStartingWith("Error in user declaration 'app' at line 2 of ")
                .hasMessageEndingWith(": Duplicate user found. A user can only be defined once in config files");
        Path acl = tmp.resolve("users.acl");
        Files.writeString(acl, "user a on nopass\n");
        assertThatThrownBy(() -> start("user b on\naclfile " + acl + "\n"))
                .hasMessageContaining("users defined in redis.conf and at the same setting an ACL file path");
    }

    @Test
    void requirepassSetsTheDefaultUsersPassword() throws Exception {
        try (RedoubtServer s = TestDatabases.start("requirepass", "s3cret");
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.callText("AUTH", "wrong"))
                    .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.callText("AUTH", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "SET", "requirepass", "")).isEqualTo("+OK\r\n");
            try (RespClient fresh = RespClient.connect(s.port())) {
                assertThat(fresh.callText("PING")).isEqualTo("+PONG\r\n");
            }
            assertThat(c.callText("INFO")).doesNotContain("s3cret");
            assertThat(c.callText("CLIENT", "LIST")).doesNotContain("s3cret");
            assertThat(c.callText("ACL", "LOG")).doesNotContain("s3cret").doesNotContain("wrong");
        }
    }

    @Test
    void aclFileSaveAndLoad() throws Exception {
        Path acl = tmp.resolve("users.acl");
        Files.writeString(acl, "user default on nopass ~* &* +@all\nuser a on >pa ~a:* -@all +get\n");
        try (RedoubtServer s = start("aclfile " + acl);
             RespClient c = RespClient.connect(s.port());
             RespClient a = RespClient.connect(s.port())) {
            assertThat(a.callText("AUTH", "a", "pa")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "SETUSER", "b", "on", ">pb", "+@read", "~b:*")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "SAVE")).isEqualTo("+OK\r\n");
            String saved = Files.readString(acl);
            assertThat(saved).contains("user b on #").contains("~b:* resetchannels -@all +@read")
                    .doesNotContain("pb\n").doesNotContain(">");
            assertThat(Files.getPosixFilePermissions(acl))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            Files.writeString(acl, "user default on nopass ~* &* +@all\nuser a on >pa ~a:* +@all\nuser c on\n");
            assertThat(c.callText("ACL", "LOAD")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "USERS")).isEqualTo("*3\r\n$1\r\na\r\n$1\r\nc\r\n$7\r\ndefault\r\n");
            assertThat(a.callText("SET", "a:1", "v")).isEqualTo("+OK\r\n"); // a kept its connection, new rules

            Files.writeString(acl, "user default on nopass ~* &* +@all\nuser a on\nbogus line\n");
            assertThat(c.callText("ACL", "LOAD")).isEqualTo("-ERR " + acl + ":3 should start with user keyword "
                    + "followed by the username. " + NOTHING_CHANGED + "\r\n");
            Files.writeString(acl, "user a on\nuser a off\n");
            assertThat(c.callText("ACL", "LOAD")).isEqualTo("-ERR WARNING: Duplicate user 'a' found on line 2. "
                    + NOTHING_CHANGED + "\r\n");
            assertThat(c.callText("ACL", "USERS")).contains("$1\r\nc\r\n"); // nothing changed
        }
        Files.writeString(acl, "user default on nopass ~* &* +@all\nuser x on +nosuch\n");
        assertThatThrownBy(() -> start("aclfile " + acl)).hasMessage("Aborting startup because of ACL errors: " + acl
                + ":2: Error in applying operation '+nosuch': Unknown command or category name in ACL. "
                + NOTHING_CHANGED);
    }

    @Test
    void pubsubDefaultAndLogLength() throws Exception {
        try (RedoubtServer s = TestDatabases.start("acl-pubsub-default", "allchannels", "acllog-max-len", "2");
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("ACL", "SETUSER", "u", "on", ">p", "-@all", "+get")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "LIST")).contains("user u on #").contains(" &* -@all +get");
            try (RespClient u = RespClient.connect(s.port())) {
                u.callText("AUTH", "u", "p");
                u.callText("SET", "a", "1");
                u.callText("DEL", "a");
                u.callText("INCR", "a");
            }
            assertThat(c.callText("ACL", "LOG")).startsWith("*2\r\n");
            assertThat(c.callText("CONFIG", "SET", "acllog-max-len", "1")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "LOG")).startsWith("*1\r\n");
        }
    }

    @Test
    void savedFilesAreOwnerOnly() throws Exception {
        Path acl = tmp.resolve("fresh.acl");
        try (RedoubtServer s = start("aclfile " + acl);
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("ACL", "SAVE")).isEqualTo("+OK\r\n");
        }
        assertThat(Files.getPosixFilePermissions(acl)).isEqualTo(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(acl)).isEqualTo("user default on nopass ~* &* +@all\n");
    }

    @Test
    void configRewriteWritesTheCurrentUsers() throws Exception {
        try (RedoubtServer s = start("port 0\nuser default off\nuser app on >app-pw ~app:* +@all\n");
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("AUTH", "app", "app-pw")).isEqualTo("+OK\r\n");
            assertThat(c.callText("ACL", "SETUSER", "added", "on", ">added-pw", "~*", "+get")).isEqualTo("+OK\r\n");
            assertThat(c.callText("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
        }
        String text = Files.readString(tmp.resolve("redoubt.conf"));
        assertThat(text).contains("user default off resetchannels -@all\n")
                .contains("user added on #").contains("user app on #").doesNotContain("app-pw").doesNotContain(">");
        try (RedoubtServer s = RedoubtServer.start(ServerConfig.fromArgs(tmp, List.of(tmp.resolve("redoubt.conf")
                .toString())), 0);
             RespClient c = RespClient.connect(s.port())) {
            assertThat(c.callText("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.callText("AUTH", "added", "added-pw")).isEqualTo("+OK\r\n");
            assertThat(c.callText("GET", "k")).isEqualTo("$-1\r\n");
        }
    }
}
