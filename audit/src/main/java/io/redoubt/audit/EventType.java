package io.redoubt.audit;

/**
 * The kinds of security and management events, each with its stable name (in the event log, in
 * syslog's MSGID and in the read API) and the syslog severity it is sent with.
 */
public enum EventType {
    AUTH_SUCCESS("auth.success", Severity.NOTICE),
    AUTH_FAILURE("auth.failure", Severity.WARNING),
    THROTTLED("auth.throttled", Severity.WARNING),
    ACL_CHANGE("acl.change", Severity.NOTICE),
    CONFIG_CHANGE("config.change", Severity.NOTICE),
    POSSIBLE_ATTACK("security.possible-attack", Severity.WARNING),
    TLS_HANDSHAKE_FAILURE("tls.handshake-failure", Severity.WARNING),
    CERTIFICATE_RELOAD("tls.certificate-reload", Severity.NOTICE),
    PERSISTENCE_ERROR("persistence.error", Severity.ERROR),
    SERVER_START("server.start", Severity.NOTICE),
    SERVER_SHUTDOWN("server.shutdown", Severity.NOTICE),
    /** A database stopped on its own after an error it cannot go on with (a failed write under appendfsync always). */
    DATABASE_STOPPED("database.stopped", Severity.CRITICAL),
    /** A replication link (this server's to its master, or a replica's to this master) is streaming. */
    REPLICATION_LINK_UP("replication.link-up", Severity.NOTICE),
    /** A replication link was lost; a replica retries on its own. */
    REPLICATION_LINK_DOWN("replication.link-down", Severity.WARNING),
    /** A full synchronisation (an RDB of the whole data set) began, on a master or on its replica. */
    REPLICATION_FULL_SYNC_STARTED("replication.full-sync-started", Severity.NOTICE),
    /** A full synchronisation ended: the replica has the RDB (or, on a master, it was sent). */
    REPLICATION_FULL_SYNC_DONE("replication.full-sync-done", Severity.NOTICE),
    CONNECTION_OPEN("connection.open", Severity.INFO),
    CONNECTION_CLOSE("connection.close", Severity.INFO);

    private final String wireName;
    private final Severity severity;

    EventType(String wireName, Severity severity) {
        this.wireName = wireName;
        this.severity = severity;
    }

    public String wireName() {
        return wireName;
    }

    public Severity severity() {
        return severity;
    }

    /** The type named {@code name} ({@code auth.failure}), or null. */
    public static EventType byWireName(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
