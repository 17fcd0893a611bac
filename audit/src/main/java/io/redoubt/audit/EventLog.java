package io.redoubt.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Security and management events as JSON lines in a file of the log folder, written by a thread of
 * its own (producers only queue), rotated with the node's log file settings, and read back by time
 * range and type for the control plane. A full queue drops events and counts them (INFO).
 */
public final class EventLog implements AutoCloseable {
    private final EventFile file;
    private final QueuedSender sender;

    /**
     * @param capacity events held while the disk is slow; beyond that they are dropped and counted
     */
    public EventLog(Path file, FileRotation rotation, int capacity, InstantSource clock) {
        this.file = new EventFile(file, rotation, clock);
        this.sender = new QueuedSender("event-log", capacity, Backoff.standard(), this.file);
    }

    /** Queues {@code event} for the file; false when it was dropped. */
    public boolean append(SecurityEvent event) {
        return sender.offer(event.toJson().getBytes(StandardCharsets.US_ASCII));
    }

    public Path file() {
        return file.file();
    }

    /**
     * Events with {@code from <= time < to} whose type is in {@code types} (empty: every type), oldest
     * first, at most {@code limit}. To page, ask again from the last time returned. Lines that are not
     * events (a line cut short by a crash) are skipped. Events still queued are not seen yet.
     */
    public List<SecurityEvent> query(Instant from, Instant to, Set<EventType> types, int limit) throws IOException {
        List<SecurityEvent> found = new ArrayList<>();
        if (limit <= 0) {
            return found;
        }
        for (Path rotated : file.rotated()) {
            if (file.rotatedAt(rotated).isBefore(from)) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(rotated))) {
                if (read(in, from, to, types, limit, found)) {
                    return found;
                }
            } catch (NoSuchFileException e) {
                // deleted by a rotation meanwhile: its events are older than what follows
            }
        }
        try (InputStream in = Files.newInputStream(file.file())) {
            read(in, from, to, types, limit, found);
        } catch (NoSuchFileException e) {
            // nothing written yet, or rotated a moment ago
        }
        return found;
    }

    /** Adds the matching events of one file; true once {@code limit} is reached or past {@code to}. */
    private static boolean read(InputStream in, Instant from, Instant to, Set<EventType> types, int limit,
                                List<SecurityEvent> found) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            SecurityEvent e;
            try {
                e = SecurityEvent.fromJson(line);
            } catch (RuntimeException damaged) {
                continue;
            }
            if (!e.time().isBefore(to)) {
                return true;
            }
            if (!e.time().isBefore(from) && (types.isEmpty() || types.contains(e.type()))) {
                found.add(e);
                if (found.size() >= limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Delivery counters (written, dropped, pending), for INFO. */
    public QueuedSender queue() {
        return sender;
    }

    @Override
    public void close() {
        sender.close(2000);
    }
}
