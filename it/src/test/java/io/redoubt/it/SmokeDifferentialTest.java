package io.redoubt.it;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

class SmokeDifferentialTest extends DifferentialTest {

    @Test
    void getSetAndErrors() {
        sameScript("""
                SET k v
                GET k
                GET missing
                SET k v NX
                SET k v2 XX GET
                SET k v EX 0
                SET k v EX abc
                SET k v BOGUS
                GET
                NOSUCHCOMMAND a b
                DEL k missing
                EXISTS k
                PING
                PING hello
                ECHO "a b"
                SELECT 99
                SELECT x
                """);
    }
}
