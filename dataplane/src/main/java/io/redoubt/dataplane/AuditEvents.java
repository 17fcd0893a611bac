package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandSpec;
import java.util.List;

/**
 * What the endpoint tells the audit trail: connections, authentication, configuration and ACL changes,
 * TLS and persistence trouble, and (for the database audit) each executed command. The dataplane only
 * reports; the node supplies the implementation that writes the event log, syslog and the audit
 * stream, so this module never depends on the audit module. Every method has an empty default, and
 * {@link #NONE} (what {@link ServerContext} holds until the node sets another) does nothing.
 *
 * <p>Implementations are called on the shard thread and must not block: they queue and return. None
 * of the arguments is ever a secret: callers pass user names and reasons, never passwords, and
 * {@link #configChanged} receives the values of parameters that are not sensitive only.
 */
public interface AuditEvents {
    /** Reports nothing. */
    AuditEvents NONE = new AuditEvents() {
    };

    /**
     * After every executed command (the dispatcher's last step). This is the hot path: an
     * implementation must return at once, allocating nothing, while the command audit is off.
     */
    default void commandExecuted(Session session, CommandSpec spec, byte[][] argv) {
    }

    /** A client connected (after the connection limit check). */
    default void connectionOpened(Session session) {
    }

    /** A client's connection closed, for whatever reason. */
    default void connectionClosed(Session session) {
    }

    /** AUTH or HELLO AUTH succeeded as {@code user}. */
    default void authSucceeded(Session session, String user) {
    }

    /** AUTH or HELLO AUTH failed for {@code user}; {@code reason} is a short text such as "wrong password". */
    default void authFailed(Session session, String user, String reason) {
    }

    /** Authentication attempts from {@code clientAddress} are being slowed down or refused. */
    default void throttled(String clientAddress, String user, String detail) {
    }

    /**
     * An ACL change ({@code ACL SETUSER}, {@code DELUSER}, {@code LOAD}, ...) on {@code object} (a user
     * name); {@code session} is null when the node itself made it. {@code detail} must not hold
     * passwords or their hashes: name the rules' kinds instead ("password changed", "on", "+@read").
     */
    default void aclChanged(Session session, String object, String detail) {
    }

    /**
     * CONFIG SET changed {@code parameters}; {@code detail} names each with its new value, or
     * {@code (redacted)} for a sensitive one.
     */
    default void configChanged(Session session, List<String> parameters, String detail) {
    }

    /**
     * Input on a connection looked like an attack rather than a client (an HTTP request on the data
     * port: cross-protocol scripting); the connection was closed. {@code detail} says what was seen.
     */
    default void possibleAttack(String clientAddress, String detail) {
    }

    /** A TLS handshake with {@code clientAddress} failed. */
    default void tlsHandshakeFailed(String clientAddress, String reason) {
    }

    /** Certificates {@code object} (a file or a purpose such as "endpoint") were reloaded, or failed to. */
    default void certificateReloaded(String object, boolean success, String detail) {
    }

    /** Saving or appending failed ({@code object}: the file or the operation, such as "BGSAVE"). */
    default void persistenceFailed(String object, String detail) {
    }

    /**
     * Replication: {@code event} on the link with {@code peer} (host:port of the master or the replica);
     * {@code detail} says which side this server is and what happened.
     */
    default void replication(ReplicationEvent event, String peer, String detail) {
    }

    /** What {@link #replication} reports. */
    enum ReplicationEvent {
        LINK_UP, LINK_DOWN, FULL_SYNC_STARTED, FULL_SYNC_DONE
    }
}
