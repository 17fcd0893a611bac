package io.redoubt.it.persistence;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream whose last entries were deleted keeps its last ID, its entries-added count and its max
 * deleted ID through an AOF rewrite and a reload (DEBUG LOADAOF), as on Redis 7.0.15: a later XADD with
 * a smaller ID is still refused, and XINFO STREAM reads the same.
 */
@Timeout(60)
class StreamRewriteDifferentialTest extends DifferentialTest {

    @Test
    void rewriteAfterDeletingTheLastEntryKeepsTheLastId() throws InterruptedException {
        try {
            same("CONFIG", "SET", "appendonly", "yes");
            awaitAofRewriteDone();
            sameScript("""
                    XADD s 1-1 f v
                    XADD s 2-1 f v
                    XDEL s 2-1
                    XADD all 5-5 f v
                    XDEL all 5-5
                    XADD g 3-3 f v
                    XGROUP CREATE g grp 0
                    XREADGROUP GROUP grp c COUNT 1 STREAMS g >
                    XDEL g 3-3
                    """);
            same("BGREWRITEAOF");
            awaitAofRewriteDone();
            same("DEBUG", "LOADAOF");
            sameScript("""
                    XINFO STREAM s
                    XINFO STREAM all
                    XINFO STREAM g
                    XADD s 2-1 f v
                    XADD s 2-2 f v
                    XADD all 5-5 f v
                    XLEN all
                    XPENDING g grp
                    """);
        } finally {
            same("CONFIG", "SET", "appendonly", "no");
        }
    }
}
