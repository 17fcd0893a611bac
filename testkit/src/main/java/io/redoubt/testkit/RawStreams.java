package io.redoubt.testkit;

import java.io.IOException;
import java.io.InputStream;

/** Reading a server's raw byte stream in tests that bypass a client library (slow readers, TLS sockets). */
public final class RawStreams {
    private RawStreams() {
    }

    /** One CRLF-terminated line, without its line end. */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c == -1) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /**
     * Reads until the server closes the connection; returns the number of bytes read. A read timeout
     * is not a close: it fails, so a connection the server forgot to close cannot pass for a closed one.
     */
    public static long drain(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new java.io.UncheckedIOException("the server did not close the connection (read " + total
                    + " bytes, then nothing until the read timeout)", stillOpen);
        } catch (IOException reset) {
            // a reset, or a TLS stream cut short, is also the server closing it
        }
        return total;
    }
}
