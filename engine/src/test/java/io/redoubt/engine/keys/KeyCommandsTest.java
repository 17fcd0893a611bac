package io.redoubt.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keyspace commands facing keys whose time has passed but that nothing has deleted yet. */
class KeyCommandsTest {
    private final ShardRunner r = new ShardRunner();

    private void expiredKeys(int n) {
        r.run("DBSIZE"); // fixes the command clock
        Keyspace db = r.db();
        for (int i = 0; i < n; i++) {
            Entry e = db.put(("dead:" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1});
            db.setExpiry(e, db.now() - 1);
        }
    }

    @Test
    void randomkeySkipsAndDeletesExpiredKeys() {
        expiredKeys(500);
        r.db().put("alive".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        assertThat(r.run("RANDOMKEY")).isEqualTo("alive");
        assertThat(r.db().size()).isLessThan(501);
        r.run("DEL", "alive");
        assertThat(r.run("RANDOMKEY")).isEqualTo("(nil)");
        assertThat(r.db().size()).isZero();
    }

    @Test
    void keysAndScanHideExpiredKeys() {
        expiredKeys(50);
        r.db().put("alive".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        assertThat(r.run("KEYS", "*")).isEqualTo("alive");
        assertThat(r.run("SCAN", "0", "COUNT", "1000")).isEqualTo("0 alive");
        assertThat(r.db().size()).as("SCAN deleted what it found expired").isEqualTo(1);
    }

    @Test
    void renameCarriesAccessDataAndEncoding() {
        r.run("DBSIZE");
        Entry e = r.db().put("s".getBytes(StandardCharsets.UTF_8), "abc".getBytes(StandardCharsets.UTF_8));
        e.markRaw(true);
        int access = e.access();
        assertThat(r.run("RENAME", "s", "t")).isEqualTo("OK");
        Entry t = r.db().peek("t".getBytes(StandardCharsets.UTF_8));
        assertThat(t.access()).isEqualTo(access);
        assertThat(r.run("OBJECT", "ENCODING", "t")).isEqualTo("raw");
        assertThat(r.run("COPY", "t", "u")).isEqualTo(":1");
        assertThat(r.run("OBJECT", "ENCODING", "u")).isEqualTo("raw");
    }
}
