package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ACL LIST and ACL GETUSER show the flags Redis 7.0.15 shows (sanitize-payload, skip-sanitize-payload,
 * nopass, off), byte for byte; ACL LOG entries carry Redis 7.0's fields, no more, in its order.
 */
@Timeout(60)
class AclFlagsAndLogDifferentialTest extends DifferentialTest {

    @AfterEach
    void dropUsers() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            c.call("ACL", "DELUSER", "plain", "sanitized", "skipping", "off-user", "denied");
            c.call("ACL", "LOG", "RESET");
        }
    }

    @Test
    void listAndGetuserShowRedisFlags() {
        sameScript("""
                ACL SETUSER plain on >pw ~k* +get
                ACL SETUSER sanitized on nopass sanitize-payload allkeys +@all
                ACL SETUSER skipping on nopass skip-sanitize-payload ~* &* +@read
                ACL SETUSER off-user off resetpass
                ACL GETUSER plain
                ACL GETUSER sanitized
                ACL GETUSER skipping
                ACL GETUSER off-user
                ACL SETUSER sanitized skip-sanitize-payload
                ACL GETUSER sanitized
                """);
        List<String> lists = new ArrayList<>();
        for (String reply : both("ACL", "LIST")) {
            lists.add(reply);
        }
        assertThat(lists.get(1)).isEqualTo(lists.get(0));
    }

    @Test
    void logEntriesCarryRedisFields() {
        same("ACL", "SETUSER", "denied", "on", ">pw", "~allowed*", "+get", "+set");
        List<String> names = new ArrayList<>();
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            try (RespClient c = RespClient.connect(port)) {
                c.call("AUTH", "denied", "pw");
                c.call("SET", "other", "v");
                c.call("GET", "other");
                c.call("PING");
                c.call("AUTH", "denied", "wrong");
            }
            RespClient admin = port == SharedServers.redis().port() ? redis : redoubt;
            names.add(fieldNames(admin.callText("ACL", "LOG")));
        }
        assertThat(names.get(1)).isEqualTo(names.get(0));

    }

    /** The field names and the non-varying values of ACL LOG's entries (times and client info left out). */
    private static String fieldNames(String reply) {
        String[] lines = reply.split("\r\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("$") && i + 1 < lines.length) {
                String value = lines[i + 1];
                out.append(value.startsWith("id=") ? "CLIENT-INFO" : value).append('|');
                i++;
            } else if (line.startsWith(",") || line.startsWith(":")) {
                out.append(line.charAt(0)).append('|');
            } else {
                out.append(line).append('|');
            }
        }
        return out.toString().replaceAll("age-seconds\\|\\$?[^|]*\\|", "age-seconds|AGE|");
    }
}
