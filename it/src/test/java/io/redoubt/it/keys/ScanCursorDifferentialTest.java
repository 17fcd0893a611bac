package io.redoubt.it.keys;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/** Every SCAN family command reads its cursor as Redis's strtoul does. */
class ScanCursorDifferentialTest extends DifferentialTest {

    @Test
    void cursorsParseAlikeInEveryScanCommand() {
        sameScript("""
                SET k v
                HSET h f v
                SADD s 1 2
                ZADD z 1 a
                SCAN "" MATCH k
                HSCAN h ""
                SSCAN s ""
                ZSCAN z ""
                SCAN " 1" MATCH k
                HSCAN h " 1"
                SSCAN s x
                ZSCAN z 1x
                ZSCAN z 99999999999999999999
                ZSCAN z 0 COUNT 0
                ZSCAN z 0 MATCH a COUNT 5
                ZSCAN z 0 MATCH
                """);
    }
}
