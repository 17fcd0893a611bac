package io.redoubt.it.acl;

import static io.redoubt.it.acl.AclServers.same;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.introspect.RespValue;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACL commands and the errors a restricted user meets, byte for byte against Redis 7.0.15: SETUSER
 * with every kind of rule (and Redis's reasons for bad ones), LIST, GETUSER, CAT, DRYRUN, LOG, AUTH,
 * HELLO AUTH, NOPERM for commands, keys and channels, MULTI/EXEC.
 */
class AclDifferentialTest {
    private static AclServers servers;
    private RespClient[] admin;
    private final List<RespClient[]> extra = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        servers = new AclServers();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void connect() {
        admin = servers.connect();
        for (String name : strings(RespValue.parse(admin[0].call("ACL", "USERS")))) {
            if (!name.equals("default")) {
                admin[0].call("ACL", "DELUSER", name);
                admin[1].call("ACL", "DELUSER", name);
            }
        }
        admin[1].call("ACL", "DELUSER", "u", "n", "r", "s");
        admin[0].call("ACL", "LOG", "RESET");
        admin[1].call("ACL", "LOG", "RESET");
    }

    @AfterEach
    void disconnect() {
        AclServers.close(admin);
        extra.forEach(AclServers::close);
    }

    private RespClient[] as(String user, String password) {
        RespClient[] pair = servers.connect();
        extra.add(pair);
        same(pair, "AUTH", user, password);
        return pair;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }

    @Test
    void setuserRulesAndTheirDescriptions() {
        String[][] cases = {
            {"u1", "on", ">pw", "+@read", "-get", "~k*", "%W~w*", "&ch*", "(+set ~s*)"},
            {"u2", "+get", "-set", "+set", "-set"},
            {"u3", "+@read", "+get", "-@read"},
            {"u4", "allcommands", "-get", "nocommands", "+set"},
            {"u5", "+@all", "-@dangerous"},
            {"u6", "+config|get"},
            {"u7", "+config|get", "+config"},
            {"u8", "+@all", "-config|set"},
            {"u9", "%R~r*", "%W~w*", "%RW~b*", "%WR~c*", "~k*", "~k*"},
            {"u10", "allkeys", "allchannels", "+@all", "-@write"},
            {"u11", "resetpass", ">a", ">b", ">a", "<a"},
            {"u12", "#" + "a".repeat(64), "nopass"},
            {"u13", ">x", "nopass", ">y"},
            {"u14", "reset"},
            {"u15", "(+get ~x)", "(+set", "~y)", "clearselectors", "(~z &c +@hash)"},
            {"u16", "()", "(&*)"},
            {"u17", "+@hash", "-hget"},
            {"u18", "on", "off", "on", "skip-sanitize-payload"},
            {"u19", "+select|0", "+select|1"},
            {"u20", "~", "%R~", "&"},
            {"bad", "foo"},
            {"bad", "%X~a"},
            {"bad", "%RR~a"},
            {"bad", "%~a"},
            {"bad", "+nosuch"},
            {"bad", "+@nosuch"},
            {"bad", "(+get"},
            {"bad", "#abc"},
            {"bad", "!abc"},
            {"bad", "<nopw"},
            {"bad", "~*", "~a"},
            {"bad", "allkeys", "%R~a"},
            {"bad", "&*", "&a"},
            {"bad", "+config|nosub"},
            {"bad", "-config|get|x"},
            {"bad", "+config|get|x"},
            {"bad", "+get|"},
            {"bad", "+select|0|1"},
            {"bad", "+@read|x"},
            {"bad", "on", ">pw", "bogus", "+@all"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 2];
            args[0] = "ACL";
            args[1] = "SETUSER";
            System.arraycopy(c, 0, args, 2, c.length);
            same(admin, args);
        }
        same(admin, "ACL", "LIST");
        same(admin, "ACL", "USERS");
        for (String[] c : cases) {
            same(admin, "ACL", "GETUSER", c[0]);
        }
        same(admin, "ACL", "GETUSER", "default");
        same(admin, "ACL", "GETUSER", "nosuch");
        same(admin, "ACL", "SETUSER");
        same(admin, "ACL", "DELUSER", "default");
        same(admin, "ACL", "DELUSER", "nosuch", "u1", "u2");
        same(admin, "ACL", "USERS");
    }

    @Test
    void restrictedUsersGetRedisErrors() {
        same(admin, "ACL", "SETUSER", "r", "on", ">pw", "+@all", "-@dangerous", "~k*", "%R~r*", "%W~w*", "&ch*",
                "(+set ~s*)");
        same(admin, "SET", "r1", "v");
        RespClient[] r = as("r", "pw");
        for (String[] req : new String[][] {
            {"GET", "x"}, {"GET", "r1"}, {"SET", "r1", "v"}, {"SET", "w1", "v"}, {"GET", "w1"},
            {"SET", "s1", "v"}, {"GET", "s1"}, {"SET", "x1", "v"}, {"SET", "w1", "v", "GET"},
            {"MSET", "k1", "a", "x", "b"}, {"MGET", "k1", "r1"}, {"EXISTS", "r1", "w1"}, {"COPY", "r1", "w2"},
            {"LMOVE", "r1", "k2", "LEFT", "RIGHT"}, {"PUBLISH", "x", "m"}, {"PUBLISH", "chan", "m"},
            {"FLUSHALL"}, {"CONFIG", "GET", "maxmemory"}, {"KEYS", "*"}, {"ACL", "WHOAMI"}, {"DEBUG", "SLEEP", "0"},
            {"ACL", "LIST"}, {"ACL", "SETUSER", "r", "+@all"}, {"AUTH", "r", "wrong"}, {"ACL", "WHOAMI"},
        }) {
            same(r, req);
        }
        same(r, "MULTI");
        same(r, "SET", "k1", "v");
        same(r, "FLUSHALL");
        same(r, "EXEC");
        same(r, "MULTI");
        same(r, "SET", "k1", "v");
        same(r, "GET", "k1");
        same(admin, "ACL", "SETUSER", "r", "-get");
        same(r, "EXEC");
    }

    @Test
    void channelPermissions() {
        same(admin, "ACL", "SETUSER", "s", "on", ">pw", "+@all", "resetchannels", "&ch*", "&news");
        RespClient[] s = as("s", "pw");
        same(s, "SUBSCRIBE", "other");
        same(s, "PSUBSCRIBE", "ch1*");
        same(s, "PSUBSCRIBE", "n*");
        same(s, "PUBLISH", "news", "m");
        same(s, "PUBLISH", "sport", "m");
        same(s, "SPUBLISH", "sport", "m");
        same(s, "PSUBSCRIBE", "ch*");
    }

    @Test
    void dryrunCatGenpassWhoami() {
        same(admin, "ACL", "SETUSER", "n", "on", ">pw", "-@all", "+get", "~*", "&x");
        same(admin, "ACL", "SETUSER", "r", "on", ">pw", "+@all", "%R~r*");
        for (String[] req : new String[][] {
            {"ACL", "DRYRUN", "n", "set", "a", "b"}, {"ACL", "DRYRUN", "n", "get", "a"},
            {"ACL", "DRYRUN", "r", "get", "x"}, {"ACL", "DRYRUN", "r", "get", "r1"},
            {"ACL", "DRYRUN", "r", "set", "r1", "v"}, {"ACL", "DRYRUN", "n", "publish", "y", "m"},
            {"ACL", "DRYRUN", "nosuch", "get", "a"}, {"ACL", "DRYRUN", "n", "nosuchcmd"},
            {"ACL", "DRYRUN", "n", "get"}, {"ACL", "DRYRUN", "n", "config", "get", "x"},
            {"ACL", "CAT"}, {"ACL", "CAT", "nosuch"}, {"ACL", "CAT", "a", "b"},
            {"ACL", "WHOAMI"}, {"ACL", "GENPASS", "0"}, {"ACL", "GENPASS", "4097"}, {"ACL", "GENPASS", "x"},
            {"ACL", "LOG", "x"}, {"ACL", "LOAD"}, {"ACL", "SAVE"}, {"ACL", "HELP"}, {"ACL"}, {"ACL", "NOSUCH"},
            {"AUTH", "wrong"}, {"AUTH", "a", "b", "c"}, {"AUTH", "nosuch", "pw"}, {"AUTH", "default", "x"},
            {"HELLO", "2", "AUTH", "n", "wrong"}, {"HELLO", "2", "AUTH", "nosuch", "x"},
        }) {
            same(admin, req);
        }
        for (String bits : new String[] {"1", "5", "8", "255", "256", "4096"}) {
            int theirs = admin[0].callText("ACL", "GENPASS", bits).length();
            int ours = admin[1].callText("ACL", "GENPASS", bits).length();
            assertThat(ours).as("GENPASS %s length", bits).isEqualTo(theirs);
        }
        // Redoubt has a subset of Redis's commands: each category lists exactly Redis's members among ours
        HashSet<String> ourCommands = new HashSet<>(strings(RespValue.parse(admin[1].call("COMMAND", "LIST"))));
        for (String category : strings(RespValue.parse(admin[0].call("ACL", "CAT")))) {
            HashSet<String> expected = new HashSet<>(strings(RespValue.parse(admin[0].call("ACL", "CAT", category))));
            expected.retainAll(ourCommands);
            HashSet<String> actual = new HashSet<>(strings(RespValue.parse(admin[1].call("ACL", "CAT", category))));
            actual.retainAll(new HashSet<>(strings(RespValue.parse(admin[0].call("COMMAND", "LIST")))));
            assertThat(actual).as("ACL CAT %s", category).isEqualTo(expected);
        }
    }

    @Test
    void logRecordsDenialsGroupedAsRedis() {
        same(admin, "ACL", "SETUSER", "n", "on", ">pw", "-@all", "+get", "+multi", "+exec", "%R~r*", "&x");
        RespClient[] n = as("n", "pw");
        same(n, "SET", "a", "b");
        same(n, "SET", "a", "b");
        same(n, "GET", "zz");
        same(n, "MULTI");
        same(n, "GET", "other");
        same(n, "EXEC");
        same(n, "AUTH", "n", "bad");
        same(n, "AUTH", "ghost", "bad");
        same(n, "ACL", "LOG", "RESET");
        List<?> theirs = (List<?>) RespValue.parse(admin[0].call("ACL", "LOG"));
        List<?> ours = (List<?>) RespValue.parse(admin[1].call("ACL", "LOG"));
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < theirs.size(); i++) {
            List<?> entry = (List<?>) ours.get(i);
            assertThat(withoutTimes(entry)).as("entry %d", i).isEqualTo(withoutTimes((List<?>) theirs.get(i)));
            // Redis 7.0.15's seven fields, no more (7.2's entry-id and timestamps are not sent)
            assertThat(entry).hasSameSizeAs((List<?>) theirs.get(i));
        }
        assertThat((List<?>) RespValue.parse(admin[1].call("ACL", "LOG", "1"))).hasSize(1);
        same(admin, "ACL", "LOG", "RESET");
        same(admin, "ACL", "LOG");
    }

    /** An entry's fields without its age, and only the comparable parts of its client-info. */
    private static List<Object> withoutTimes(List<?> entry) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < entry.size(); i += 2) {
            Object key = entry.get(i);
            out.add(key);
            if (key.equals("age-seconds")) {
                out.add("*");
            } else if (key.equals("client-info")) {
                // addresses, ids and buffer sizes differ between any two servers; the command and user must not
                out.add(java.util.Arrays.stream(((String) entry.get(i + 1)).split(" "))
                        .filter(f -> f.startsWith("cmd=") || f.startsWith("user=") || f.startsWith("db=")).toList());
            } else {
                out.add(entry.get(i + 1));
            }
        }
        return out;
    }

    @Test
    void changesApplyAtOnceAndDeletionDisconnects() {
        same(admin, "ACL", "SETUSER", "u", "on", ">pw", "+@all", "~*", "&*");
        RespClient[] u = as("u", "pw");
        same(u, "GET", "a");
        same(admin, "ACL", "SETUSER", "u", "-get");
        same(u, "GET", "a");
        same(admin, "ACL", "SETUSER", "u", "off", "resetpass");
        same(u, "SET", "a", "b");
        same(u, "ACL", "WHOAMI");
        same(admin, "CLIENT", "KILL", "USER", "nosuch");
        same(admin, "ACL", "DELUSER", "u");
        u[0].send("PING");
        u[1].send("PING");
        assertThat(u[1].isClosedByServer()).isEqualTo(u[0].isClosedByServer()).isTrue();

        same(admin, "ACL", "SETUSER", "k", "on", ">pw", "+@all", "~*", "&*");
        RespClient[] k = as("k", "pw");
        same(admin, "CLIENT", "KILL", "USER", "k");
        k[0].send("PING");
        k[1].send("PING");
        assertThat(k[1].isClosedByServer()).isEqualTo(k[0].isClosedByServer()).isTrue();

        same(admin, "ACL", "SETUSER", "s", "on", ">pw", "+@all", "~*", "&*");
        RespClient[] s = as("s", "pw");
        assertThat(s[1].callText("SUBSCRIBE", "foo")).isEqualTo(s[0].callText("SUBSCRIBE", "foo"));
        same(admin, "ACL", "SETUSER", "s", "resetchannels", "&bar");
        s[0].send("PING");
        s[1].send("PING");
        assertThat(s[1].isClosedByServer()).isEqualTo(s[0].isClosedByServer()).isTrue();
    }

    @Test
    void defaultUserOffRequiresAuthentication() {
        same(admin, "ACL", "SETUSER", "u", "on", ">pw", "+@all", "~*", "&*");
        RespClient[] fresh = servers.connect();
        extra.add(fresh);
        same(fresh, "PING"); // the connection exists (and is authenticated) before the default user goes off
        same(admin, "ACL", "SETUSER", "default", "off");
        RespClient[] anon = servers.connect();
        extra.add(anon);
        try {
            same(anon, "GET", "a");
            same(anon, "PING");
            same(anon, "HELLO", "2");
            same(anon, "AUTH", "default", "x");
            same(anon, "AUTH", "u", "pw");
            same(anon, "GET", "a");
            same(anon, "ACL", "WHOAMI");
            same(fresh, "GET", "a"); // connected before: still authenticated as default (which is off)
        } finally {
            same(admin, "ACL", "SETUSER", "default", "on");
        }
    }

    @Test
    void resp3Shapes() {
        same(admin, "ACL", "SETUSER", "u", "on", ">pw", "-@all", "+get", "~k*", "(+set ~s*)");
        admin[0].call("HELLO", "3");
        admin[1].call("HELLO", "3");
        same(admin, "ACL", "GETUSER", "u");
        same(admin, "ACL", "GETUSER", "nosuch");
        same(admin, "ACL", "LIST");
        same(admin, "ACL", "CAT");
        same(admin, "ACL", "DRYRUN", "u", "set", "k1", "v");
        same(admin, "ACL", "LOG");
        same(admin, "ACL", "HELP");
    }
}
