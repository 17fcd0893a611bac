package io.redoubt.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw RESP client over a blocking socket. {@link #call} sends a request as a multibulk and returns
 * the complete reply exactly as the server sent it, so two servers' replies can be compared byte for
 * byte, errors and RESP3 types included.
 */
public final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(String host, int port) {
        this(host, port, 10_000);
    }

    public RespClient(String host, int port, int timeoutMillis) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client over a socket that is already connected, e.g. an {@code SSLSocket} for a TLS port (its
     * handshake then happens on the first request). A socket without a read timeout gets 10 s.
     */
    public RespClient(Socket connected) {
        try {
            socket = connected;
            socket.setTcpNoDelay(true);
            if (socket.getSoTimeout() == 0) {
                socket.setSoTimeout(10_000); // every read is bounded: a hang fails the test instead of blocking CI
            }
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RespClient connect(int port) {
        return new RespClient("127.0.0.1", port);
    }

    /** Sends one request and returns its raw reply. */
    public byte[] call(String... args) {
        send(args);
        return readReply();
    }

    /** Like {@link #call} with the reply as a string (replies are compared as text in failures). */
    public String callText(String... args) {
        return new String(call(args), StandardCharsets.UTF_8);
    }

    public byte[] call(byte[]... args) {
        sendRaw(encode(args));
        return readReply();
    }

    public void send(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        sendRaw(encode(bytes));
    }

    public static byte[] encode(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendRaw(String text) {
        sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one complete reply (any RESP2/RESP3 type, nested aggregates included). */
    public byte[] readReply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            readValue(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply.toByteArray();
    }

    public String readReplyText() {
        return new String(readReply(), StandardCharsets.UTF_8);
    }

    /**
     * True when the server closed the connection: a read returns end of stream or the connection is
     * reset. False when the connection is still open: nothing arrives within two seconds (a read
     * timeout is a live connection, not a closed one), or bytes arrive (they stay unread).
     */
    public boolean isClosedByServer() {
        try {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(2000);
            try {
                in.mark(1);
                int next = in.read();
                if (next == -1) {
                    return true;
                }
                in.reset(); // a reply still on its way is not a close: leave it for readReply
                return false;
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(timeout);
                }
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true; // "Connection reset": the server closed with unread input, as a close does
        } catch (javax.net.ssl.SSLException cutShort) {
            return true; // a TLS stream the server ended without close_notify
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readValue(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        if (line.isEmpty()) {
            throw new IOException("empty reply line");
        }
        char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> {
            }
            case '$', '=', '!' -> {
                long len = Long.parseLong(line.substring(1));
                if (len >= 0) {
                    byte[] body = in.readNBytes((int) len + 2);
                    if (body.length != len + 2) {
                        throw new IOException("connection closed inside a bulk reply");
                    }
                    reply.writeBytes(body);
                }
            }
            case '*', '~', '>' -> {
                long n = Long.parseLong(line.substring(1));
                for (long i = 0; i < n; i++) {
                    readValue(reply);
                }
            }
            case '%', '|' -> {
                long n = Long.parseLong(line.substring(1));
                for (long i = 0; i < 2 * n; i++) {
                    readValue(reply);
                }
                if (type == '|') {
                    readValue(reply); // attributes precede the actual reply
                }
            }
            default -> throw new IOException("unexpected reply type '" + type + "' in line: " + line);
        }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("connection closed by server");
            }
            reply.write(c);
            if (prev == '\r' && c == '\n') {
                byte[] b = line.toByteArray();
                return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
            }
            line.write(c);
            prev = c;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
