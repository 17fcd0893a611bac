package io.redoubt.it.geo;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/** The geo commands' table entries: COMMAND INFO byte for byte, and keys found through the key specs. */
class GeoCommandInfoDifferentialTest extends DifferentialTest {
    private static final String[] GEO = {"geoadd", "geodist", "geohash", "geopos", "geosearch", "geosearchstore",
        "georadius", "georadiusbymember", "georadius_ro", "georadiusbymember_ro"};

    @Test
    void commandInfoIsByteIdentical() {
        for (String name : GEO) {
            same("COMMAND", "INFO", name);
        }
        resp3();
        for (String name : GEO) {
            same("COMMAND", "INFO", name);
        }
    }

    @Test
    void storeKeysAreFoundByKeyword() {
        sameScript("""
                COMMAND GETKEYS GEORADIUS src 1 2 3 km
                COMMAND GETKEYS GEORADIUS src 1 2 3 km STORE dst
                COMMAND GETKEYS GEORADIUS src 1 2 3 km STOREDIST dst
                COMMAND GETKEYS GEORADIUS src 1 2 3 km STORE a STOREDIST b
                COMMAND GETKEYS GEORADIUSBYMEMBER src m 3 km STORE dst
                COMMAND GETKEYS GEOSEARCHSTORE dst src FROMMEMBER m BYRADIUS 1 km
                COMMAND GETKEYS GEOADD k 1 2 m
                COMMAND GETKEYSANDFLAGS GEORADIUS src 1 2 3 km STOREDIST dst
                COMMAND GETKEYSANDFLAGS GEOSEARCHSTORE dst src FROMMEMBER m BYRADIUS 1 km
                """);
    }
}
