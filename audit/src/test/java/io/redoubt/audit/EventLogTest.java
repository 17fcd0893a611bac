package io.redoubt.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log writes JSON lines, rotates into gzip files, caps their number and reads back by time and type. */
class EventLogTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path tmp;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = () -> now.get();

    private SecurityEvent event(int i) {
        EventType type = i % 3 == 0 ? EventType.AUTH_FAILURE : EventType.CONFIG_CHANGE;
        return new SecurityEvent(T0.plusSeconds(i), type, "user" + i, "127.0.0.1:" + (1000 + i), "obj" + i,
                type == EventType.AUTH_FAILURE ? Outcome.FAILURE : Outcome.SUCCESS, "detail " + i);
    }

    private void write(EventLog log, int from, int to) {
        for (int i = from; i < to; i++) {
            now.set(T0.plusSeconds(i));
            SecurityEvent e = event(i);
            assertThat(log.append(e)).isTrue();
            long expected = i - from + 1;
            // one at a time, so that rotation sees the clock of each event
            await().atMost(Duration.ofSeconds(10)).until(() -> log.queue().sent() >= expected + sentBefore);
        }
    }

    private long sentBefore;

    @Test
    void rotatesIntoGzipFilesAndQueriesAcrossThemByTimeTypeAndLimit() throws Exception {
        Path file = tmp.resolve("log/events.jsonl");
        try (EventLog log = new EventLog(file, new FileRotation(600, FileRotation.Period.NONE, 100), 100, clock)) {
            write(log, 0, 30);
            List<Path> rotated = rotated(file);
            assertThat(rotated).hasSizeGreaterThan(3);
            for (Path p : List.of(file, rotated.get(0))) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                        .as("%s holds user names and addresses: owner only", p.getFileName()).isEqualTo("rw-------");
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(rotated.get(0)))) {
                String first = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(first).startsWith(event(0).toJson() + "\n");
            }
            assertThat(log.query(Instant.MIN, Instant.MAX, Set.of(), 1000))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).mapToObj(this::event).toList());
            assertThat(log.query(T0.plusSeconds(10), T0.plusSeconds(20), Set.of(EventType.AUTH_FAILURE), 1000))
                    .extracting(SecurityEvent::actor).containsExactly("user12", "user15", "user18");
            assertThat(log.query(T0.plusSeconds(5), Instant.MAX, Set.of(), 4))
                    .extracting(SecurityEvent::actor).containsExactly("user5", "user6", "user7", "user8");
        }
    }

    @Test
    void keepsOnlyTheNewestRotatedFiles() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        try (EventLog log = new EventLog(file, new FileRotation(300, FileRotation.Period.NONE, 2), 100, clock)) {
            write(log, 0, 40);
            assertThat(rotated(file)).hasSize(2);
            List<SecurityEvent> left = log.query(Instant.MIN, Instant.MAX, Set.of(), 1000);
            assertThat(left).isNotEmpty().last().isEqualTo(event(39));
            assertThat(left).doesNotContain(event(0));
        }
    }

    @Test
    void startsANewFileWhenTheDayChanges() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        try (EventLog log = new EventLog(file, new FileRotation(0, FileRotation.Period.DAILY, 5), 100, clock)) {
            write(log, 0, 2);
            assertThat(rotated(file)).isEmpty();
            sentBefore = 2;
            now.set(T0.plus(Duration.ofDays(1)));
            SecurityEvent tomorrow = new SecurityEvent(now.get(), EventType.SERVER_START, null, null, null,
                    Outcome.SUCCESS, null);
            log.append(tomorrow);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.queue().sent() == 3);
            assertThat(rotated(file)).hasSize(1);
            assertThat(Files.readString(file)).isEqualTo(tomorrow.toJson() + "\n");
            assertThat(log.query(Instant.MIN, Instant.MAX, Set.of(), 10)).containsExactly(event(0), event(1), tomorrow);
        }
    }

    private static List<Path> rotated(Path file) throws Exception {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
        }
    }
}
