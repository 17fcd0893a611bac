package io.redoubt.audit;

import java.nio.charset.StandardCharsets;

/**
 * How messages are delimited on a stream (RFC 6587): octet counting ({@code LEN SP MSG}, the only
 * framing RFC 5425 allows over TLS, and safe for messages that contain line breaks) or a line feed
 * after each message (what older receivers and the audit collector read).
 */
public enum Framing {
    OCTET_COUNTING, NEWLINE;

    byte[] frame(byte[] message) {
        if (this == NEWLINE) {
            byte[] out = new byte[message.length + 1];
            System.arraycopy(message, 0, out, 0, message.length);
            out[message.length] = '\n';
            return out;
        }
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }
}
