package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.introspect.RespValue;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passwords never show: SLOWLOG and MONITOR redact AUTH, HELLO AUTH and ACL SETUSER arguments exactly
 * as Redis 7.0.15 does (compared with it), and CLIENT LIST, INFO and ACL LOG never contain them.
 */
class AclSecretsTest {
    private static AclServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new AclServers();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    private static void run(RespClient c) {
        c.call("ACL", "SETUSER", "u", "on", ">top-secret", "+@all", "~*", "&*");
        c.call("AUTH", "u", "top-secret");
        c.call("AUTH", "u", "wrong-secret");
        c.call("HELLO", "2", "AUTH", "u", "top-secret", "SETNAME", "x");
        c.call("AUTH", "default", "nopass-anything");
    }

    @Test
    void slowlogRedactsAsRedis() {
        RespClient[] pair = servers.connect();
        try {
            List<List<Object>> args = new ArrayList<>();
            for (RespClient c : pair) {
                c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
                c.call("SLOWLOG", "RESET");
                run(c);
                c.call("AUTH", "default", "x");
                c.call("CONFIG", "SET", "requirepass", "config-secret", "maxmemory", "0");
                c.call("AUTH", "config-secret");
                c.call("CONFIG", "SET", "requirepass", "");
                c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
                List<Object> shown = new ArrayList<>();
                for (Object e : (List<?>) RespValue.parse(c.call("SLOWLOG", "GET", "20"))) {
                    shown.add(((List<?>) e).get(3)); // the arguments; id, time, duration and client differ
                }
                String text = new String(c.call("SLOWLOG", "GET", "20"));
                assertThat(text).doesNotContain("secret").doesNotContain("nopass-anything");
                args.add(shown);
            }
            assertThat(args.get(1)).isEqualTo(args.get(0));
        } finally {
            AclServers.close(pair);
        }
    }

    @Test
    void monitorRedactsAsRedis() {
        RespClient[] pair = servers.connect();
        RespClient[] monitors = servers.connect();
        try {
            List<List<String>> seen = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RespClient m = monitors[i];
                m.call("MONITOR");
                run(pair[i]);
                pair[i].call("ECHO", "done");
                List<String> lines = new ArrayList<>();
                while (true) {
                    String line = m.readReplyText();
                    String body = line.substring(line.indexOf(']') + 2).strip();
                    lines.add(body);
                    if (body.startsWith("\"ECHO\"")) {
                        break;
                    }
                }
                seen.add(lines);
                assertThat(String.join("\n", lines)).doesNotContain("secret").doesNotContain("nopass-anything");
            }
            assertThat(seen.get(1)).isEqualTo(seen.get(0));
        } finally {
            AclServers.close(pair);
            AclServers.close(monitors);
        }
    }

    @Test
    void clientListInfoAndAclLogHoldNoPassword() {
        RespClient[] pair = servers.connect();
        try {
            run(pair[1]);
            for (String[] req : new String[][] {{"CLIENT", "LIST"}, {"INFO", "everything"}, {"ACL", "LOG"},
                {"ACL", "LIST"}, {"ACL", "GETUSER", "u"}, {"INFO", "security"}}) {
                assertThat(pair[1].callText(req)).as(String.join(" ", req)).doesNotContain("secret")
                        .doesNotContain("nopass-anything");
            }
        } finally {
            AclServers.close(pair);
        }
    }
}
