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
        try (RedoubtServer server = RedoubtServer.startForTest("event-log-file", file.toString())) {
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
}
