package io.redoubt.node;

import io.redoubt.audit.Severity;
import java.time.Instant;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Passes the node's log lines to syslog (local and remote) through {@link NodeAudit}, which only
 * queues, so logging never waits for the network. Lines of the audit module itself are not passed on:
 * a sender reporting that it cannot send must not feed its own queue.
 */
final class SyslogLogAppender extends AbstractAppender {
    /** Receives each line. */
    interface Sink {
        void logLine(Severity severity, Instant time, String logger, String text);
    }

    private final Sink sink;

    SyslogLogAppender(Sink sink) {
        super("syslog", null, null, true, Property.EMPTY_ARRAY);
        this.sink = sink;
    }

    @Override
    public void append(LogEvent event) {
        String logger = event.getLoggerName();
        if (logger != null && logger.startsWith("io.redoubt.audit")) {
            return;
        }
        String text = event.getMessage().getFormattedMessage();
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            text = text + ": " + thrown;
        }
        sink.logLine(severity(event.getLevel()), Instant.ofEpochMilli(event.getTimeMillis()), logger, text);
    }

    /** Log4j's levels as syslog severities; Redis's notice (Log4j INFO) stays notice. */
    static Severity severity(Level level) {
        if (level.isMoreSpecificThan(Level.ERROR)) {
            return Severity.ERROR;
        } else if (level.isMoreSpecificThan(Level.WARN)) {
            return Severity.WARNING;
        } else if (level.isMoreSpecificThan(Level.INFO)) {
            return Severity.NOTICE;
        } else if (level.isMoreSpecificThan(Level.DEBUG)) {
            return Severity.INFO;
        }
        return Severity.DEBUG;
    }
}
