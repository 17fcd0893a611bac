package io.redoubt.persistence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One MIGRATE connection to a target server, used on the shard's thread. Every wait (connecting,
 * writing, reading a reply line) ends at a deadline the caller gives, so a target that does not answer
 * holds the shard no longer than MIGRATE's timeout; a wait that reaches it throws
 * {@link SocketTimeoutException}, which MIGRATE does not retry (as Redis does not retry ETIMEDOUT).
 */
final class MigrationLink implements AutoCloseable {
    /** Redis reads a reply line into a 1024-byte buffer: longer lines are cut there. */
    private static final int MAX_LINE = 1023;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(4096);
    /** The database the target has selected for this connection, or -1 when unknown (Redis's last_dbid). */
    private long selectedDb = -1;
    private long lastUseSeconds;
    /** Why connecting failed, reported by the first write as Redis reports it. */
    private IOException connectFailure;

    private MigrationLink(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
        in.flip();
    }

    /**
     * Connects to {@code address} before {@code deadlineNanos} ({@link System#nanoTime}). As in Redis, a
     * refused or timed-out connection is not reported here but by the first write, so MIGRATE answers
     * "error or timeout writing"; only a socket that cannot be opened at all fails now.
     */
    static MigrationLink connect(InetSocketAddress address, long deadlineNanos) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Selector selector;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            selector = Selector.open();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        MigrationLink link = new MigrationLink(channel, selector);
        try {
            if (!channel.connect(address)) {
                link.await(SelectionKey.OP_CONNECT, deadlineNanos);
                while (!channel.finishConnect()) {
                    link.await(SelectionKey.OP_CONNECT, deadlineNanos);
                }
            }
        } catch (IOException e) {
            link.connectFailure = e;
        }
        return link;
    }

    /** A link to a port no socket can reach (above 65535): like Redis, its first write fails. */
    static MigrationLink unreachable(String why) throws IOException {
        SocketChannel channel = SocketChannel.open();
        MigrationLink link;
        try {
            link = new MigrationLink(channel, Selector.open());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        link.connectFailure = new IOException(why);
        return link;
    }

    /** Sends all of {@code data} before the deadline. */
    void write(byte[] data, long deadlineNanos) throws IOException {
        if (connectFailure != null) {
            throw connectFailure;
        }
        ByteBuffer out = ByteBuffer.wrap(data);
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadlineNanos);
            }
        }
    }

    /** Reads one reply line (without its CRLF) before the deadline; the connection's end is an error. */
    String readLine(long deadlineNanos) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() < MAX_LINE) {
                    line.append((char) (b & 0xff));
                }
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                throw new IOException("connection closed by the target");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadlineNanos);
            }
        }
    }

    private void await(int operation, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        long millis = left <= 0 ? 0 : Math.max(1, left / 1_000_000);
        if (millis == 0) {
            throw new SocketTimeoutException("MIGRATE timeout");
        }
        SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(millis) == 0 && System.nanoTime() - deadlineNanos >= 0) {
                throw new SocketTimeoutException("MIGRATE timeout");
            }
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    long selectedDb() {
        return selectedDb;
    }

    void selectedDb(long db) {
        this.selectedDb = db;
    }

    long lastUseSeconds() {
        return lastUseSeconds;
    }

    void used(long nowSeconds) {
        this.lastUseSeconds = nowSeconds;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we are done with: nothing to do about a failure
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // as above
        }
    }
}
