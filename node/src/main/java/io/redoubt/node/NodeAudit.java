package io.redoubt.node;

import io.redoubt.audit.AuditSettings;
import io.redoubt.audit.AuditSink;
import io.redoubt.audit.Backoff;
import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.FileRotation;
import io.redoubt.audit.Outcome;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.audit.Severity;
import io.redoubt.audit.SyslogSender;
import io.redoubt.audit.SyslogSettings;
import io.redoubt.audit.UdpDestination;
import io.redoubt.audit.QueuedSender;
import io.redoubt.dataplane.AuditEvents;
import io.redoubt.dataplane.Session;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's audit trail behind the dataplane's {@link AuditEvents}: each security or management
 * event goes to the event log, to remote syslog and (with {@code syslog-enabled yes}) to the local
 * syslog daemon; connection and command activity goes to the database audit collector as its mode and
 * filters say. Every destination only queues on the caller's thread, so nothing here can slow a
 * client; what a full queue drops is counted in {@code INFO audit}.
 */
final class NodeAudit implements AuditEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAudit.class);

    private final InstantSource clock;
    private final EventLog eventLog;
    private final SyslogSender remote;
    private final SyslogSender local;
    private final AuditSink sink;
    private volatile AuditSettings audit = AuditSettings.OFF;
    /** Whether commands are audited now: the one field the command path reads while the audit is off. */
    private volatile boolean commands;
    /** Client addresses of open connections, for the source filter (lookups allocate nothing). */
    private final Map<Session, InetAddress> addresses = new ConcurrentHashMap<>();

    private NodeAudit(InstantSource clock, EventLog eventLog, SyslogSender remote, SyslogSender local,
                      AuditSink sink) {
        this.clock = clock;
        this.eventLog = eventLog;
        this.remote = remote;
        this.local = local;
        this.sink = sink;
    }

    /** Starts the destinations the parameters ask for. */
    static NodeAudit start(AuditParameters params, FileRotation rotation, InstantSource clock, Backoff backoff)
            throws ConfigException {
        AuditParameters.Outputs out = params.outputs();
        SyslogSender.Identity identity = new SyslogSender.Identity(out.syslogIdent(), out.syslogFacility());
        Path file = params.eventLogFile();
        EventLog log = file == null ? null : new EventLog(file, rotation, out.eventLogQueueSize(), clock);
        SyslogSender remote = new SyslogSender("syslog-remote", out.syslogQueueSize(), backoff, identity);
        SyslogSender local = null;
        if (out.localSyslog()) {
            local = new SyslogSender("syslog-local", out.syslogQueueSize(), backoff, identity);
            local.queue().destination(new UdpDestination("127.0.0.1", out.localSyslogPort()));
        }
        AuditSink sink = new AuditSink(out.auditQueueSize(), backoff);
        NodeAudit audit = new NodeAudit(clock, log, remote, local, sink);
        audit.remoteSyslog(params.syslogSettings());
        audit.databaseAudit(params.auditSettings());
        return audit;
    }

    /** CONFIG SET of a syslog-remote-* parameter (and start). */
    void remoteSyslog(SyslogSettings settings) throws ConfigException {
        try {
            remote.settings(settings);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** CONFIG SET of an audit-* parameter (and start). */
    void databaseAudit(AuditSettings settings) throws ConfigException {
        try {
            sink.settings(settings);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        audit = settings;
        commands = settings.enabled() && settings.mode() == AuditSettings.Mode.COMMANDS;
    }

    EventLog eventLog() {
        return eventLog;
    }

    // ---- node events ------------------------------------------------------------------------------

    void serverStarted(String detail) {
        event(EventType.SERVER_START, SecurityEvent.SYSTEM, null, null, Outcome.SUCCESS, detail);
    }

    void serverStopping(String detail) {
        event(EventType.SERVER_SHUTDOWN, SecurityEvent.SYSTEM, null, null, Outcome.SUCCESS, detail);
    }

    void databaseStopped(String reason) {
        event(EventType.DATABASE_STOPPED, SecurityEvent.SYSTEM, null, null, Outcome.FAILURE, reason);
    }

    /** A log line for syslog (the node's own Log4j appender calls this). */
    void logLine(Severity severity, Instant time, String logger, String text) {
        remote.log(severity, time, logger, text);
        if (local != null) {
            local.log(severity, time, logger, text);
        }
    }

    // ---- AuditEvents ------------------------------------------------------------------------------

    @Override
    public void commandExecuted(Session session, CommandSpec spec, byte[][] argv) {
        if (!commands) {
            return;
        }
        AuditSettings a = audit;
        if (!recorded(a, session)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        spec.keys(argv, i -> keys.add(new String(argv[i], StandardCharsets.UTF_8)));
        sink.command(clock.instant(), session.id(), session.user(), session.address(), session.dbIndex(),
                spec.fullName(), keys);
    }

    @Override
    public void connectionOpened(Session session) {
        if (session.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            addresses.put(session, inet.getAddress());
        }
        event(EventType.CONNECTION_OPEN, session.user(), session.address(), "client id=" + session.id(),
                Outcome.SUCCESS, null);
        connectionRecord("connect", session, null);
    }

    @Override
    public void connectionClosed(Session session) {
        event(EventType.CONNECTION_CLOSE, session.user(), session.address(), "client id=" + session.id(),
                Outcome.SUCCESS, null);
        connectionRecord("close", session, null);
        addresses.remove(session);
    }

    @Override
    public void authSucceeded(Session session, String user) {
        event(EventType.AUTH_SUCCESS, user, session.address(), "user " + user, Outcome.SUCCESS, null);
        connectionRecord("auth", session, null);
    }

    @Override
    public void authFailed(Session session, String user, String reason) {
        event(EventType.AUTH_FAILURE, user, session.address(), "user " + user, Outcome.FAILURE, reason);
        connectionRecord("auth-failed", session, reason);
    }

    @Override
    public void throttled(String clientAddress, String user, String detail) {
        event(EventType.THROTTLED, user, clientAddress, user == null ? null : "user " + user, Outcome.FAILURE,
                detail);
    }

    @Override
    public void aclChanged(Session session, String object, String detail) {
        event(EventType.ACL_CHANGE, session == null ? SecurityEvent.SYSTEM : session.user(),
                session == null ? null : session.address(), object, Outcome.SUCCESS, detail);
    }

    @Override
    public void configChanged(Session session, List<String> parameters, String detail) {
        event(EventType.CONFIG_CHANGE, session == null ? SecurityEvent.SYSTEM : session.user(),
                session == null ? null : session.address(), String.join(" ", parameters), Outcome.SUCCESS, detail);
    }

    @Override
    public void possibleAttack(String clientAddress, String detail) {
        event(EventType.POSSIBLE_ATTACK, null, clientAddress, null, Outcome.FAILURE, detail);
    }

    @Override
    public void tlsHandshakeFailed(String clientAddress, String reason) {
        event(EventType.TLS_HANDSHAKE_FAILURE, null, clientAddress, null, Outcome.FAILURE, reason);
    }

    @Override
    public void certificateReloaded(String object, boolean success, String detail) {
        event(EventType.CERTIFICATE_RELOAD, SecurityEvent.SYSTEM, null, object,
                success ? Outcome.SUCCESS : Outcome.FAILURE, detail);
    }

    @Override
    public void persistenceFailed(String object, String detail) {
        event(EventType.PERSISTENCE_ERROR, SecurityEvent.SYSTEM, null, object, Outcome.FAILURE, detail);
    }

    @Override
    public void replication(ReplicationEvent event, String peer, String detail) {
        EventType type = switch (event) {
            case LINK_UP -> EventType.REPLICATION_LINK_UP;
            case LINK_DOWN -> EventType.REPLICATION_LINK_DOWN;
            case FULL_SYNC_STARTED -> EventType.REPLICATION_FULL_SYNC_STARTED;
            case FULL_SYNC_DONE -> EventType.REPLICATION_FULL_SYNC_DONE;
        };
        event(type, SecurityEvent.SYSTEM, null, peer, event == ReplicationEvent.LINK_DOWN ? Outcome.FAILURE
                : Outcome.SUCCESS, detail);
    }

    // ---- delivery ---------------------------------------------------------------------------------

    private void event(EventType type, String actor, String client, String object, Outcome outcome, String detail) {
        SecurityEvent e = new SecurityEvent(clock.instant(), type, actor, client, object, outcome, detail);
        if (eventLog != null) {
            eventLog.append(e);
        }
        remote.send(e);
        if (local != null) {
            local.send(e);
        }
    }

    private void connectionRecord(String type, Session session, String detail) {
        AuditSettings a = audit;
        if (!a.enabled() || !recorded(a, session)) {
            return;
        }
        sink.connection(type, clock.instant(), session.id(), session.user(), session.address(), session.dbIndex(),
                detail);
    }

    private boolean recorded(AuditSettings a, Session session) {
        if (!a.recordsUser(session.user())) {
            return false;
        }
        if (a.sources().isEmpty()) {
            return true;
        }
        InetAddress address = addresses.get(session);
        return address != null && a.sources().matches(address);
    }

    /** The {@code INFO audit} section. */
    Map<String, String> info() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("event_log_enabled", eventLog == null ? "0" : "1");
        if (eventLog != null) {
            counters(f, "event_log", eventLog.queue());
        }
        f.put("syslog_remote_enabled", remote.enabled() ? "1" : "0");
        f.put("syslog_remote_destination", remote.enabled() ? remote.queue().destination().describe() : "");
        counters(f, "syslog_remote", remote.queue());
        f.put("syslog_local_enabled", local == null ? "0" : "1");
        if (local != null) {
            counters(f, "syslog_local", local.queue());
        }
        AuditSettings a = audit;
        f.put("audit_mode", a.mode().name().toLowerCase(java.util.Locale.ROOT));
        f.put("audit_collector", a.enabled() ? (a.tls() ? "tls " : "") + a.host() + ":" + a.port() : "");
        counters(f, "audit", sink.queue());
        return f;
    }

    private static void counters(Map<String, String> f, String prefix, QueuedSender q) {
        f.put(prefix + "_connected", q.connected() ? "1" : "0");
        f.put(prefix + "_sent", Long.toString(q.sent()));
        f.put(prefix + "_dropped", Long.toString(q.dropped()));
        f.put(prefix + "_pending", Long.toString(q.pending()));
        f.put(prefix + "_failures", Long.toString(q.failures()));
    }

    @Override
    public void close() {
        sink.close();
        if (eventLog != null) {
            eventLog.close();
        }
        remote.close();
        if (local != null) {
            local.close();
        }
        LOG.debug("Audit destinations closed");
    }
}
