package io.redoubt.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The database connection and command audit: records as JSON lines over TCP or TLS to a collector, best
 * effort and never in the way of clients (bounded queue, drops counted, reconnection with backoff).
 * Records carry command names and key names, never values. One connection's records are queued by
 * the thread serving it, and one thread sends them all over one stream, so they arrive in order.
 */
public final class AuditSink implements AutoCloseable {
    private final QueuedSender sender;
    private volatile AuditSettings settings = AuditSettings.OFF;

    public AuditSink(int capacity, Backoff backoff) {
        this.sender = new QueuedSender("audit", capacity, backoff, null);
    }

    /**
     * Applies new settings at once (CONFIG SET): a new collector is connected for what follows. With
     * TLS the CA file is read now, so an unreadable one is refused before anything changes.
     */
    public void settings(AuditSettings next) throws IOException {
        AuditSettings old = settings;
        boolean sameTarget = old.enabled() && next.enabled() && old.host().equals(next.host())
                && old.port() == next.port() && old.tls() == next.tls() && Objects.equals(old.caFile(), next.caFile());
        Destination destination = next.enabled() && !sameTarget ? new TcpDestination(next.host(), next.port(),
                Framing.NEWLINE, next.tls() ? TrustedCertificates.socketFactory(next.caFile()) : null) : null;
        settings = next;
        if (!sameTarget) {
            sender.destination(destination);
        }
    }

    public AuditSettings settings() {
        return settings;
    }

    /** A connection record: {@code connect}, {@code auth}, {@code auth-failed} or {@code close}. */
    public boolean connection(String type, Instant time, long connectionId, String user, String client, int db,
                              String detail) {
        return offer(new JsonLine().field("time", time.toString()).field("type", type).field("conn", connectionId)
                .field("user", user).field("client", client).field("db", db).field("detail", detail).toString());
    }

    /** A command record: the command's full name and the names of the keys it touches. */
    public boolean command(Instant time, long connectionId, String user, String client, int db, String command,
                           List<String> keys) {
        return offer(new JsonLine().field("time", time.toString()).field("type", "command")
                .field("conn", connectionId).field("user", user).field("client", client).field("db", db)
                .field("command", command).field("keys", keys).toString());
    }

    private boolean offer(String line) {
        return sender.offer(line.getBytes(StandardCharsets.US_ASCII));
    }

    /** Delivery counters (sent, dropped, pending), for INFO. */
    public QueuedSender queue() {
        return sender;
    }

    @Override
    public void close() {
        sender.close(1000);
    }
}
