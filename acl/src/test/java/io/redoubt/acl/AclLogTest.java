package io.redoubt.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** ACL LOG grouping and length on an injected clock: equal refusals within 60 s add up, newest first. */
class AclLogTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AclLog log = new AclLog(() -> Instant.ofEpochMilli(now.get()));

    @Test
    void equalEntriesWithinAMinuteAreCountedOnce() {
        log.add("command", "toplevel", "set", "u", "c1");
        now.addAndGet(59_000);
        log.add("command", "toplevel", "set", "u", "c2");
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.newest(10).get(0).count()).isEqualTo(2);
        assertThat(log.newest(10).get(0).clientInfo()).isEqualTo("c2");
        now.addAndGet(60_000);
        log.add("command", "toplevel", "set", "u", "c3");
        assertThat(log.size()).isEqualTo(2);
        log.add("key", "toplevel", "k", "u", "c4");
        assertThat(log.newest(1).get(0).reason()).isEqualTo("key");
    }

    @Test
    void keepsAtMostMaxLenEntries() {
        log.maxLen(2);
        for (int i = 0; i < 5; i++) {
            log.add("key", "toplevel", "k" + i, "u", "c");
        }
        assertThat(log.newest(10)).extracting(AclLog.Entry::object).containsExactly("k4", "k3");
        log.maxLen(1);
        assertThat(log.size()).isEqualTo(1);
        log.reset();
        assertThat(log.size()).isZero();
    }

    @Test
    void entriesCarryAGrowingIdAndTheirCreationAndUpdateTimes() {
        log.add("command", "toplevel", "set", "u", "c1");
        long created = now.get();
        now.addAndGet(5_000);
        log.add("command", "toplevel", "set", "u", "c2");
        AclLog.Entry grouped = log.newest(1).get(0);
        assertThat(grouped.entryId()).isZero();
        assertThat(grouped.createdMillis()).isEqualTo(created);
        assertThat(grouped.lastMillis()).isEqualTo(created + 5_000);
        log.add("key", "toplevel", "k", "u", "c3");
        assertThat(log.newest(1).get(0).entryId()).isEqualTo(1);
        log.reset();
        log.add("key", "toplevel", "k", "u", "c4");
        assertThat(log.newest(1).get(0).entryId()).as("ids are not reused after RESET").isEqualTo(2);
    }
}
