package io.redoubt.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.admin.api.LogEvent;
import io.redoubt.admin.api.LogQuery;
import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.FileRotation;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log behind {@code GET /v1/logs}: bounded in memory, queried by time range, order, offset and
 * limit, and written to the audit module's event log file when one is given (read back from the file).
 */
class EventJournalTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final Caller admin = new Caller(1, "admin", List.of(new Role(1, "Admin", ManagementRole.ADMIN, List.of())),
            "10.0.0.7", Caller.Method.BASIC, false);

    @Test
    void queriesByRangeOrderOffsetAndLimitAndKeepsOnlyTheNewest() {
        EventJournal journal = new EventJournal(clock, 3, Optional.empty());
        for (int i = 1; i <= 4; i++) {
            journal.record("user_updated", true, admin, null, "10.0.0.7", "user:" + i, null, List.of("email"), null);
            now.updateAndGet(t -> t.plus(Duration.ofMinutes(1)));
        }
        List<LogEvent> all = journal.query(new LogQuery(null, null, null, null, null));
        assertThat(all).extracting(LogEvent::object).containsExactly("user:2", "user:3", "user:4");
        assertThat(journal.query(new LogQuery(null, null, "desc", "1", "1"))).extracting(LogEvent::object)
                .containsExactly("user:3");
        assertThat(journal.query(new LogQuery("2026-01-01T00:02:00Z", "2026-01-01T00:02:30Z", null, null, null)))
                .extracting(LogEvent::object).containsExactly("user:3");
        LogEvent e = all.get(0);
        assertThat(e.originatorUsername()).isEqualTo("admin");
        assertThat(e.originatorUid()).isEqualTo(1);
        assertThat(e.sourceIp()).isEqualTo("10.0.0.7");
        assertThat(e.outcome()).isEqualTo("success");
        assertThat(e.changedFields()).containsExactly("email");
    }

    @Test
    void eventsAlsoGoToTheAuditEventLogFile(@TempDir Path dir) throws Exception {
        try (EventLog file = new EventLog(dir.resolve("events.log"), FileRotation.NEVER, 100, clock)) {
            EventJournal journal = new EventJournal(clock, 10, Optional.of(file));
            journal.record("authentication_err", false, null, "mallory", "10.0.0.9", "user:mallory", null, null,
                    "wrong password");
            journal.record("user_password_added", true, admin, null, "10.0.0.7", "user:1", null, List.of("password"),
                    null);
            List<SecurityEvent> read = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (read.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                read = file.query(Instant.EPOCH, Instant.MAX, Set.of(), 10);
            }
            assertThat(read).extracting(SecurityEvent::type).containsExactly(EventType.AUTH_FAILURE, EventType.ACL_CHANGE);
            assertThat(read.get(0).actor()).isEqualTo("mallory");
            assertThat(read.get(0).clientAddress()).isEqualTo("10.0.0.9");
            assertThat(read.get(1).detail()).contains("user_password_added").contains("[password]");
        }
    }
}
