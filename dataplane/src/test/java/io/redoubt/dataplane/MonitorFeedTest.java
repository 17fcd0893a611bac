package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorFeedTest {

    private static String quoted(byte... bytes) {
        StringBuilder b = new StringBuilder();
        MonitorFeed.quote(b, bytes);
        return b.toString();
    }

    /** Expected strings are what Redis 7.0.15's MONITOR printed for the same bytes. */
    @Test
    void quotesAsSdscatrepr() {
        assertThat(quoted("a b".getBytes())).isEqualTo("\"a b\"");
        assertThat(quoted("q\"\\\nx".getBytes())).isEqualTo("\"q\\\"\\\\\\nx\"");
        assertThat(quoted((byte) 1, (byte) 0x7f, (byte) 0xff, (byte) 7, (byte) 8, (byte) '\t', (byte) '\r', (byte) '\n'))
                .isEqualTo("\"\\x01\\x7f\\xff\\a\\b\\t\\r\\n\"");
        assertThat(quoted()).isEqualTo("\"\"");
    }
}
