package io.redoubt.it.streams;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/** XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID with explicit IDs, replies compared byte for byte. */
class StreamEntriesDifferentialTest extends DifferentialTest {

    @Test
    void xaddIdsAndErrors() {
        sameScript("""
                XADD s 1-1 a 1
                XADD s 1-1 a 1
                XADD s 1-0 a 1
                XADD s 1 a 1
                XADD s 1-* b 2
                XADD s 1-* c 3 d 4
                XADD s 2-* e 5
                XADD s 3 f 6
                XADD s 0-0 a 1
                XADD s2 0-0 a 1
                EXISTS s2
                XADD s2 0-* a 1
                XADD s abc a 1
                XADD s 5-x a 1
                XADD s -5 a 1
                XADD s - a 1
                XADD s + a 1
                XADD s 10-1 a
                XADD s 10-1 a 1 b
                XADD s 10-1
                XADD s NOMKSTREAM 10-1 a
                XADD nokey NOMKSTREAM 10-1 a 1
                EXISTS nokey
                XADD s 18446744073709551615-18446744073709551614 a 1
                XADD s 18446744073709551615-* a 1
                XADD s 18446744073709551615-* a 1
                XADD s * a 1
                XADD s 18446744073709551616-1 a 1
                XLEN s
                XLEN nokey
                SET str v
                XADD str 1-1 a 1
                XLEN str
                XRANGE str - +
                TYPE s
                OBJECT ENCODING s
                XRANGE s - +
                """);
    }

    @Test
    void xaddTrimOptionsAndErrors() {
        sameScript("""
                XADD s MAXLEN 2 1-1 a 1
                XADD s MAXLEN 2 2-1 a 1
                XADD s MAXLEN = 2 3-1 a 1
                XRANGE s - +
                XADD s MINID 3 4-1 a 1
                XRANGE s - +
                XADD s MINID = 4-1 5-1 a 1
                XADD s MAXLEN ~ 10 LIMIT 5 6-1 a 1
                XADD s MAXLEN 10 LIMIT 5 6-1 a 1
                XADD s MAXLEN -1 6-1 a 1
                XADD s MAXLEN abc 6-1 a 1
                XADD s MINID abc 6-1 a 1
                XADD s MINID - 6-1 a 1
                XADD s LIMIT -1 6-1 a 1
                XADD s LIMIT 5 6-1 a 1
                XADD s LIMIT 0 6-1 a 1
                XADD s MAXLEN 1 MINID 1 6-1 a 1
                XADD s MAXLEN 0 7-1 a 1
                XLEN s
                XADD s NOMKSTREAM MAXLEN ~ 1 8-1 a 1
                XLEN s
                XRANGE s - +
                """);
    }

    @Test
    void approximateTrimRemovesWholeNodesOnly() {
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 350; i++) {
            script.append("XADD s ").append(i).append("-0 f ").append(i).append('\n');
        }
        script.append("""
                XTRIM s MAXLEN ~ 120
                XLEN s
                XRANGE s - + COUNT 3
                XTRIM s MAXLEN ~ 100 LIMIT 50
                XLEN s
                XTRIM s MAXLEN ~ 100 LIMIT 300
                XLEN s
                XTRIM s MINID ~ 290
                XLEN s
                XRANGE s - + COUNT 2
                XDEL s 301-0 302-0 303-0
                XTRIM s MAXLEN = 10
                XLEN s
                XRANGE s - +
                XADD s MAXLEN ~ 5 351-0 f x
                XLEN s
                XTRIM s MINID 345
                XRANGE s - +
                XTRIM s MAXLEN 0
                XLEN s
                EXISTS s
                XRANGE s - +
                """);
        sameScript(script.toString());
    }

    @Test
    void approximateTrimFollowsNodeSizeConfig() {
        StringBuilder script = new StringBuilder("CONFIG SET stream-node-max-entries 7\n");
        for (int i = 1; i <= 40; i++) {
            script.append("XADD s ").append(i).append(" f v\n");
        }
        script.append("""
                XTRIM s MAXLEN ~ 20
                XLEN s
                XTRIM s MINID ~ 30
                XLEN s
                XRANGE s - + COUNT 1
                XDEL s 29-0 30-0 31-0 32-0 33-0
                XTRIM s MAXLEN ~ 1
                XLEN s
                CONFIG SET stream-node-max-entries 100
                """);
        sameScript(script.toString());
    }

    @Test
    void xtrimErrors() {
        sameScript("""
                XTRIM nokey MAXLEN 1
                XTRIM nokey FOO 1
                XADD s 1-1 a 1
                XTRIM s FOO 1
                XTRIM s MAXLEN
                XTRIM s MAXLEN 1 FOO
                XTRIM s LIMIT 1 MAXLEN 1
                XTRIM s MAXLEN ~ 1 LIMIT x
                XTRIM s MAXLEN 1 LIMIT 1
                XTRIM s MAXLEN -1
                XTRIM s MINID abc
                XTRIM s NOMKSTREAM MAXLEN 1
                XTRIM s * MAXLEN 1
                SET str x
                XTRIM str MAXLEN 1
                XTRIM str FOO 1
                """);
    }

    @Test
    void rangesAndCounts() {
        sameScript("""
                XADD s 1-1 a 1
                XADD s 1-2 b 2
                XADD s 2-0 c 3
                XADD s 3-5 d 4 e 5
                XADD s 18446744073709551615-18446744073709551615 z 9
                XRANGE s - +
                XRANGE s - + COUNT 2
                XRANGE s - + COUNT 0
                XRANGE s - + COUNT -1
                XRANGE s 1 1
                XRANGE s 1 2
                XRANGE s (1-1 +
                XRANGE s - (2-0
                XRANGE s (1-1 (3-5
                XRANGE s 3 1
                XRANGE s (- +
                XRANGE s - (+
                XRANGE s (18446744073709551615-18446744073709551615 +
                XRANGE s - (0-0
                XRANGE s abc +
                XRANGE s - + COUNT
                XRANGE s - + COUNT x
                XRANGE s - + FOO 1
                XRANGE s - + COUNT 1 COUNT 2
                XREVRANGE s + -
                XREVRANGE s + - COUNT 2
                XREVRANGE s (3-5 -
                XREVRANGE s 2 (1-1
                XREVRANGE s 1 2
                XREVRANGE s + - COUNT 0
                XREVRANGE nokey + -
                XRANGE nokey - + COUNT 0
                XRANGE nokey abc +
                """);
    }

    @Test
    void xdelAndTombstones() {
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 250; i++) {
            script.append("XADD s ").append(i).append("-1 f ").append(i).append('\n');
        }
        script.append("""
                XDEL s 5-1 6-1 6-1 1000-1
                XDEL s abc
                XDEL s 7-1 abc
                XLEN s
                XDEL nokey 1-1
                XDEL nokey abc
                XRANGE s 4-1 8-1
                XREVRANGE s 8-1 4-1
                XRANGE s (4-1 (8-1
                XTRIM s MAXLEN ~ 150
                XLEN s
                XTRIM s MINID = 120
                XLEN s
                XRANGE s - + COUNT 2
                XDEL s 250-1
                XADD s 250-1 x y
                XADD s 251-* x y
                XREVRANGE s + - COUNT 2
                """);
        sameScript(script.toString());
    }

    @Test
    void xsetid() {
        sameScript("""
                XSETID nokey 1-1
                XADD s 5-1 a 1
                XSETID s 4-0
                XSETID s 5-1
                XSETID s 10
                XADD s 10-0 a 1
                XADD s 10-* a 1
                XSETID s abc
                XSETID s 20-0 ENTRIESADDED 0
                XSETID s 20-0 ENTRIESADDED -1
                XSETID s 20-0 ENTRIESADDED x
                XSETID s 20-0 MAXDELETEDID 30-0
                XSETID s 20-0 MAXDELETEDID 10-0 ENTRIESADDED 100
                XSETID s 15-0
                XSETID s 20-0 FOO
                XSETID s 20-0 ENTRIESADDED
                XSETID s - 
                XDEL s 5-1 10-1
                XSETID s 0-1
                XLEN s
                SET str v
                XSETID str 1-1
                XSETID str abc
                """);
    }
}
