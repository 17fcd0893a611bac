package io.redoubt.it.bitmaps;

import io.redoubt.it.strings.KeyReset;
import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bitmap family against Redis 7.0.15, reply for reply. */
class BitmapCommandsDifferentialTest extends DifferentialTest {
    private static final String[] KEYS = {"k", "a", "b", "c", "d", "e", "missing", "n", "bf"};

    /** FLUSHALL may not exist in this branch's Redoubt: remove the keys these tests use. */
    @BeforeEach
    void clearKeys() {
        KeyReset.deleteOnBoth(redis, redoubt, KEYS);
    }

    @Test
    void setbitAndGetbit() {
        sameScript("""
                SETBIT k 7 1
                GET k
                SETBIT k 7 1
                SETBIT k 7 0
                SETBIT k 100 1
                STRLEN k
                GETBIT k 100
                GETBIT k 101
                GETBIT k 99999999
                GETBIT missing 5
                SETBIT k 4294967295 2
                SETBIT k 4294967296 1
                SETBIT k -1 1
                SETBIT k abc 1
                SETBIT k 1 -1
                SETBIT k 1 x
                GETBIT k 4294967296
                GETBIT k -1
                GETBIT missing x
                SET n 123
                GETBIT n 2
                GETBIT n 3
                SETBIT n 7 0
                GET n
                INCR n
                SETBIT k 1
                GETBIT k
                """);
    }

    @Test
    void bitcount() {
        sameScript("""
                SET k foobar
                BITCOUNT k
                BITCOUNT k 0 0
                BITCOUNT k 1 1
                BITCOUNT k 1 1 BYTE
                BITCOUNT k 5 30 BIT
                BITCOUNT k 5 30 bit
                BITCOUNT k -1 -1
                BITCOUNT k -1 -5
                BITCOUNT k -5 -1 BIT
                BITCOUNT k 0 -1 BIT
                BITCOUNT k 3 2
                BITCOUNT k 100 200
                BITCOUNT k -100 100
                BITCOUNT k 1 2 BITS
                BITCOUNT k 0
                BITCOUNT k a 1
                BITCOUNT k 0 -9223372036854775808
                BITCOUNT k -9223372036854775808 9223372036854775807 BIT
                BITCOUNT missing
                BITCOUNT missing 0
                BITCOUNT missing a b c
                SET e ""
                BITCOUNT e
                BITCOUNT e 0 -1 BIT
                SET n 12345
                BITCOUNT n
                BITCOUNT
                """);
    }

    @Test
    void bitpos() {
        sameScript("""
                SET k "\\xff\\xf0\\x00"
                BITPOS k 0
                BITPOS k 1
                BITPOS k 0 2
                BITPOS k 1 2
                BITPOS k 0 0 0
                BITPOS k 0 0 1
                BITPOS k 1 2 -1
                BITPOS k 0 8 15 BIT
                BITPOS k 0 0 7 BIT
                BITPOS k 1 7 10 BIT
                BITPOS k 1 3 BIT
                BITPOS k 0 3 5 BIT
                BITPOS k 0 -3 -1 BIT
                BITPOS k 1 17 23 BIT
                BITPOS k 0 -1
                BITPOS k 0 5 2
                BITPOS k 0 1 2 BITS
                BITPOS k 2
                BITPOS k x
                BITPOS k 0 a
                BITPOS k 0 0 a
                SET a "\\xff\\xff\\xff"
                BITPOS a 0
                BITPOS a 0 0
                BITPOS a 0 0 -1
                BITPOS a 0 0 -1 BIT
                BITPOS a 1 100
                SET b "\\x00\\x00"
                BITPOS b 1
                BITPOS b 0 4 12 BIT
                BITPOS b 1 4 12 BIT
                BITPOS missing 0
                BITPOS missing 1
                BITPOS missing 1 a b c d
                SET e ""
                BITPOS e 0
                BITPOS e 1
                BITPOS e 0 0 -1 BIT
                SET n 10
                BITPOS n 1
                BITPOS k 0 0 1 2 3
                BITPOS k
                """);
    }

    @Test
    void bitop() {
        sameScript("""
                SET a "\\x0f\\xf0\\xaa"
                SET b "\\xff\\x0f"
                BITOP AND d a b
                GET d
                BITOP OR d a b
                GET d
                BITOP XOR d a b
                GET d
                BITOP NOT d a
                GET d
                BITOP and d a b missing
                GET d
                BITOP NOT d a b
                BITOP NOT d
                BITOP NAND d a b
                BITOP OR d missing
                EXISTS d
                BITOP OR d missing c
                SET e ""
                BITOP XOR d e
                EXISTS d
                SET n 123
                BITOP NOT d n
                GET d
                BITOP AND a a b
                GET a
                BITOP OR d
                """);
    }

    @Test
    void bitfield() {
        sameScript("""
                BITFIELD bf SET i8 0 100 GET i8 0
                BITFIELD bf INCRBY i8 0 100
                BITFIELD bf OVERFLOW SAT INCRBY i8 0 100 INCRBY i8 0 -300
                BITFIELD bf OVERFLOW FAIL INCRBY i8 0 -100 INCRBY i8 0 -100
                BITFIELD bf OVERFLOW WRAP INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1
                BITFIELD bf SET u8 #1 255 GET u8 #1 GET u4 8 GET i4 8 GET i16 0
                BITFIELD bf SET i64 0 -1 GET i64 0 GET u63 0 GET u63 1
                BITFIELD bf INCRBY i64 0 -9223372036854775808
                BITFIELD bf SET i64 0 9223372036854775807 INCRBY i64 0 1
                BITFIELD bf OVERFLOW SAT SET i64 0 9223372036854775807 INCRBY i64 0 1 INCRBY i64 0 -9223372036854775808
                BITFIELD bf OVERFLOW FAIL SET i64 0 9223372036854775807 INCRBY i64 0 1
                BITFIELD bf OVERFLOW SAT SET u8 0 -1 SET u8 0 300 SET i8 0 200 SET i8 0 -200 GET u8 0
                BITFIELD bf OVERFLOW WRAP SET u8 0 -1 SET u8 0 300 SET i8 0 200 SET i8 0 -200 GET u8 0
                BITFIELD bf OVERFLOW FAIL SET u8 0 -1 SET u8 0 300 SET i8 0 200 SET i8 0 -200 GET u8 0
                BITFIELD bf OVERFLOW SAT INCRBY u63 0 9223372036854775807 INCRBY u63 0 -9223372036854775808
                BITFIELD bf OVERFLOW WRAP INCRBY u63 0 9223372036854775807 INCRBY u63 0 5
                BITFIELD bf SET u1 1000 1 GET u1 1000
                STRLEN bf
                GET bf
                BITFIELD bf GET i8 5 GET u7 3 GET i1 0 GET u1 0 GET i64 1 GET u3 10000
                BITFIELD missing GET i8 0 GET u16 100
                EXISTS missing
                BITFIELD missing
                BITFIELD missing OVERFLOW FAIL
                BITFIELD missing SET u8 8 1 OVERFLOW FAIL INCRBY u8 8 255
                GET missing
                BITFIELD bf GET u64 0
                BITFIELD bf GET i65 0
                BITFIELD bf GET i0 0
                BITFIELD bf GET x8 0
                BITFIELD bf GET i 0
                BITFIELD bf GET i08 0
                BITFIELD bf GET i8 -1
                BITFIELD bf GET i8 #-1
                BITFIELD bf GET i8 4294967296
                BITFIELD bf GET i8 #536870912
                BITFIELD bf GET i8 #abc
                BITFIELD bf SET i8 0 abc
                BITFIELD bf SET i8 0
                BITFIELD bf GET i8
                BITFIELD bf OVERFLOW
                BITFIELD bf OVERFLOW bogus GET i8 0
                BITFIELD bf BOGUS
                BITFIELD bf GET i8 0 SET i8 0 1 GET
                BITFIELD bf get i8 0 set i8 0 1 incrby i8 0 1 overflow sat
                BITFIELD_RO bf GET i8 0 GET u4 4
                BITFIELD_RO bf GET i8 0 SET i8 0 1
                BITFIELD_RO bf INCRBY i8 0 1
                BITFIELD_RO bf GET i8 0 OVERFLOW SAT
                BITFIELD_RO missing GET i8 0
                BITFIELD_RO bf
                SET n 100
                BITFIELD n GET u8 0 SET u8 0 50
                GET n
                BITFIELD
                BITFIELD_RO
                """);
    }

    @Test
    void resp3Replies() {
        resp3();
        sameScript("""
                BITFIELD bf OVERFLOW FAIL SET u8 0 300 INCRBY u8 0 1 GET u8 0
                BITFIELD_RO bf GET u8 0
                BITFIELD bf
                BITPOS bf 1
                BITCOUNT bf
                SETBIT bf 3 1
                GETBIT bf 3
                BITOP NOT d bf
                """);
    }

    @Test
    void randomBitfieldOperationsAgree() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            boolean signed = random.nextBoolean();
            int bits = 1 + random.nextInt(signed ? 64 : 63);
            String type = (signed ? "i" : "u") + bits;
            String offset = random.nextInt(4) == 0 ? "#" + random.nextInt(10) : Integer.toString(random.nextInt(200));
            String overflow = new String[] {"WRAP", "SAT", "FAIL"}[random.nextInt(3)];
            String op = new String[] {"GET", "SET", "INCRBY"}[random.nextInt(3)];
            long value = switch (random.nextInt(3)) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(1000) - 500;
                default -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            };
            if (op.equals("GET")) {
                same("BITFIELD", "bf", "OVERFLOW", overflow, op, type, offset);
            } else {
                same("BITFIELD", "bf", "OVERFLOW", overflow, op, type, offset, Long.toString(value));
            }
        }
        same("GET", "bf");
        for (int i = 0; i < 50; i++) {
            int a = random.nextInt(300) - 150;
            int b = random.nextInt(300) - 150;
            same("BITCOUNT", "bf", Integer.toString(a), Integer.toString(b), random.nextBoolean() ? "BIT" : "BYTE");
            same("BITPOS", "bf", Integer.toString(random.nextInt(2)), Integer.toString(a), Integer.toString(b),
                    random.nextBoolean() ? "BIT" : "BYTE");
            same("BITPOS", "bf", Integer.toString(random.nextInt(2)), Integer.toString(a));
        }
    }

    @Test
    void binaryOperandsWithAllByteValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        same(b("SET"), b("a"), all);
        same(b("BITCOUNT"), b("a"));
        same(b("BITOP"), b("NOT"), b("d"), b("a"));
        same(b("GET"), b("d"));
        same(b("BITOP"), b("XOR"), b("d"), b("a"), b("d"));
        same(b("GET"), b("d"));
        for (int bit = 0; bit < 2048; bit += 97) {
            same(b("GETBIT"), b("a"), b(Integer.toString(bit)));
            same(b("SETBIT"), b("a"), b(Integer.toString(bit)), b(Integer.toString(bit & 1)));
        }
        same(b("GET"), b("a"));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
