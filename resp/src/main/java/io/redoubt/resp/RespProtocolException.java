package io.redoubt.resp;

/**
 * A request that breaks the protocol. The message is the exact text Redis sends after {@code -ERR },
 * for example {@code Protocol error: invalid bulk length}; the connection is closed after replying.
 */
public class RespProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public RespProtocolException(String message) {
        super(message, null, false, false);
    }
}
