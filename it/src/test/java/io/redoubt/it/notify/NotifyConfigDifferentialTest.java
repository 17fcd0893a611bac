package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** notify-keyspace-events itself: parsing, canonical form, errors, and that it is off by default. */
class NotifyConfigDifferentialTest extends NotificationDifferentialTest {

    @Test
    void canonicalFormAndErrorsMatchRedis() {
        for (String flags : new String[] {"KEA", "A", "Kg", "Ag", "KEAmnd", "g$lshzxetd", "g$lshzxetdn", "n",
            "Kn", "$nK", "AnK", "d", "md", "KKE", "E", "K", "m", "xe", "tz", "EKmnxd$", ""}) {
            same("CONFIG", "SET", "notify-keyspace-events", flags);
            same("CONFIG", "GET", "notify-keyspace-events");
        }
        same("CONFIG", "SET", "notify-keyspace-events", "KEA");
        for (String bad : new String[] {"xyz", "a", "K E", "KEA!", "k"}) {
            same("CONFIG", "SET", "notify-keyspace-events", bad);
            same("CONFIG", "GET", "notify-keyspace-events");
        }
    }

    @Test
    void offByDefault() {
        same("CONFIG", "GET", "notify-keyspace-events");
        assertThat(sameEvents("""
                SET a 1
                SET b 2 EX 100
                DEL a
                LPUSH l x
                LPOP l
                RENAME b c
                GET missing
                """)).isEmpty();
    }

    @Test
    void classesWithoutKOrEPublishNothing() {
        enable("A");
        assertThat(sameEvents("""
                SET a 1
                DEL a
                """)).isEmpty();
    }

    @Test
    void aWithNKeepsNewKeyEventsThoughCanonicalFormHidesN() {
        enable("KEAn");
        same("CONFIG", "GET", "notify-keyspace-events");
        assertThat(sameEvents("""
                SET a 1
                SET a 2
                """)).containsExactly("__keyspace@0__:a new", "__keyevent@0__:new a",
                "__keyspace@0__:a set", "__keyevent@0__:set a",
                "__keyspace@0__:a set", "__keyevent@0__:set a");
    }
}
