package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stream writes notify as Redis 7.0 does (class t). */
class StreamNotificationDifferentialTest extends NotificationDifferentialTest {

    @Test
    void streamCommands() {
        enable("KEA");
        assertThat(sameEvents("""
                XADD s 1-1 f v
                XADD s MAXLEN 1 2-1 f v
                XADD s NOMKSTREAM 3-1 f v
                XADD nosuch NOMKSTREAM 1-1 f v
                XDEL s 3-1 9-9
                XDEL s 9-9
                XTRIM s MAXLEN 0
                XTRIM s MAXLEN 0
                XSETID s 5-0
                XGROUP CREATE s g $
                XGROUP CREATE s2 g $ MKSTREAM
                XGROUP SETID s g 0
                XGROUP CREATECONSUMER s g c
                XGROUP CREATECONSUMER s g c
                XGROUP DELCONSUMER s g c
                XGROUP DESTROY s g
                XGROUP DESTROY s g
                """)).isNotEmpty();
    }

    @Test
    void consumersMadeByReadingOrClaimingAreAnnounced() {
        enable("KEA");
        assertThat(sameEvents("""
                XADD s 1-1 f v
                XADD s 2-1 f v
                XGROUP CREATE s g 0
                XREADGROUP GROUP g alice COUNT 1 STREAMS s >
                XREADGROUP GROUP g alice COUNT 1 STREAMS s >
                XCLAIM s g bob 0 9-9
                XCLAIM s g bob 0 1-1
                XAUTOCLAIM s g carol 0 0
                XAUTOCLAIM s g carol 0 0
                """)).contains("__keyevent@0__:xgroup-createconsumer s");
    }
}
