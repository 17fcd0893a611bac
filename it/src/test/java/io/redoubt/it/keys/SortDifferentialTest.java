package io.redoubt.it.keys;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/**
 * SORT and SORT_RO on what exists in every build: missing keys, strings (WRONGTYPE) and option errors.
 * Sorting real collections is covered by the engine's SortCommandsTest until lists, sets and sorted
 * sets are merged.
 */
class SortDifferentialTest extends DifferentialTest {

    @Test
    void missingKeysSortEmpty() {
        sameScript("""
                SORT missing
                SORT_RO missing
                SORT missing DESC ALPHA LIMIT 0 10 BY w_* GET # GET w_*->f
                SET dst x
                SORT missing STORE dst
                EXISTS dst
                SORT missing LIMIT 5 -1 STORE dst
                """);
    }

    @Test
    void stringsAreTheWrongType() {
        sameScript("""
                SET s 1
                SORT s
                SORT_RO s
                SORT s ALPHA
                SORT s STORE dst
                EXISTS dst
                """);
    }

    @Test
    void optionErrors() {
        sameScript("""
                SET s 1
                SORT s FOO
                SORT missing FOO
                SORT missing LIMIT 0
                SORT missing LIMIT 0 x
                SORT missing LIMIT x 0
                SORT missing LIMIT 0 99999999999999999999
                SORT missing BY
                SORT missing GET
                SORT missing STORE
                SORT_RO missing STORE dst
                SORT_RO s STORE dst
                SORT s LIMIT 0 x
                SORT
                SORT_RO
                """);
    }
}
