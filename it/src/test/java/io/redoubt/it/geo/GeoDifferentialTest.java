package io.redoubt.it.geo;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The geo commands against Redis 7.0.15, replies compared byte for byte: geohash scores, decoded
 * positions, distances and search results for real-world places, including points near the poles'
 * Mercator limits, on both sides of the antimeridian and on the equator.
 */
class GeoDifferentialTest extends DifferentialTest {

    /** Cities and landmarks, lon lat name. */
    static final String PLACES = """
            GEOADD world 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 2.3522219 48.856614 Paris
            GEOADD world -0.1277583 51.5073509 London -74.0059728 40.7127753 NewYork 139.6917064 35.6894875 Tokyo
            GEOADD world 151.2092955 -33.8688197 Sydney -43.1728965 -22.9068467 Rio 18.4240553 -33.9248685 CapeTown
            GEOADD world 179.9999 -16.5 FijiEast -179.9999 -16.5 FijiWest 180 0 AntimeridianEq -180 0 AntimeridianEqW
            GEOADD world 174.7633315 -36.8484597 Auckland -171.7513 -13.8333 Apia 0 0 NullIsland
            GEOADD world -78.4678382 -0.1806532 Quito 32.5825197 0.3475964 Kampala 103.819836 1.352083 Singapore
            GEOADD world 0 85.05112878 NorthLimit 0 -85.05112878 SouthLimit 90 85 NorthEdge -90 -85 SouthEdge
            GEOADD world -62.3481 82.5018 Alert 15.6356 78.2232 Longyearbyen -68.1336 -67.5678 Rothera
            GEOADD world 166.6863 -77.8419 McMurdo -180 85.05112878 CornerNW 180 -85.05112878 CornerSE
            """;

    @BeforeEach
    void places() {
        sameScript(PLACES);
    }

    @Test
    void geoaddStoresRedisGeohashScores() {
        sameScript("""
                ZRANGE world 0 -1 WITHSCORES
                GEOADD g 13.361389 38.115556 Palermo
                GEOADD g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania
                GEOADD g NX 1 1 Palermo 2 2 Two
                GEOADD g XX 1 1 Palermo 3 3 Three
                GEOADD g XX CH 1 1 Palermo 3 3 Three
                GEOADD g CH 5 5 Palermo 6 6 Six 6 6 Six
                GEOADD g CH NX 7 7 Palermo 8 8 Eight
                GEOADD g ch xx 9 9 Palermo
                GEOADD g CH 9 9 Palermo
                ZRANGE g 0 -1 WITHSCORES
                GEOADD missing XX 1 1 a
                EXISTS missing
                GEOADD g 1e-300 -1e-300 tiny -0 -0 negzero
                ZRANGE g 0 -1 WITHSCORES
                OBJECT ENCODING g
                """);
    }

    @Test
    void geoaddErrors() {
        sameScript("""
                GEOADD g 200 100 x
                GEOADD g -180.0000001 0 x
                GEOADD g 0 85.05112879 x
                GEOADD g 0 -85.05112879 x
                GEOADD g 1 1 a 200 0 b
                EXISTS g
                GEOADD g -200 -0.5 x
                GEOADD g 1 -100.123456789 x
                GEOADD g 1e10 0 x
                GEOADD g inf 0 x
                GEOADD g 0 -inf x
                GEOADD g abc 0 x
                GEOADD g 1e-400 0 x
                GEOADD g 0 0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001 x
                GEOADD g 0e0 0.0e-5 zero
                GEOADD g 0x10 0x1p3 hex
                GEOPOS g hex zero
                GEOADD g " 1" 0 x
                GEOADD g "1 " 0 x
                GEOADD g "" 0 x
                GEOSEARCH g FROMLONLAT 0x10 8 BYRADIUS 0x10 km
                GEOSEARCH g FROMLONLAT 16 8 BYRADIUS 1e-400 km
                GEOSEARCH g FROMLONLAT 16 8 BYBOX 0x10 1e-999 km
                GEOADD g 0 abc x
                GEOADD g 1 2
                GEOADD g 1 2 a 3
                GEOADD g NX XX 1 2 a
                GEOADD g NX XX CH
                GEOADD g CH CH CH
                GEOADD g GT 1 2 a
                GEOADD g
                SET s v
                GEOADD s 1 1 a
                GEOADD s 200 1 a
                """);
    }

    @Test
    void geoposAndGeohashAtTheEdgesOfTheWorld() {
        sameScript("""
                GEOPOS world Palermo Catania NullIsland FijiEast FijiWest AntimeridianEq AntimeridianEqW
                GEOPOS world NorthLimit SouthLimit NorthEdge SouthEdge Alert McMurdo CornerNW CornerSE Quito
                GEOPOS world nosuch Paris nosuch
                GEOPOS missing a b
                GEOPOS world
                GEOHASH world Palermo Catania NullIsland FijiEast FijiWest AntimeridianEq AntimeridianEqW
                GEOHASH world NorthLimit SouthLimit NorthEdge SouthEdge Alert McMurdo CornerNW CornerSE Quito
                GEOHASH world nosuch Sydney
                GEOHASH missing a
                GEOHASH world
                ZADD world 0 zero 4503599627370495 maxscore 1e15 big
                GEOPOS world zero maxscore big
                GEOHASH world zero maxscore big
                """);
        resp3();
        sameScript("""
                GEOPOS world Palermo NullIsland nosuch CornerSE
                GEOHASH world Palermo nosuch
                GEOPOS missing a
                """);
    }

    @Test
    void geodistInEveryUnit() {
        sameScript("""
                GEODIST world Palermo Catania
                GEODIST world Palermo Catania m
                GEODIST world Palermo Catania KM
                GEODIST world Palermo Catania ft
                GEODIST world Palermo Catania Mi
                GEODIST world FijiEast FijiWest
                GEODIST world AntimeridianEq AntimeridianEqW
                GEODIST world NorthLimit SouthLimit km
                GEODIST world NullIsland AntimeridianEq mi
                GEODIST world London NewYork km
                GEODIST world Sydney Rio
                GEODIST world Alert Rothera
                GEODIST world CornerNW CornerSE
                GEODIST world Paris Paris
                GEODIST world NorthLimit NorthEdge
                GEODIST world Palermo nosuch
                GEODIST world nosuch Palermo km
                GEODIST missing a b
                GEODIST missing a b furlong
                GEODIST world Palermo Catania furlong
                GEODIST world Palermo Catania km extra
                SET s v
                GEODIST s a b
                """);
        sameScript("""
                GEOADD near 0 0 a 0.000001 0 b 0 0.000001 c 0.0000001 0.0000001 d
                GEODIST near a b
                GEODIST near a c
                GEODIST near a d
                GEODIST near a d km
                """);
        resp3();
        sameScript("""
                GEODIST world Palermo Catania
                GEODIST world Palermo nosuch
                GEODIST missing a b
                """);
    }

    @Test
    void geosearchShapesAndOptions() {
        sameScript("""
                GEOSEARCH world FROMLONLAT 15 37 BYRADIUS 200 km
                GEOSEARCH world FROMLONLAT 15 37 BYRADIUS 200 km ASC
                GEOSEARCH world FROMLONLAT 15 37 BYRADIUS 200 km DESC WITHDIST WITHCOORD WITHHASH
                GEOSEARCH world FROMLONLAT 15 37 BYBOX 400 400 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 15 37 BYBOX 400 400 km WITHCOORD
                GEOSEARCH world FROMMEMBER Palermo BYRADIUS 2000 km ASC WITHDIST
                GEOSEARCH world FROMMEMBER Palermo BYBOX 4000 2000 km DESC WITHDIST WITHHASH
                GEOSEARCH world FROMMEMBER Paris BYRADIUS 1000 mi ASC COUNT 1
                GEOSEARCH world FROMMEMBER Paris BYRADIUS 2000 mi COUNT 2 DESC WITHDIST
                GEOSEARCH world FROMMEMBER Paris BYRADIUS 20000 km COUNT 3 ANY
                GEOSEARCH world FROMMEMBER Paris BYRADIUS 20000 km COUNT 3 ANY ASC WITHDIST
                GEOSEARCH world FROMMEMBER Paris BYRADIUS 20000 km COUNT 300 ANY DESC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 20037 km WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 100000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 40000 20000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 180 -16.5 BYRADIUS 50 km ASC WITHDIST WITHCOORD
                GEOSEARCH world FROMLONLAT -180 -16.5 BYBOX 100 100 km ASC WITHDIST
                GEOSEARCH world FROMMEMBER FijiEast BYRADIUS 4000 km ASC WITHDIST
                GEOSEARCH world FROMMEMBER AntimeridianEq BYRADIUS 1 m WITHDIST
                GEOSEARCH world FROMMEMBER NorthLimit BYRADIUS 1000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 85 BYBOX 5000 2000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT -60 -80 BYRADIUS 3000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 0 m WITHDIST
                GEOSEARCH world FROMMEMBER NullIsland BYRADIUS 0 km WITHDIST
                GEOSEARCH world FROMMEMBER NullIsland BYBOX 0 0 km WITHDIST
                GEOSEARCH world FROMLONLAT 10 10 BYRADIUS 1 m
                GEOSEARCH missing FROMLONLAT 10 10 BYRADIUS 1 m
                GEOSEARCH missing FROMMEMBER nobody BYRADIUS 1 m
                geosearch world fromlonlat 15 37 byradius 200 KM withdist asc
                """);
        resp3();
        sameScript("""
                GEOSEARCH world FROMLONLAT 15 37 BYRADIUS 200 km DESC WITHDIST WITHCOORD WITHHASH
                GEOSEARCH world FROMLONLAT 15 37 BYRADIUS 200 km
                GEOSEARCH world FROMLONLAT 10 10 BYRADIUS 1 m
                """);
    }

    @Test
    void geosearchErrors() {
        sameScript("""
                SET s v
                GEOSEARCH s FROMLONLAT 0 0 BYRADIUS 1 km
                GEOSEARCH world FROMMEMBER nosuch BYRADIUS 1 km
                GEOSEARCH world FROMLONLAT 200 100 BYRADIUS 1 km
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 furlong
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS -1 km
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS x km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX x 1 km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 1 x km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX -1 1 km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 1 -1 km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 1 1 yd
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km COUNT 0
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km COUNT -5
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km COUNT x
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km COUNT
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km ANY
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km ANY ASC
                GEOSEARCH world FROMLONLAT 0 0 FROMMEMBER Paris BYRADIUS 1 km
                GEOSEARCH world FROMMEMBER Paris FROMLONLAT 0 0 BYRADIUS 1 km
                GEOSEARCH world FROMMEMBER Paris FROMMEMBER London BYRADIUS 1000 km
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km BYBOX 1 1 km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 1 1 km BYRADIUS 1 km
                GEOSEARCH world BYRADIUS 1 km WITHDIST ASC
                geosearch world BYRADIUS 1 km WITHDIST ASC
                GEOSEARCH world FROMLONLAT 0 0 WITHDIST ASC COUNT 1
                GeoSearch world FROMLONLAT 0 0 WITHDIST ASC COUNT 1
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km STORE dst
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km STOREDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km foo
                GEOSEARCH world FROMLONLAT 0 BYRADIUS 1 km
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1
                GEOSEARCH missing FROMMEMBER x BYRADIUS -1 km
                GEOSEARCH missing FROMLONLAT 0 0 BYRADIUS 1 km ANY
                GEOSEARCH missing FROMLONLAT 0 0 WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1 km ANY COUNT 0
                GEOSEARCH world
                """);
    }

    @Test
    void geosearchstoreStoresHashesOrDistances() {
        sameScript("""
                GEOSEARCHSTORE dst world FROMLONLAT 15 37 BYRADIUS 200 km
                ZRANGE dst 0 -1 WITHSCORES
                OBJECT ENCODING dst
                GEOSEARCHSTORE dst world FROMLONLAT 15 37 BYRADIUS 200 km STOREDIST
                ZRANGE dst 0 -1 WITHSCORES
                GEOSEARCHSTORE dst world FROMMEMBER Paris BYBOX 4000 4000 km STOREDIST COUNT 2
                ZRANGE dst 0 -1 WITHSCORES
                GEOSEARCHSTORE dst world FROMMEMBER Paris BYRADIUS 30000 km DESC COUNT 4 STOREDIST
                ZRANGE dst 0 -1 WITHSCORES
                GEOSEARCHSTORE dst world FROMLONLAT 0 0 BYRADIUS 100000 mi STOREDIST
                ZRANGE dst 0 -1 WITHSCORES
                GEOSEARCHSTORE dst world FROMLONLAT 10 10 BYRADIUS 1 m
                EXISTS dst
                SET dst v
                EXPIRE dst 100
                GEOSEARCHSTORE dst world FROMLONLAT 15 37 BYRADIUS 200 km
                TTL dst
                TYPE dst
                GEOSEARCHSTORE dst missing FROMLONLAT 15 37 BYRADIUS 200 km
                EXISTS dst
                GEOSEARCHSTORE dst world FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST
                GEOSEARCHSTORE dst world FROMLONLAT 15 37 BYRADIUS 200 km WITHCOORD
                GEOSEARCHSTORE dst world FROMLONLAT 15 37 BYRADIUS 200 km STORE x
                GEOSEARCHSTORE dst world BYRADIUS 200 km
                geosearchstore dst world FROMLONLAT 15 37
                SET s v
                GEOSEARCHSTORE dst s FROMLONLAT 15 37 BYRADIUS 200 km
                GEOSEARCHSTORE s world FROMLONLAT 15 37 BYRADIUS 200 km
                TYPE s
                GEOSEARCHSTORE world world FROMLONLAT 15 37 BYRADIUS 200 km STOREDIST
                ZRANGE world 0 -1 WITHSCORES
                """);
    }

    @Test
    void georadiusFamily() {
        sameScript("""
                GEORADIUS world 15 37 200 km
                GEORADIUS world 15 37 200 km WITHDIST WITHCOORD WITHHASH ASC
                GEORADIUS world 15 37 2000 mi DESC COUNT 3 WITHDIST
                GEORADIUS world 15 37 20000 km COUNT 3 ANY
                GEORADIUS world 179.9 -16.5 100 km WITHDIST ASC
                GEORADIUS world 15 37 200 km STORE dst
                ZRANGE dst 0 -1 WITHSCORES
                GEORADIUS world 15 37 200 km STOREDIST dst
                ZRANGE dst 0 -1 WITHSCORES
                GEORADIUS world 15 37 200 km STORE dst STOREDIST dst2
                EXISTS dst2
                GEORADIUS world 15 37 200 km STORE dst WITHDIST
                GEORADIUS world 15 37 200 km STORE
                GEORADIUS world 15 37 1 m STORE dst
                EXISTS dst
                GEORADIUS missing 15 37 200 km STORE dst
                GEORADIUS missing 15 37 200 km
                GEORADIUS world 200 37 200 km
                GEORADIUS world 15 37 -1 km
                GEORADIUS world 15 37 x km
                GEORADIUS world 15 37 1 yards
                GEORADIUS world 15 37 1 km COUNT 0
                GEORADIUS world 15 37 1 km ANY
                GEORADIUS world 15 37 1 km FROMLONLAT 1 1
                GEORADIUS world 15 37 1 km BYRADIUS 1 km
                GEORADIUS world 15 37 1 km STOREDIST
                GEORADIUSBYMEMBER world Palermo 200 km
                GEORADIUSBYMEMBER world Palermo 200 km WITHDIST WITHHASH WITHCOORD DESC
                GEORADIUSBYMEMBER world Palermo 3000 km COUNT 2 ASC WITHDIST
                GEORADIUSBYMEMBER world Palermo 3000 km STOREDIST dst
                ZRANGE dst 0 -1 WITHSCORES
                GEORADIUSBYMEMBER world nosuch 200 km
                GEORADIUSBYMEMBER world Palermo -1 km
                GEORADIUSBYMEMBER world Palermo 1 yards
                GEORADIUSBYMEMBER missing Palermo -1 yards
                GEORADIUSBYMEMBER missing Palermo -1 yards STORE dst
                GEORADIUSBYMEMBER missing Palermo -1 yards ANY
                GEORADIUS_RO world 15 37 200 km WITHDIST ASC
                GEORADIUS_RO world 15 37 200 km STORE dst
                GEORADIUS_RO world 15 37 200 km STOREDIST dst
                GEORADIUSBYMEMBER_RO world Catania 200 km WITHDIST ASC
                GEORADIUSBYMEMBER_RO world Catania 200 km STORE dst
                GEORADIUSBYMEMBER_RO world nosuch 200 km
                SET s v
                GEORADIUS s 15 37 200 km
                GEORADIUSBYMEMBER s a 200 km
                GEORADIUS_RO s 200 37 200 km
                """);
        resp3();
        sameScript("""
                GEORADIUS world 15 37 200 km WITHDIST WITHCOORD WITHHASH ASC
                GEORADIUSBYMEMBER_RO world Catania 200 km WITHCOORD
                """);
    }

    @Test
    void pointsAtIdenticalPlacesKeepRedisOrder() {
        sameScript("""
                GEOADD same 10 10 c 10 10 a 10 10 b 10.001 10 d 10.001 10 e
                GEOSEARCH same FROMLONLAT 10 10 BYRADIUS 1 km ASC WITHDIST
                GEOSEARCH same FROMLONLAT 10 10 BYRADIUS 1 km DESC WITHDIST
                GEOSEARCH same FROMLONLAT 10 10 BYRADIUS 1 km
                GEOSEARCH same FROMLONLAT 10 10 BYRADIUS 1 km COUNT 5
                GEOSEARCH same FROMLONLAT 10 10 BYRADIUS 1 km COUNT 4 WITHDIST
                GEOSEARCH same FROMLONLAT 10 10 BYRADIUS 1 km COUNT 2 DESC WITHDIST
                """);
    }

    /** COUNT below the number of matches makes Redis sort partially (pqsort), which is not stable. */
    @Test
    void countWithManyTiesFollowsRedisPartialSort() {
        StringBuilder add = new StringBuilder("GEOADD ties");
        for (int i = 0; i < 120; i++) {
            // twelve distinct places, ten members each: many equal distances
            add.append(' ').append(10 + (i % 12) * 0.001).append(" 10 m").append(i);
        }
        same(add.toString().split(" "));
        for (int count : new int[] {1, 2, 5, 7, 8, 9, 13, 40, 41, 77, 119}) {
            same("GEOSEARCH", "ties", "FROMLONLAT", "10.004", "10", "BYRADIUS", "50", "km", "COUNT",
                    Integer.toString(count), "WITHDIST");
            same("GEOSEARCH", "ties", "FROMLONLAT", "10.004", "10", "BYRADIUS", "50", "km", "COUNT",
                    Integer.toString(count), "DESC");
            same("GEORADIUS", "ties", "10", "10", "50", "km", "COUNT", Integer.toString(count), "ASC");
        }
    }

    /** Geo sets and stored results take the sorted-set encodings Redis picks. */
    @Test
    void encodingsFollowTheSortedSetLimits() {
        StringBuilder add = new StringBuilder("GEOADD big");
        for (int i = 0; i < 200; i++) {
            add.append(' ').append(-179 + i * 1.7).append(' ').append(-80 + i * 0.8).append(" m").append(i);
        }
        same(add.toString().split(" "));
        String longName = "x".repeat(70);
        sameScript("""
                OBJECT ENCODING big
                GEOSEARCHSTORE dst big FROMLONLAT 0 0 BYRADIUS 30000 km
                OBJECT ENCODING dst
                GEOSEARCHSTORE dst big FROMLONLAT 0 0 BYRADIUS 30000 km COUNT 128
                OBJECT ENCODING dst
                GEOSEARCHSTORE dst big FROMLONLAT 0 0 BYRADIUS 30000 km COUNT 129 STOREDIST
                OBJECT ENCODING dst
                ZRANGE dst 0 4 WITHSCORES
                GEOADD small 1 1 a
                OBJECT ENCODING small
                """);
        same("GEOADD", "long", "1", "1", longName);
        same("OBJECT", "ENCODING", "long");
        same("GEOADD", "small", "2", "2", longName);
        same("OBJECT", "ENCODING", "small");
        same("GEOSEARCHSTORE", "dst2", "small", "FROMLONLAT", "1", "1", "BYRADIUS", "1000", "km");
        same("OBJECT", "ENCODING", "dst2");
        try {
            sameScript("""
                    CONFIG SET zset-max-listpack-entries 0
                    GEOADD zero 1 1 a
                    OBJECT ENCODING zero
                    GEOSEARCHSTORE dst3 zero FROMLONLAT 1 1 BYRADIUS 1 km
                    OBJECT ENCODING dst3
                    """);
        } finally {
            both("CONFIG", "SET", "zset-max-listpack-entries", "128");
        }
    }

    @Test
    void extremeRadiiAndCentres() {
        sameScript("""
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS inf km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1e300 m ASC
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 1e-300 m
                GEOSEARCH world FROMLONLAT 0 0 BYBOX inf inf km
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 1e6 0 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYBOX 0 1e6 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 180 85.05112878 BYRADIUS 3000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT -180 -85.05112878 BYRADIUS 3000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 180 0 BYBOX 2000 2000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT -180 -16.5 BYRADIUS 1 km WITHDIST
                GEOSEARCH world FROMLONLAT 0 85.05112878 BYRADIUS 10000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 66.1 BYRADIUS 5000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 -80.1 BYRADIUS 5000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 5000 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT 0 0 BYRADIUS 2500 km ASC WITHDIST
                GEOSEARCH world FROMLONLAT +1.5 -0 BYRADIUS 1e4 KM ASC
                GEORADIUS world 0 0 +inf m COUNT 3
                """);
    }

    /** Redis measures along the meridian when both longitudes are equal; stored distances show it. */
    @Test
    void sameLongitudeDistancesAreMeridianArcs() {
        sameScript("""
                GEOADD m 12.5 10 a 12.5 20.123456 b 12.5 -33.3 c 12.5 84.9 d 12.5 -84.9 e 12.5 10.000001 f
                GEOSEARCHSTORE d m FROMMEMBER a BYRADIUS 20000 km STOREDIST
                ZRANGE d 0 -1 WITHSCORES
                GEOSEARCHSTORE d m FROMMEMBER a BYBOX 1 20000 km STOREDIST
                ZRANGE d 0 -1 WITHSCORES
                GEOSEARCHSTORE d m FROMLONLAT 12.5 0 BYBOX 1 20000 mi STOREDIST
                ZRANGE d 0 -1 WITHSCORES
                GEODIST m d e km
                """);
    }
}
