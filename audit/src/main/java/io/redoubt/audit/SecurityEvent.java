package io.redoubt.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One security or management event: when, what, who ({@code actor}: a user name or {@code system}),
 * from where ({@code clientAddress}, null for the node itself), on what ({@code object}: a user, a
 * parameter list, a certificate, a file), how it ended, and a short {@code detail}. Callers never put
 * secrets in any field: an authentication failure carries the user and the reason, never the password.
 */
public record SecurityEvent(Instant time, EventType type, String actor, String clientAddress, String object,
                            Outcome outcome, String detail) {
    /** The actor of events the node causes itself (start, shutdown, a certificate reload by timer). */
    public static final String SYSTEM = "system";

    public SecurityEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        actor = actor == null ? SYSTEM : actor;
    }

    /** The event as one line of JSON (no line break), as the event log stores it and syslog carries it. */
    public String toJson() {
        return new JsonLine().field("time", time.toString()).field("type", type.wireName()).field("actor", actor)
                .field("client", clientAddress).field("object", object).field("outcome", outcome.wireName())
                .field("detail", detail).toString();
    }

    /** Reads a line {@link #toJson} wrote; throws {@link IllegalArgumentException} for anything else. */
    public static SecurityEvent fromJson(String line) {
        Map<String, String> f = FlatJsonReader.parse(line);
        EventType type = EventType.byWireName(f.get("type"));
        if (type == null || f.get("time") == null || f.get("outcome") == null) {
            throw new IllegalArgumentException("not an event: missing or unknown type, time or outcome");
        }
        return new SecurityEvent(Instant.parse(f.get("time")), type, f.get("actor"), f.get("client"),
                f.get("object"), Outcome.byWireName(f.get("outcome")), f.get("detail"));
    }
}
