package io.redoubt.dataplane;

import io.redoubt.resp.ReplySink;
import io.redoubt.resp.RespWriter;
import java.net.SocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A client's connection as seen by the commands that outlive their request: replication's SYNC and
 * PSYNC take the connection over and stream to it, WAIT answers it later. They see this, never the
 * Netty channel nor the session behind it.
 */
public interface ClientConnection {
    /** The shard's thread, where this connection's commands, timers and deferred work run. */
    ScheduledExecutorService executor();

    /** Where the current command's reply is written (and, once taken over, the connection's stream). */
    RespWriter writer();

    /** {@code ip:port} of the client. */
    String address();

    /** The client's socket address (behind a router: the client the router serves, not the router). */
    SocketAddress remoteAddress();

    /** Bytes written to the connection but not yet sent. */
    long pendingOutputBytes();

    /** Sends {@code message} out of band (not as the reply to a request) and flushes it. */
    void deliver(Consumer<ReplySink> message);

    /** Closes the connection now; nothing more is run for it or sent to it. */
    void kill();

    /** Holds the client: its reply comes later from {@link #release}, and its next requests wait behind it. */
    void hold();

    /** Answers a held client with {@code reply} and lets its next requests run; false when it was not held. */
    boolean release(Consumer<ReplySink> reply);

    /** Whether the current command may block or hold the client (not inside MULTI/EXEC or a script). */
    boolean mayBlock();
}
