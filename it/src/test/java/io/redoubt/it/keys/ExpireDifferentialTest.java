package io.redoubt.it.keys;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX/XX/GT/LT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. */
class ExpireDifferentialTest extends DifferentialTest {

    @Test
    void ttlOfMissingPersistentAndVolatileKeys() {
        sameScript("""
                TTL missing
                PTTL missing
                EXPIRETIME missing
                PEXPIRETIME missing
                SET k v
                TTL k
                PTTL k
                EXPIRETIME k
                PEXPIRETIME k
                EXPIRE k 100
                TTL k
                EXPIREAT k 4000000000
                TTL k
                EXPIRETIME k
                PEXPIRETIME k
                PEXPIREAT k 4000000000123
                EXPIRETIME k
                PEXPIRETIME k
                PERSIST k
                PERSIST k
                PERSIST missing
                TTL k
                TTL
                PERSIST
                """);
    }

    /** Absolute times keep GT/LT comparisons exact: relative ones move with each server's clock. */
    @Test
    void conditionalOptions() {
        sameScript("""
                SET k v
                EXPIREAT k 4000000100 XX
                EXPIREAT k 4000000100 GT
                EXPIREAT k 4000000100 LT
                EXPIRETIME k
                EXPIREAT k 4000000200 NX
                EXPIREAT k 4000000300 nx
                EXPIRETIME k
                EXPIREAT k 4000000100 GT
                EXPIREAT k 4000000300 GT
                EXPIRETIME k
                EXPIREAT k 4000000400 LT
                EXPIREAT k 4000000300 LT
                EXPIREAT k 4000000050 lt
                EXPIRETIME k
                EXPIREAT k 4000000060 XX GT
                EXPIREAT k 4000000010 XX LT
                EXPIRETIME k
                EXPIREAT k 4000000010 GT XX
                EXPIRE missing 10 NX
                PEXPIREAT k 4000000010000 GT
                PEXPIREAT k 4000000010001 GT
                PEXPIRETIME k
                PEXPIRE k 100000 NX
                EXPIRE k 1000 XX
                TTL k
                SET p v
                EXPIRE p 100 NX
                TTL p
                """);
    }

    @Test
    void optionErrorsComeBeforeNumberErrors() {
        sameScript("""
                SET k v
                EXPIRE k 10 NX XX
                EXPIRE k 10 NX GT
                EXPIRE k 10 NX LT
                EXPIRE k 10 GT LT
                EXPIRE k 10 LT GT XX
                EXPIRE k 10 FOO
                EXPIRE k abc FOO
                EXPIRE k abc NX XX
                EXPIRE k abc
                EXPIRE k 1.5
                EXPIRE k ""
                PEXPIRE k 10 nx xx
                EXPIREAT k 10 gt lt
                PEXPIREAT k 10 bar
                EXPIRE k
                TTL k
                """);
    }

    @Test
    void overflowingTimes() {
        sameScript("""
                SET k v
                EXPIRE k 9223372036854775807
                EXPIRE k 9223372036854775
                EXPIRE k 9223372036854770
                EXPIRE k -9223372036854775808
                EXPIRE k -9223372036854776
                PEXPIRE k 9223372036854775807
                EXPIREAT k 9223372036854775807
                EXPIREAT k 9223372036854775
                PEXPIREAT k 9223372036854775807
                EXPIRE k 9223372036854775808
                TTL k
                PEXPIREAT k 9223372036854775806
                PEXPIRETIME k
                EXPIRETIME k
                """);
    }

    @Test
    void expiryInThePastDeletesTheKey() {
        sameScript("""
                SET a v
                EXPIRE a 0
                EXISTS a
                SET b v
                EXPIRE b -10
                EXISTS b
                SET c v
                PEXPIRE c -1
                EXISTS c
                SET d v
                EXPIREAT d 1
                EXISTS d
                SET e v
                PEXPIREAT e 0
                EXISTS e
                SET f v
                EXPIREAT f -9223372036854775
                EXISTS f
                SET g v
                EXPIRE g -5 NX
                EXISTS g
                SET h v
                EXPIRE h 100
                EXPIRE h -5 GT
                EXISTS h
                EXPIRE h -5 LT
                EXISTS h
                """);
    }

    @Test
    void setReplacesAndPersistRemovesExpiry() {
        sameScript("""
                SET k v EX 100
                TTL k
                SET k v2
                TTL k
                SET k v3 EX 100
                SET k v4 KEEPTTL
                TTL k
                PERSIST k
                TTL k
                """);
    }
}
