package io.redoubt.replication;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a master sends on a replica's link, blocking: reply lines during the handshake, the RDB
 * payload, then the command stream as RESP arrays of bulk strings. Counts every byte it consumes,
 * since the replication offset is a count of stream bytes. Every length is bounded before anything
 * is allocated for it.
 */
final class LinkReader {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_ARGS = 1024 * 1024;
    private static final long MAX_BULK = 512L * 1024 * 1024;

    private final InputStream in;
    private long consumed;

    LinkReader(InputStream in) {
        this.in = in;
    }

    /** Bytes read so far. */
    long consumed() {
        return consumed;
    }

    /** Whether bytes are waiting to be read without blocking. */
    boolean ready() throws IOException {
        return in.available() > 0;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the master closed the connection");
        }
        consumed++;
        return b;
    }

    /** One line without its CRLF (a lone LF ends it too, as Redis reads replies). */
    String line() throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int b = read();
            if (b == '\n') {
                int n = s.length();
                if (n > 0 && s.charAt(n - 1) == '\r') {
                    s.setLength(n - 1);
                }
                return s.toString();
            }
            if (s.length() >= MAX_LINE) {
                throw new IOException("protocol error: a line from the master is longer than " + MAX_LINE + " bytes");
            }
            s.append((char) b);
        }
    }

    void readFully(byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                throw new EOFException("the master closed the connection after " + off + " of " + b.length + " bytes");
            }
            off += n;
            consumed += n;
        }
    }

    /** One command of the stream: an array of bulk strings. */
    byte[][] command() throws IOException {
        String head = line();
        while (head.isEmpty()) {
            head = line(); // a master's keepalive newline
        }
        if (head.charAt(0) != '*') {
            throw new IOException("protocol error: expected an array from the master, got '" + printable(head) + "'");
        }
        long n = number(head);
        if (n < 1 || n > MAX_ARGS) {
            throw new IOException("protocol error: bad argument count " + n + " from the master");
        }
        byte[][] argv = new byte[(int) n][];
        for (int i = 0; i < n; i++) {
            String h = line();
            if (h.isEmpty() || h.charAt(0) != '$') {
                throw new IOException("protocol error: expected a bulk string from the master, got '" + printable(h) + "'");
            }
            long len = number(h);
            if (len < 0 || len > MAX_BULK) {
                throw new IOException("protocol error: bad bulk length " + len + " from the master");
            }
            byte[] arg = new byte[(int) len];
            readFully(arg);
            if (read() != '\r' || read() != '\n') {
                throw new IOException("protocol error: a bulk string from the master does not end in CRLF");
            }
            argv[i] = arg;
        }
        return argv;
    }

    static long number(String head) throws IOException {
        try {
            return Long.parseLong(head.substring(1));
        } catch (NumberFormatException e) {
            throw new IOException("protocol error: bad length '" + printable(head) + "' from the master");
        }
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) : s;
        return new String(t.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII).replaceAll("[^ -~]", "?");
    }
}
