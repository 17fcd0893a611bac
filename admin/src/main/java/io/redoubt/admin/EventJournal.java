package io.redoubt.admin;

import io.redoubt.admin.api.LogEvent;
import io.redoubt.admin.api.LogQuery;
import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.Outcome;
import io.redoubt.audit.SecurityEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The event log of management actions and API sign-ins, behind {@code GET /v1/logs}: the newest
 * {@code capacity} events in memory, and every event also in the audit module's event log file when
 * the node has one. Events name what changed, never a value (a password change is
 * {@code changed_fields: ["password"]}). Thread-safe.
 */
public final class EventJournal {
    /** RE's default for {@code max_saved_events_per_type} is in the thousands; one ring bounds them all. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final InstantSource clock;
    private final int capacity;
    private final Optional<EventLog> file;
    private final ArrayDeque<Recorded> ring = new ArrayDeque<>();

    /** An event with its instant, so range queries need not parse the text. */
    private record Recorded(Instant at, LogEvent event) {}

    public EventJournal(InstantSource clock, int capacity, Optional<EventLog> file) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
        this.file = file;
    }

    /**
     * Records one event.
     *
     * @param type RE's event name, e.g. {@code user_created}, {@code authentication_err}
     * @param caller who acted; null for an unauthenticated request (bootstrap, a failed sign-in)
     * @param actorName the user name when there is no caller yet (a sign-in), else null
     */
    public void record(String type, boolean success, Caller caller, String actorName, String sourceAddress,
            String object, String bdbUid, List<String> changedFields, String description) {
        Instant now = clock.instant();
        String who = caller != null ? caller.name() : actorName;
        LogEvent event = new LogEvent(now.toString(), type, success ? "INFO" : "WARNING", object, bdbUid,
                caller == null ? null : Math.toIntExact(caller.userUid()), who, sourceAddress,
                success ? "success" : "failure", changedFields == null || changedFields.isEmpty() ? null
                        : List.copyOf(changedFields), description);
        synchronized (ring) {
            ring.addLast(new Recorded(now, event));
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
        }
        file.ifPresent(log -> log.append(new SecurityEvent(now, auditType(type), who, sourceAddress, object,
                success ? Outcome.SUCCESS : Outcome.FAILURE, type + (description == null ? "" : ": " + description)
                        + (changedFields == null || changedFields.isEmpty() ? "" : " " + changedFields))));
    }

    /** The events of {@code query} (validated by the caller): time range, order, offset, limit. */
    public List<LogEvent> query(LogQuery query) {
        return query(query, e -> true);
    }

    /** As {@link #query(LogQuery)}, over the events {@code visible} keeps (paging counts only those). */
    public List<LogEvent> query(LogQuery query, Predicate<LogEvent> visible) {
        Instant from = query.start().orElse(Instant.MIN);
        Instant to = query.end().orElse(Instant.MAX);
        List<LogEvent> selected = new ArrayList<>();
        synchronized (ring) {
            for (Recorded r : ring) {
                if (!r.at().isBefore(from) && !r.at().isAfter(to) && visible.test(r.event())) {
                    selected.add(r.event());
                }
            }
        }
        if (query.descending()) {
            Collections.reverse(selected);
        }
        int offset = Math.min(query.offsetOrZero(), selected.size());
        int limit = query.limitOr(LogQuery.MAX_LIMIT);
        return List.copyOf(selected.subList(offset, Math.min(selected.size(), offset + limit)));
    }

    private static EventType auditType(String type) {
        if (type.startsWith("authentication") || type.equals("user_locked")) {
            return type.equals("authentication_ok") ? EventType.AUTH_SUCCESS
                    : type.equals("user_locked") ? EventType.THROTTLED : EventType.AUTH_FAILURE;
        }
        return type.startsWith("user") || type.startsWith("role") || type.startsWith("redis_acl")
                ? EventType.ACL_CHANGE : EventType.CONFIG_CHANGE;
    }
}
