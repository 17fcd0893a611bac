package io.redoubt.it.persistence;

import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RESTORE-ASKING, the RESTORE that MIGRATE sends between cluster nodes: on a server without cluster
 * support it is RESTORE, with Redis 7.0.15's COMMAND INFO and DOCS, replies and errors.
 */
@Timeout(60)
class RestoreAskingDifferentialTest extends DifferentialTest {

    @Test
    void restoreAskingIsRestore() {
        same("SET", "k", "v");
        same("COMMAND", "INFO", "restore-asking");
        same("COMMAND", "DOCS", "restore-asking");
        same("COMMAND", "GETKEYS", "RESTORE-ASKING", "k", "0", "x");
        byte[] reply = redis.call("DUMP".getBytes(StandardCharsets.US_ASCII), "k".getBytes(StandardCharsets.US_ASCII));
        String body = new String(reply, StandardCharsets.ISO_8859_1);
        byte[] payload = body.substring(body.indexOf("\r\n") + 2, body.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
        same(bytes("RESTORE-ASKING"), bytes("copy"), bytes("0"), payload);
        same(bytes("RESTORE-ASKING"), bytes("copy"), bytes("0"), payload);
        same(bytes("RESTORE-ASKING"), bytes("copy"), bytes("100000"), payload, bytes("REPLACE"));
        same(bytes("RESTORE-ASKING"), bytes("bad"), bytes("0"), bytes("not a payload"));
        same("GET", "copy");
        same("RESTORE-ASKING", "k");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
