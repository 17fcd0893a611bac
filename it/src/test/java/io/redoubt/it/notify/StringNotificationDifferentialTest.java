package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyspace notifications of the string, bitmap and HyperLogLog commands. */
class StringNotificationDifferentialTest extends NotificationDifferentialTest {

    @Test
    void setFamily() {
        enable("KEA");
        assertThat(sameEvents("""
                SET k v
                SET k v EX 100
                SET k v PX 100000 NX
                SET k v KEEPTTL XX
                SET k2 v XX
                SET k v2 GET
                SETNX k x
                SETNX k3 x
                SETEX k4 100 v
                PSETEX k5 100000 v
                GETSET k v3
                MSET m1 a m2 b
                MSETNX m1 a m3 c
                MSETNX m4 a m5 c
                SET k v EXAT 99999999999
                SET k v PXAT 99999999999000
                SET k v PXAT 1
                EXISTS k
                """)).startsWith("__keyspace@0__:k set", "__keyevent@0__:set k",
                "__keyspace@0__:k set", "__keyevent@0__:set k",
                "__keyspace@0__:k expire", "__keyevent@0__:expire k");
    }

    @Test
    void inPlaceChangesAndCounters() {
        enable("KEA");
        assertThat(sameEvents("""
                APPEND a hello
                APPEND a world
                SETRANGE a 2 xx
                SETRANGE a 2 ""
                SETRANGE b 0 ""
                SETRANGE c 3 x
                INCR n
                DECR n
                INCRBY n 5
                DECRBY n 2
                INCRBYFLOAT f 1.5
                INCR a
                INCRBYFLOAT a 1
                GET a
                STRLEN a
                GETRANGE a 0 1
                """)).contains("__keyevent@0__:incrby n", "__keyevent@0__:incrbyfloat f",
                "__keyevent@0__:append a", "__keyevent@0__:setrange c");
    }

    @Test
    void getdelAndGetex() {
        enable("KEA");
        assertThat(sameEvents("""
                SET a 1
                GETDEL a
                GETDEL a
                SET b 2
                GETEX b
                GETEX b EX 100
                GETEX b PX 100000
                GETEX b EXAT 99999999999
                GETEX b PXAT 99999999999000
                GETEX b PERSIST
                GETEX b PERSIST
                GETEX b EXAT 1
                GETEX b EX 10
                SET c 3
                GETEX c PXAT 1
                """)).contains("__keyevent@0__:del a", "__keyevent@0__:persist b", "__keyevent@0__:del c");
    }

    @Test
    void newKeyEvents() {
        enable("KEn$g");
        sameEvents("""
                SET a 1
                SET a 2
                APPEND b x
                INCR c
                INCRBYFLOAT d 2
                SETRANGE e 1 x
                MSET a 1 f 2
                SETBIT g 3 1
                PFADD h a
                PFMERGE i h
                BITOP OR j g
                """);
    }

    @Test
    void bitmaps() {
        enable("KEA");
        assertThat(sameEvents("""
                SETBIT b 7 1
                SETBIT b 7 1
                SETBIT b 100 0
                GETBIT b 7
                BITCOUNT b
                BITFIELD f SET u8 0 255
                BITFIELD f GET u8 0
                BITFIELD f INCRBY u8 0 10 GET u4 0
                BITFIELD f OVERFLOW FAIL INCRBY u8 0 250
                BITFIELD f OVERFLOW FAIL INCRBY u8 0 250 SET u8 8 1
                BITFIELD_RO f GET u8 0
                BITFIELD f SET u8 0 0
                BITFIELD f SET u8 0 0
                BITFIELD f INCRBY u8 0 0
                BITFIELD f SET u8 64 0
                BITFIELD g OVERFLOW FAIL INCRBY u8 0 300
                BITFIELD g OVERFLOW SAT INCRBY u8 0 300
                BITFIELD g OVERFLOW SAT INCRBY u8 0 300
                BITFIELD g OVERFLOW WRAP SET i8 0 -1 SET i8 0 -1
                BITOP AND d b f
                BITOP OR d missing1 missing2
                BITOP OR d missing1 missing2
                BITOP NOT e b
                """)).contains("__keyevent@0__:setbit b", "__keyevent@0__:setbit f",
                "__keyevent@0__:set d", "__keyevent@0__:del d");
    }

    @Test
    void hyperloglog() {
        enable("KEA");
        assertThat(sameEvents("""
                PFADD h a b c
                PFADD h a
                PFADD h
                PFADD h2
                PFCOUNT h
                PFCOUNT h h2
                PFMERGE h3 h h2
                PFMERGE h3
                PFMERGE h4
                """)).contains("__keyevent@0__:pfadd h", "__keyevent@0__:pfadd h3", "__keyevent@0__:pfadd h4");
    }

    @Test
    void keyMissEvents() {
        enable("KEm");
        sameEvents("""
                GET nothing
                MGET a b
                STRLEN c
                GETRANGE d 0 1
                SET e 1
                GET e
                EXISTS f e
                TYPE g
                TTL h
                PTTL i
                LLEN j
                HGET k f
                SMEMBERS l
                ZSCORE m x
                INCR n
                SET o x
                GETEX nothing EX 5
                PFCOUNT nothing
                PFCOUNT n1 n2
                LRANGE l 0 -1
                HGETALL h
                SCARD s
                ZCARD z
                SINTER s1 s2
                ZUNION 2 z1 z2
                LCS a b
                BITCOUNT b
                GETBIT b 1
                OBJECT ENCODING nothing
                TOUCH t1 t2
                RENAME nothing x
                COPY nothing x
                SORT nothing
                SORT nothing STORE y
                HRANDFIELD nothing
                SRANDMEMBER nothing
                ZRANDMEMBER nothing
                LPOS nothing x
                RPOPLPUSH nothing x
                SMOVE nothing x y
                """);
    }
}
