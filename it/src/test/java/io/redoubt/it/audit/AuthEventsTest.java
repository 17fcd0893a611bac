package io.redoubt.it.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.Outcome;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Real AUTH, HELLO AUTH, ACL SETUSER/DELUSER and throttled attempts become security events with the
 * user, the client address and the outcome, and no password reaches the event log.
 */
class AuthEventsTest {
    private static final String PASSWORD = "Xy7-event-secret";
    private static final String WRONG = "Wrong-event-secret";

    @TempDir
    Path tmp;

    @Test
    void authenticationAclChangesAndThrottlingAreSecurityEvents() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        Instant before = Instant.now();
        try (RedoubtServer server = TestDatabases.start("event-log-file", file.toString(),
                "auth-max-failures", "2");
             RespClient admin = RespClient.connect(server.port())) {
            EventLog log = server.eventLog();
            assertThat(admin.callText("ACL", "SETUSER", "alice", "on", ">" + PASSWORD, "~*", "+@all"))
                    .isEqualTo("+OK\r\n");
            try (RespClient c = RespClient.connect(server.port())) {
                assertThat(c.callText("AUTH", "alice", PASSWORD)).isEqualTo("+OK\r\n");
                assertThat(c.callText("HELLO", "2", "AUTH", "alice", WRONG)).startsWith("-WRONGPASS");
                assertThat(c.callText("AUTH", "alice", WRONG)).startsWith("-WRONGPASS");
                assertThat(c.callText("AUTH", "alice", PASSWORD)).startsWith("-ERR Too many failed");
            }
            assertThat(admin.callText("ACL", "DELUSER", "alice")).isEqualTo(":1\r\n");

            Set<EventType> security = Set.of(EventType.AUTH_SUCCESS, EventType.AUTH_FAILURE, EventType.THROTTLED,
                    EventType.ACL_CHANGE);
            await().atMost(Duration.ofSeconds(20)).until(() -> log.query(before, Instant.MAX, security, 20).size() >= 6);
            List<SecurityEvent> events = log.query(before, Instant.MAX, security, 20);
            assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.ACL_CHANGE,
                    EventType.AUTH_SUCCESS, EventType.AUTH_FAILURE, EventType.AUTH_FAILURE, EventType.THROTTLED,
                    EventType.ACL_CHANGE);
            SecurityEvent created = events.get(0);
            assertThat(created.object()).isEqualTo("alice");
            assertThat(created.detail()).isEqualTo("ACL SETUSER on >(redacted) ~* +@all");
            assertThat(created.actor()).isEqualTo("default");
            SecurityEvent success = events.get(1);
            assertThat(success.actor()).isEqualTo("alice");
            assertThat(success.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(success.clientAddress()).startsWith("127.0.0.1:");
            assertThat(events.get(2).outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(events.get(4).detail()).contains("repeated failures");
            assertThat(events.get(5).detail()).isEqualTo("ACL DELUSER");
        }
        String written = Files.readString(file);
        assertThat(written).doesNotContain(PASSWORD).doesNotContain(WRONG);
    }
}
