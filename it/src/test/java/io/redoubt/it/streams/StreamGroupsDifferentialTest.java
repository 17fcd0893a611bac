package io.redoubt.it.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/**
 * Consumer groups against Redis 7.0.15 with explicit IDs. Replies that carry times (idle times,
 * delivery and seen times) are compared with those numbers masked; everything else byte for byte.
 */
class StreamGroupsDifferentialTest extends DifferentialTest {

    /** Idle times in XPENDING's extended form: the third element of each 4-element entry. */
    static final String PENDING_IDLE = "(\\*4\r\n\\$\\d+\r\n[^\r]*\r\n\\$\\d+\r\n[^\r]*\r\n):\\d+";
    static final String CONSUMER_IDLE = "(\\$4\r\nidle\r\n):\\d+";
    static final String RAX_NODES = "(\\$16\r\nradix-tree-nodes\r\n):\\d+";
    static final String TIMESTAMP = "():\\d{12,}";

    /** Sends to both servers and compares with the parts matching {@code masks} replaced. */
    void sameMasked(String[] masks, String... args) {
        String[] r = both(args);
        String expected = r[0];
        String actual = r[1];
        for (String m : masks) {
            expected = expected.replaceAll(m, "$1:#");
            actual = actual.replaceAll(m, "$1:#");
        }
        assertThat(printable(actual)).as("reply to %s", String.join(" ", args)).isEqualTo(printable(expected));
    }

    void seed(int n) {
        for (int i = 1; i <= n; i++) {
            same("XADD", "s", i + "-1", "f", "v" + i);
        }
    }

    @Test
    void xgroupSubcommandsAndErrors() {
        sameScript("""
                XGROUP CREATE nokey g $
                XGROUP CREATE nokey g $ FOO
                XGROUP SETID s g 0 ENTRIESREAD
                XGROUP SETID s nog 0 ENTRIESREAD 1
                XGROUP CREATE nokey g 0 ENTRIESREAD -2
                XGROUP FOO s g
                XGROUP CREATECONSUMER s g c d
                XGROUP HELP
                XGROUP HELP x
                XGROUP CREATE s g $ MKSTREAM
                TYPE s
                XLEN s
                XGROUP CREATE s g $
                XGROUP CREATE s g2 0 MKSTREAM ENTRIESREAD 5
                XGROUP CREATE s g3 abc
                XGROUP CREATE s g3 -
                XGROUP CREATE s g3 + MKSTREAM
                XINFO GROUPS s
                XGROUP SETID s g -
                XGROUP SETID s g +
                XGROUP SETID s g 5
                XGROUP SETID s g abc
                XGROUP SETID s g 0 ENTRIESREAD -2
                XGROUP SETID s g 0 ENTRIESREAD 3
                XGROUP SETID s g 0 FOO 3
                XGROUP SETID s nog 0
                XINFO GROUPS s
                XGROUP CREATECONSUMER s nog c
                XGROUP CREATECONSUMER s g c
                XGROUP CREATECONSUMER s g c
                XGROUP CREATECONSUMER s g b
                XGROUP DELCONSUMER s g zz
                XGROUP DELCONSUMER s g c
                XGROUP DELCONSUMER s nog c
                XGROUP DESTROY s g2
                XGROUP DESTROY s g2
                XGROUP DESTROY nokey g2
                XGROUP DESTROY s
                XINFO GROUPS s
                SET str x
                XGROUP CREATE str g $
                XGROUP CREATE str g $ MKSTREAM
                XGROUP DESTROY str g
                """);
    }

    @Test
    void readGroupDeliversAndTracksPending() {
        seed(5);
        sameScript("""
                XGROUP CREATE s g 0
                XREADGROUP GROUP g alice COUNT 2 STREAMS s >
                XREADGROUP GROUP g bob COUNT 1 STREAMS s >
                XINFO GROUPS s
                XPENDING s g
                XREADGROUP GROUP g alice STREAMS s 0
                XREADGROUP GROUP g alice COUNT 1 STREAMS s 1-1
                XREADGROUP GROUP g alice STREAMS s 99
                XACK s g 1-1 1-1 4-1 9-9
                XACK s g abc
                XACK s nog 1-1
                XACK nokey g 1-1
                XPENDING s g
                XDEL s 2-1
                XREADGROUP GROUP g alice STREAMS s 0
                XREADGROUP GROUP g carol NOACK STREAMS s >
                XPENDING s g
                XINFO GROUPS s
                XREADGROUP GROUP g carol STREAMS s >
                XREADGROUP GROUP nog c STREAMS s >
                XREADGROUP GROUP g c STREAMS s $
                XREADGROUP GROUP g c STREAMS nokey >
                XREADGROUP STREAMS s 0
                XREADGROUP GROUP g c STREAMS s
                XREADGROUP GROUP g c STREAMS s > 0
                XREADGROUP GROUP g c FOO STREAMS s >
                XREADGROUP GROUP g c COUNT x STREAMS s >
                XGROUP SETID s g 0
                XREADGROUP GROUP g dave COUNT 2 STREAMS s >
                XPENDING s g
                XINFO GROUPS s
                """);
        resp3();
        sameScript("""
                XADD s 6-1 f v6
                XREADGROUP GROUP g alice STREAMS s >
                XREADGROUP GROUP g alice STREAMS s >
                XPENDING s g
                XGROUP CREATE s g4 $
                XREADGROUP GROUP g4 x STREAMS s 0
                XINFO GROUPS s
                """);
    }

    @Test
    void lagAndEntriesRead() {
        seed(10);
        sameScript("""
                XGROUP CREATE s g 0
                XGROUP CREATE s h 3-1
                XGROUP CREATE s k $
                XGROUP CREATE s m 0 ENTRIESREAD 2
                XINFO GROUPS s
                XREADGROUP GROUP g c COUNT 3 STREAMS s >
                XREADGROUP GROUP h c COUNT 3 STREAMS s >
                XREADGROUP GROUP m c COUNT 3 STREAMS s >
                XINFO GROUPS s
                XDEL s 8-1
                XINFO GROUPS s
                XREADGROUP GROUP g c STREAMS s >
                XINFO GROUPS s
                XDEL s 1-1 2-1
                XTRIM s MAXLEN 3
                XINFO GROUPS s
                XADD s 11-1 f v
                XINFO GROUPS s
                XGROUP SETID s h $
                XINFO GROUPS s
                XGROUP SETID s h 10-1 ENTRIESREAD 10
                XINFO GROUPS s
                """);
    }

    @Test
    void pendingExtendedForms() {
        seed(6);
        same("XGROUP", "CREATE", "s", "g", "0");
        same("XREADGROUP", "GROUP", "g", "a", "COUNT", "3", "STREAMS", "s", ">");
        same("XREADGROUP", "GROUP", "g", "b", "STREAMS", "s", ">");
        String[] idle = {PENDING_IDLE};
        sameMasked(idle, "XPENDING", "s", "g", "-", "+", "10");
        sameMasked(idle, "XPENDING", "s", "g", "-", "+", "2");
        sameMasked(idle, "XPENDING", "s", "g", "(2-1", "(5-1", "10");
        sameMasked(idle, "XPENDING", "s", "g", "-", "+", "10", "b");
        sameMasked(idle, "XPENDING", "s", "g", "-", "+", "10", "nobody");
        sameMasked(idle, "XPENDING", "s", "g", "IDLE", "0", "-", "+", "10", "a");
        sameMasked(idle, "XPENDING", "s", "g", "IDLE", "100000000", "-", "+", "10");
        sameMasked(idle, "XPENDING", "s", "g", "-", "+", "-5");
        sameMasked(idle, "XPENDING", "s", "g", "5", "1", "10");
        sameMasked(idle, "XPENDING", "s", "g", "-", "+", "10", "a", "extra");
        sameScript("""
                XPENDING s g - +
                XPENDING s g - + abc
                XPENDING s g IDLE 1 - +
                XPENDING s g IDLE x - + 10
                XPENDING s g abc + 10
                XPENDING s g (18446744073709551615-18446744073709551615 + 10
                XPENDING s g - (0-0 10
                XPENDING s nog
                XPENDING nokey g
                XPENDING nokey g - + 10
                SET str x
                XPENDING str g
                XPENDING s g - + 10 a b c d
                """);
    }

    @Test
    void claimAndAutoclaim() {
        seed(8);
        sameScript("""
                XGROUP CREATE s g 0
                XREADGROUP GROUP g a COUNT 4 STREAMS s >
                XREADGROUP GROUP g b COUNT 2 STREAMS s >
                XCLAIM s g b 0 1-1 2-1
                XPENDING s g
                XCLAIM s g b 0 1-1 JUSTID
                XCLAIM s g c 0 3-1 RETRYCOUNT 7 JUSTID
                XCLAIM s g c 0 7-1
                XCLAIM s g c 0 7-1 FORCE JUSTID
                XCLAIM s g c 0 8-1 FORCE
                XPENDING s g
                XCLAIM s g c 0 6-1 LASTID 20-0 JUSTID
                XINFO GROUPS s
                XCLAIM s g c 100000000 5-1
                XCLAIM s g c 0 5-1 IDLE 1000000 JUSTID
                XCLAIM s g c 0 5-1 TIME 1 JUSTID
                XCLAIM s g c abc 1-1
                XCLAIM s g c 0 1-1 FOO
                XCLAIM s g c 0 1-1 IDLE abc
                XCLAIM s g c 0 1-1 TIME abc
                XCLAIM s g c 0 1-1 RETRYCOUNT abc
                XCLAIM s g c 0 1-1 LASTID abc
                XCLAIM s g c 0 1-1 - JUSTID
                XCLAIM s nog c 0 1-1
                XCLAIM nokey g c 0 1-1
                XDEL s 2-1
                XCLAIM s g d 0 2-1 1-1
                XPENDING s g
                XAUTOCLAIM s g e 0 0 COUNT 2
                XAUTOCLAIM s g e 0 (1-1 COUNT 2 JUSTID
                XAUTOCLAIM s g e 0 - JUSTID
                XDEL s 3-1 4-1
                XAUTOCLAIM s g f 0 0
                XAUTOCLAIM s g f 100000000 0
                XAUTOCLAIM s g f 0 0 COUNT 0
                XAUTOCLAIM s g f 0 0 COUNT x
                XAUTOCLAIM s g f 0 0 FOO
                XAUTOCLAIM s g f 0 abc
                XAUTOCLAIM s g f abc 0
                XAUTOCLAIM s nog f 0 0
                XAUTOCLAIM nokey g f 0 0
                XAUTOCLAIM s g f 0 (18446744073709551615-18446744073709551615
                XPENDING s g
                XINFO GROUPS s
                """);
        sameMasked(new String[] {CONSUMER_IDLE}, "XINFO", "CONSUMERS", "s", "g");
    }

    @Test
    void xinfoStreamAndConsumers() {
        seed(4);
        same("XDEL", "s", "2-1");
        same("XGROUP", "CREATE", "s", "g", "0");
        same("XGROUP", "CREATE", "s", "a", "$");
        same("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">");
        same("XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">");
        String[] masks = {RAX_NODES, CONSUMER_IDLE, TIMESTAMP};
        sameMasked(masks, "XINFO", "STREAM", "s");
        sameMasked(masks, "XINFO", "STREAM", "s", "FULL");
        sameMasked(masks, "XINFO", "STREAM", "s", "FULL", "COUNT", "1");
        sameMasked(masks, "XINFO", "STREAM", "s", "FULL", "COUNT", "0");
        sameMasked(masks, "XINFO", "CONSUMERS", "s", "g");
        sameMasked(masks, "XINFO", "CONSUMERS", "s", "a");
        sameScript("""
                XINFO CONSUMERS s nog
                XINFO CONSUMERS nokey g
                XINFO GROUPS nokey
                XINFO STREAM nokey
                XINFO STREAM s FOO
                XINFO STREAM s FULL COUNT
                XINFO STREAM s FULL COUNT x
                XINFO STREAM s FULL FOO 1
                XINFO FOO s
                XINFO HELP
                SET str x
                XINFO STREAM str
                XINFO GROUPS str
                """);
        resp3();
        sameMasked(masks, "XINFO", "STREAM", "s");
        sameMasked(masks, "XINFO", "STREAM", "s", "FULL");
        sameMasked(masks, "XINFO", "CONSUMERS", "s", "g");
        same("XINFO", "GROUPS", "s");
        same("XGROUP", "CREATE", "e", "g", "$", "MKSTREAM");
        sameMasked(masks, "XINFO", "STREAM", "e");
        sameMasked(masks, "XINFO", "STREAM", "e", "FULL");
        same("XPENDING", "e", "g");
    }
}
