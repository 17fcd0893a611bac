package io.redoubt.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/** OBJECT ENCODING, REFCOUNT, FREQ, IDLETIME and HELP, including the maxmemory-policy dependent errors. */
class ObjectDifferentialTest extends DifferentialTest {

    @Test
    void stringEncodings() {
        sameScript("""
                SET int 123
                SET neg -9223372036854775808
                SET max 9223372036854775807
                SET over 9223372036854775808
                SET twenty 12345678901234567890
                SET lead 0123
                SET zero 0
                SET space " 1"
                SET plus +1
                SET short hello
                SET e44 "12345678901234567890123456789012345678901234"
                SET r45 "123456789012345678901234567890123456789012345"
                SET empty ""
                OBJECT ENCODING int
                OBJECT ENCODING neg
                OBJECT ENCODING max
                OBJECT ENCODING over
                OBJECT ENCODING twenty
                OBJECT ENCODING lead
                OBJECT ENCODING zero
                OBJECT ENCODING space
                OBJECT ENCODING plus
                OBJECT ENCODING short
                OBJECT ENCODING e44
                OBJECT ENCODING r45
                OBJECT ENCODING empty
                OBJECT ENCODING missing
                COPY int int2
                OBJECT ENCODING int2
                RENAME r45 r46
                OBJECT ENCODING r46
                """);
    }

    @Test
    void refcountOfSharedIntegers() {
        sameScript("""
                SET a 0
                SET b 9999
                SET c 10000
                SET d -1
                SET e hello
                OBJECT REFCOUNT a
                OBJECT REFCOUNT b
                OBJECT REFCOUNT c
                OBJECT REFCOUNT d
                OBJECT REFCOUNT e
                OBJECT REFCOUNT missing
                """);
    }

    @Test
    void helpAndErrors() {
        sameScript("""
                OBJECT HELP
                OBJECT help
                OBJECT HELP extra
                OBJECT
                OBJECT FOO
                OBJECT FOO bar
                OBJECT ENCODING
                OBJECT ENCODING a b
                OBJECT FREQ
                OBJECT IDLETIME
                OBJECT REFCOUNT
                """);
    }

    @Test
    void freqAndIdletimeDependOnThePolicy() throws Exception {
        sameScript("""
                SET k v
                OBJECT FREQ missing
                OBJECT FREQ k
                OBJECT IDLETIME missing
                OBJECT IDLETIME k
                """);
        try {
            policy("allkeys-lfu");
            sameScript("""
                    SET f v
                    OBJECT FREQ f
                    OBJECT IDLETIME f
                    OBJECT IDLETIME missing
                    OBJECT FREQ missing
                    """);
            policy("volatile-lfu");
            same("OBJECT", "IDLETIME", "f");
            policy("allkeys-lru");
            sameScript("""
                    OBJECT FREQ f
                    SET g v
                    OBJECT IDLETIME g
                    """);
        } finally {
            policy("noeviction");
        }
    }

    /** Sets the policy on both servers (on Redoubt through its registry, so CONFIG need not exist). */
    private void policy(String policy) throws Exception {
        assertThat(redis.callText("CONFIG", "SET", "maxmemory-policy", policy)).isEqualTo("+OK\r\n");
        assertThat(redoubt.callText("CONFIG", "SET", "maxmemory-policy", policy)).isEqualTo("+OK\r\n");
    }
}
