package io.redoubt.it.bitmaps;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SETBIT and BITFIELD count a change (rdb_changes_since_last_save, and so saves and WATCH) only when a
 * bit changed or the string grew, as Redis 7.0.15 does; SMOVE counts only a move that happened.
 * Compared after every command.
 */
@Timeout(60)
class BitWriteDirtyDifferentialTest extends DifferentialTest {

    private void sameWithChanges(String script) {
        same("SAVE");
        for (String line : script.strip().split("\n")) {
            sameScript(line);
            sameChanges();
        }
    }

    private void sameChanges() {
        String[] infos = both("INFO", "persistence");
        org.assertj.core.api.Assertions.assertThat(changes(infos[1])).as("rdb_changes_since_last_save")
                .isEqualTo(changes(infos[0]));
    }

    private static String changes(String info) {
        int at = info.indexOf("rdb_changes_since_last_save:");
        return info.substring(at, info.indexOf('\r', at));
    }

    @Test
    void setbitAndBitfieldCountOnlyChanges() {
        sameWithChanges("""
                SETBIT k 0 1
                SETBIT k 0 1
                SETBIT k 0 0
                SETBIT k 0 0
                SETBIT k 100 0
                BITFIELD k SET u8 0 5
                BITFIELD k SET u8 0 5
                BITFIELD k GET u8 0
                BITFIELD k INCRBY u8 0 0
                BITFIELD k OVERFLOW FAIL INCRBY u8 0 255
                BITFIELD k OVERFLOW SAT INCRBY u8 0 255
                BITFIELD k OVERFLOW SAT INCRBY u8 0 255
                BITFIELD fresh GET u8 0
                BITFIELD fresh SET u8 0 0
                BITFIELD_RO k GET u8 0
                """);
    }

    @Test
    void smoveCountsOnlyAMove() {
        sameScript("""
                SADD s a
                SADD s b
                SADD t b
                """);
        sameWithChanges("""
                SMOVE s t b
                SMOVE s t zz
                SMOVE s s a
                SMOVE s t a
                """);
    }

    @Test
    void unchangedBitsLeaveWatchersAlone() {
        sameScript("""
                SETBIT k 3 1
                WATCH k
                SETBIT k 3 1
                BITFIELD k SET u4 0 1
                MULTI
                PING
                EXEC
                WATCH k
                SETBIT k 3 0
                MULTI
                PING
                EXEC
                """);
    }
}
