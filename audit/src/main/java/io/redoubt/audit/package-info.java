/**
 * The node's audit trail, kept apart from the data path so that it can never slow it down: structured
 * security and management events ({@link io.redoubt.audit.SecurityEvent}) written as JSON lines to an
 * event log that can be read back by time range and type ({@link io.redoubt.audit.EventLog}); syslog
 * messages in RFC 5424 form sent over UDP, TCP or TLS ({@link io.redoubt.audit.SyslogSender}); and the
 * database connection and command audit stream sent to a TCP collector
 * ({@link io.redoubt.audit.AuditSink}).
 *
 * <p>Every destination sits behind a {@link io.redoubt.audit.QueuedSender}: a bounded queue drained by
 * one thread of its own that reconnects with backoff. Producers never wait: when the queue is full the
 * message is dropped and counted.
 */
package io.redoubt.audit;
