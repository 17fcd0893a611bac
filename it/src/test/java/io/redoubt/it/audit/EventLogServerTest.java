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
 * A node writes its start, connections, CONFIG SET changes (sensitive values redacted) and shutdown to
 * the event log file as JSON lines, and the read API returns them by type, time and limit.
 */
class EventLogServerTest {
    @TempDir
    Path tmp;

    @Test
    void startConnectionsConfigChangesAndShutdownAreLoggedAndReadBack() throws Exception {
        Path file = tmp.resolve("log/events.jsonl");
        Instant before = Instant.now();
        EventLog log;
        try (RedoubtServer server = TestDatabases.start("event-log-file", file.toString())) {
            log = server.eventLog();
            try (RespClient c = RespClient.connect(server.port())) {
                assertThat(c.callText("CONFIG", "SET", "maxmemory", "10mb", "requirepass", "S3cret-value"))
                        .isEqualTo("+OK\r\n");
                c.callText("CONFIG", "SET", "requirepass", "");
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    log.query(before, Instant.MAX, Set.of(EventType.CONNECTION_CLOSE), 10).size() == 1);
            List<SecurityEvent> changes = log.query(before, Instant.MAX, Set.of(EventType.CONFIG_CHANGE), 10);
            assertThat(changes).hasSize(2);
            SecurityEvent first = changes.get(0);
            assertThat(first.object()).isEqualTo("maxmemory requirepass");
            assertThat(first.detail()).isEqualTo("maxmemory=\"10485760\" requirepass=(redacted)");
            assertThat(first.actor()).isEqualTo("default");
            assertThat(first.clientAddress()).startsWith("127.0.0.1:");
            assertThat(first.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(log.query(before, Instant.MAX, Set.of(), 1)).extracting(SecurityEvent::type)
                    .containsExactly(EventType.SERVER_START);
            assertThat(log.query(before, first.time(), Set.of(), 100)).extracting(SecurityEvent::type)
                    .containsExactly(EventType.SERVER_START, EventType.CONNECTION_OPEN);
        }
        // closing the node writes its shutdown and drains the queue before the file is closed
        List<SecurityEvent> all = log.query(before, Instant.MAX, Set.of(), 100);
        assertThat(all).extracting(SecurityEvent::type).containsExactly(EventType.SERVER_START,
                EventType.CONNECTION_OPEN, EventType.CONFIG_CHANGE, EventType.CONFIG_CHANGE,
                EventType.CONNECTION_CLOSE, EventType.SERVER_SHUTDOWN);
        assertThat(Files.readString(file)).doesNotContain("S3cret-value");
        for (String line : Files.readAllLines(file)) {
            assertThat(SecurityEvent.fromJson(line).toJson()).isEqualTo(line);
        }
    }

    @Test
    void theEventsOtherFeaturesWillReportBecomeStructuredEvents() throws Exception {
        Path file = tmp.resolve("log/other-events.jsonl");
        Instant before = Instant.now();
        try (RedoubtServer server = TestDatabases.start("event-log-file", file.toString())) {
            var audit = server.context().audit();
            audit.throttled("10.0.0.9:5000", "alice", "10 failures in 1 s");
            audit.aclChanged(null, "alice", "created; password set; +@read");
            audit.tlsHandshakeFailed("10.0.0.8:6000", "certificate unknown");
            audit.certificateReloaded("endpoint", true, "new certificate CN=node1");
            audit.persistenceFailed("dump.rdb", "No space left on device");
            EventLog log = server.eventLog();
            Set<EventType> types = Set.of(EventType.THROTTLED, EventType.ACL_CHANGE, EventType.TLS_HANDSHAKE_FAILURE,
                    EventType.CERTIFICATE_RELOAD, EventType.PERSISTENCE_ERROR);
            await().atMost(Duration.ofSeconds(20)).until(() -> log.query(before, Instant.MAX, types, 10).size() == 5);
            List<SecurityEvent> got = log.query(before, Instant.MAX, types, 10);
            assertThat(got).extracting(SecurityEvent::type, SecurityEvent::actor, SecurityEvent::clientAddress,
                    SecurityEvent::object, SecurityEvent::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(EventType.THROTTLED, "alice", "10.0.0.9:5000", "user alice", Outcome.FAILURE),
                    org.assertj.core.groups.Tuple.tuple(EventType.ACL_CHANGE, "system", null, "alice", Outcome.SUCCESS),
                    org.assertj.core.groups.Tuple.tuple(EventType.TLS_HANDSHAKE_FAILURE, "system", "10.0.0.8:6000", null, Outcome.FAILURE),
                    org.assertj.core.groups.Tuple.tuple(EventType.CERTIFICATE_RELOAD, "system", null, "endpoint", Outcome.SUCCESS),
                    org.assertj.core.groups.Tuple.tuple(EventType.PERSISTENCE_ERROR, "system", null, "dump.rdb", Outcome.FAILURE));
            assertThat(got.get(4).detail()).isEqualTo("No space left on device");
        }
    }
}
