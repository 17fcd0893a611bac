package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowLogTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void thresholdDecidesWhatIsLogged() {
        SlowLog log = new SlowLog();
        assertThat(log.wants(9_999)).isFalse();
        assertThat(log.wants(10_000)).isTrue();
        log.slowerThanMicros(0);
        assertThat(log.wants(0)).isTrue();
        log.slowerThanMicros(-1);
        assertThat(log.wants(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void longArgumentsAndLongCommandsAreCutAsRedisCutsThem() {
        SlowLog log = new SlowLog();
        byte[][] argv = new byte[40][];
        argv[0] = b("RPUSH");
        argv[1] = b("x".repeat(130));
        for (int i = 2; i < argv.length; i++) {
            argv[i] = b(Integer.toString(i));
        }
        log.add(argv, 1, 5, "127.0.0.1:1", "n");
        byte[][] kept = log.newest(1).get(0).args();
        assertThat(kept.length).isEqualTo(32);
        assertThat(text(kept[1])).isEqualTo("x".repeat(128) + "... (2 more bytes)");
        assertThat(text(kept[30])).isEqualTo("30");
        assertThat(text(kept[31])).isEqualTo("... (9 more arguments)");
    }

    @Test
    void newestFirstAndTrimmedToMaxLenAtTheNextEntry() {
        SlowLog log = new SlowLog();
        for (int i = 0; i < 5; i++) {
            log.add(new byte[][] {b("GET"), b("k" + i)}, i, 1, "a", "");
        }
        log.maxLen(2);
        assertThat(log.size()).isEqualTo(5);
        log.add(new byte[][] {b("GET"), b("k5")}, 5, 1, "a", "");
        List<SlowLog.Entry> all = log.newest(-1);
        assertThat(all).extracting(SlowLog.Entry::id).containsExactly(5L, 4L);
        assertThat(log.newest(0)).isEmpty();
        log.reset();
        assertThat(log.size()).isZero();
    }
}
