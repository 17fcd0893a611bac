package io.redoubt.audit;

import java.io.IOException;

/**
 * Where a {@link QueuedSender} delivers: opens a {@link Link} (a connected socket, an open file). A
 * destination is immutable; reconfiguring a sender means giving it another destination.
 */
public interface Destination {
    /** Connects; a failure is reported and retried after a backoff. */
    Link open() throws IOException;

    /** For log lines: {@code tcp 10.0.0.5:6514}, never a secret. */
    String describe();

    /** An open connection to a destination, used by the sender's thread only. */
    interface Link extends AutoCloseable {
        /** Delivers one message, framed as the destination requires. */
        void send(byte[] message) throws IOException;

        /** Closes the connection; may be called from another thread to interrupt a blocked send. */
        @Override
        void close();
    }
}
