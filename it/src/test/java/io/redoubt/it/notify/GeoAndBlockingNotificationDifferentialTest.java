package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Geo writes and served blocking pops notify as Redis's ZADD, *STORE and pop commands do. */
class GeoAndBlockingNotificationDifferentialTest extends NotificationDifferentialTest {

    @Test
    void geo() {
        enable("KEA");
        assertThat(sameEvents("""
                GEOADD g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania
                GEOADD g 13.361389 38.115556 Palermo
                GEOADD g XX 13.4 38.1 Palermo
                GEOSEARCHSTORE dst g FROMLONLAT 15 37 BYRADIUS 200 km ASC
                GEORADIUS g 15 37 200 km STORE dst2
                GEOSEARCHSTORE dst g FROMLONLAT 0 0 BYRADIUS 1 km
                GEOSEARCHSTORE dst3 nosuch FROMLONLAT 0 0 BYRADIUS 1 km
                """)).isNotEmpty();
    }

    @Test
    void blockingPopsServedAtOnce() {
        enable("KEA");
        assertThat(sameEvents("""
                RPUSH l a b c
                BLPOP l 1
                BRPOP l 1
                BLMPOP 1 1 l LEFT COUNT 5
                ZADD z 1 a 2 b
                BZPOPMIN z 1
                BZPOPMAX z 1
                ZADD z 1 a 2 b 3 c
                BZMPOP 1 1 z MIN COUNT 2
                RPUSH src x
                BLMOVE src dst LEFT RIGHT 1
                """)).isNotEmpty();
    }
}
