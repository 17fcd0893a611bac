package io.redoubt.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;

/**
 * Sends events and log lines as RFC 5424 messages through a {@link QueuedSender}, so callers never
 * wait for the network. Identity ({@code syslog-ident} as APP-NAME, {@code syslog-facility}) and the
 * destination can both be changed while running.
 */
public final class SyslogSender implements AutoCloseable {
    /** MSGID of log lines (events use their type's name). */
    public static final String LOG_MSGID = "log";

    private final QueuedSender sender;
    private final String hostname;
    private final long pid = ProcessHandle.current().pid();
    private volatile Identity identity;

    /** APP-NAME and facility of every message. */
    public record Identity(String appName, Facility facility) {
    }

    public SyslogSender(String name, int capacity, Backoff backoff, Identity identity) {
        this.sender = new QueuedSender(name, capacity, backoff, null);
        this.identity = identity;
        this.hostname = localHostName();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }

    public void identity(Identity next) {
        this.identity = next;
    }

    /** Sends to {@code settings} from now on; off settings stop sending. */
    public void settings(SyslogSettings settings) throws IOException {
        sender.destination(destination(settings));
    }

    /** The destination for {@code s}, or null when off; reads the CA file of TLS settings. */
    public static Destination destination(SyslogSettings s) throws IOException {
        if (!s.enabled()) {
            return null;
        }
        return switch (s.transport()) {
            case UDP -> new UdpDestination(s.host(), s.port());
            case TCP -> new TcpDestination(s.host(), s.port(), s.framing(), null);
            case TLS -> new TcpDestination(s.host(), s.port(), Framing.OCTET_COUNTING,
                    TrustedCertificates.socketFactory(s.caFile()));
        };
    }

    /** Whether messages go anywhere; callers skip formatting when not. */
    public boolean enabled() {
        return sender.destination() != null;
    }

    public boolean send(SecurityEvent e) {
        if (!enabled()) {
            return false;
        }
        Identity id = identity;
        return sender.offer(Rfc5424.format(id.facility(), e.type().severity(), e.time(), hostname, id.appName(), pid,
                e.type().wireName(), new String[] {"type", e.type().wireName(), "actor", e.actor(),
                    "client", e.clientAddress(), "object", e.object(), "outcome", e.outcome().wireName(),
                    "detail", e.detail()}, e.toJson()));
    }

    /** A log line of logger {@code logger}; the line is the MSG, the logger's name a parameter. */
    public boolean log(Severity severity, Instant time, String logger, String text) {
        if (!enabled()) {
            return false;
        }
        Identity id = identity;
        return sender.offer(Rfc5424.format(id.facility(), severity, time, hostname, id.appName(), pid, LOG_MSGID,
                new String[] {"logger", logger}, text));
    }

    /** Delivery counters and state, for INFO. */
    public QueuedSender queue() {
        return sender;
    }

    @Override
    public void close() {
        sender.close(1000);
    }
}
