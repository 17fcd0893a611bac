package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyspace notifications of the generic key commands: DEL, RENAME, MOVE, COPY, EXPIRE, PERSIST, SORT. */
class KeyNotificationDifferentialTest extends NotificationDifferentialTest {

    @Test
    void delAndUnlink() {
        enable("KEA");
        assertThat(sameEvents("""
                MSET a 1 b 2 c 3
                DEL a b missing
                UNLINK c missing
                DEL a
                """)).containsSubsequence("__keyspace@0__:a del", "__keyevent@0__:del a",
                "__keyspace@0__:b del", "__keyevent@0__:del b",
                "__keyspace@0__:c del", "__keyevent@0__:del c");
    }

    @Test
    void renameEmitsFromThenTo() {
        enable("KEA");
        assertThat(sameEvents("""
                SET a 1
                RENAME a b
                SET c 2 EX 100
                RENAME c b
                RENAME b b
                RENAMENX b b
                SET d 3
                RENAMENX b d
                RENAMENX b e
                RENAME missing x
                """)).containsSubsequence("__keyspace@0__:a rename_from", "__keyevent@0__:rename_from a",
                "__keyspace@0__:b rename_to", "__keyevent@0__:rename_to b");
    }

    @Test
    void renameMoveCopyWithNewKeyEvents() {
        enable("KEAn");
        sameEvents("""
                SET a 1 EX 100
                RENAME a b
                SET c 1
                RENAME b c
                MOVE c 1
                SET c 2
                MOVE c 1
                COPY c d
                COPY c d
                COPY c d REPLACE
                COPY c d DB 2
                COPY c c
                """);
    }

    @Test
    void moveAndCopyAcrossDatabases() {
        enable("KEA");
        assertThat(sameEvents("""
                SET a 1
                MOVE a 3
                MOVE a 3
                SELECT 3
                SET b 2 PX 100000
                MOVE b 0
                COPY a x DB 5
                COPY a x DB 5
                COPY a x DB 5 REPLACE
                COPY a y
                SELECT 0
                """)).contains("__keyspace@0__:a move_from", "__keyspace@3__:a move_to",
                "__keyevent@5__:copy_to x", "__keyevent@3__:copy_to y");
    }

    @Test
    void expireFamily() {
        enable("KEA");
        assertThat(sameEvents("""
                SET a 1
                EXPIRE a 100
                PEXPIRE a 100000
                EXPIREAT a 99999999999
                PEXPIREAT a 99999999999000
                EXPIRE a 100 NX
                EXPIRE a 50 GT
                EXPIRE a 50 LT
                EXPIRE missing 100
                PERSIST a
                PERSIST a
                PERSIST missing
                EXPIRE a 100 XX
                EXPIRE a 0
                SET b 1
                PEXPIRE b -5
                SET c 1
                EXPIREAT c 1
                SET d 1
                PEXPIREAT d 0
                TTL a
                """)).contains("__keyevent@0__:expire a", "__keyevent@0__:persist a",
                "__keyevent@0__:del a", "__keyevent@0__:del b", "__keyevent@0__:del c", "__keyevent@0__:del d");
    }

    @Test
    void sortStore() {
        enable("KEA");
        assertThat(sameEvents("""
                RPUSH l 3 1 2
                SORT l STORE dst
                SORT l STORE dst
                SORT missing STORE dst
                SORT missing STORE dst
                SADD s b a
                SORT s ALPHA STORE dst2
                SORT l
                """)).contains("__keyevent@0__:sortstore dst", "__keyevent@0__:del dst",
                "__keyevent@0__:sortstore dst2");
    }

    @Test
    void flushAndSwapdbAreSilent() {
        enable("KEA");
        assertThat(sameEvents("""
                SET a 1
                SELECT 1
                SET b 2
                SELECT 0
                SWAPDB 0 1
                FLUSHDB
                FLUSHALL
                """)).containsExactly("__keyspace@0__:a set", "__keyevent@0__:set a",
                "__keyspace@1__:b set", "__keyevent@1__:set b");
    }

    @Test
    void transactionsNotifyAtExec() {
        enable("KEA");
        assertThat(sameEvents("""
                MULTI
                SET a 1
                INCR a
                DEL a
                EXEC
                """)).containsExactly("__keyspace@0__:a set", "__keyevent@0__:set a",
                "__keyspace@0__:a incrby", "__keyevent@0__:incrby a",
                "__keyspace@0__:a del", "__keyevent@0__:del a");
    }
}
