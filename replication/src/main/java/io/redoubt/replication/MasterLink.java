package io.redoubt.replication;

import io.redoubt.dataplane.AuditEvents;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's link to its master, on a thread of its own: Redis's handshake (PING, AUTH with
 * masteruser/masterauth, REPLCONF listening-port and capa, PSYNC with the cached replication ID and
 * offset), the RDB of a full synchronisation, then the command stream, applied in batches on the
 * shard's thread (a MULTI ... EXEC block always in one batch). Acknowledges its offset every second
 * and when asked (REPLCONF GETACK). A lost link is retried with backoff, asking for a partial
 * resynchronisation from where it stopped.
 */
final class MasterLink {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);
    private static final int MAX_BATCH = 1000;
    private static final long FIRST_RETRY_MS = 100;
    private static final long MAX_RETRY_MS = 2000;

    /** Redis's link states, as ROLE names them. */
    enum State {
        CONNECT("connect"), CONNECTING("connecting"), SYNC("sync"), CONNECTED("connected");

        final String roleName;

        State(String roleName) {
            this.roleName = roleName;
        }
    }

    final String host;
    final int port;
    private final Replication replication;
    private volatile State state = State.CONNECT;
    private volatile boolean stopped;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile long lastIoMillis;
    private volatile long downSinceMillis = System.currentTimeMillis();
    private Thread reader;
    private Thread acker;

    MasterLink(Replication replication, String host, int port) {
        this.replication = replication;
        this.host = host;
        this.port = port;
    }

    void start() {
        reader = new Thread(this::run, "redoubt-replica-of-" + host + ":" + port);
        reader.setDaemon(true);
        reader.start();
        acker = new Thread(this::ackEverySecond, "redoubt-replica-ack");
        acker.setDaemon(true);
        acker.start();
    }

    void stop() {
        stopped = true;
        closeSocket();
        if (reader != null) {
            reader.interrupt();
        }
        if (acker != null) {
            acker.interrupt();
        }
    }

    State state() {
        return state;
    }

    boolean up() {
        return state == State.CONNECTED;
    }

    long lastIoSecondsAgo() {
        return (System.currentTimeMillis() - lastIoMillis) / 1000;
    }

    long downSinceSeconds() {
        return (System.currentTimeMillis() - downSinceMillis) / 1000;
    }

    String address() {
        return host + ":" + port;
    }

    private void run() {
        long retry = FIRST_RETRY_MS / 2;
        while (!stopped) {
            boolean streamed = false;
            try {
                connectAndSync();
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    LOG.warn("Replication link with master {} lost: {}; retrying in {} ms", address(), e.getMessage(),
                            retry);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                closeSocket();
                if (state == State.CONNECTED) {
                    downSinceMillis = System.currentTimeMillis();
                    streamed = true;
                    replication.linkEvent(AuditEvents.ReplicationEvent.LINK_DOWN, address(),
                            stopped ? "link to the master closed" : "link to the master lost");
                }
                state = State.CONNECT;
            }
            if (stopped) {
                break;
            }
            // a link that got as far as the stream retries at once; one that fails before (a refused RDB, a
            // master that is down) waits longer each time
            retry = streamed ? FIRST_RETRY_MS : Math.min(MAX_RETRY_MS, retry * 2);
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken link
            }
        }
    }

    private void connectAndSync() throws IOException, InterruptedException {
        state = State.CONNECTING;
        Socket s = new Socket();
        socket = s;
        if (stopped) {
            s.close();
            return;
        }
        s.connect(new InetSocketAddress(host, port), 5000);
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, replication.timeoutMillis()));
        javax.net.ssl.SSLSocketFactory tls = replication.masterTls();
        if (tls != null) {
            javax.net.ssl.SSLSocket secured = (javax.net.ssl.SSLSocket) tls.createSocket(s, host, port, true);
            socket = secured;
            secured.startHandshake(); // a master whose certificate this replica does not trust fails here
        }
        s = socket;
        out = new BufferedOutputStream(s.getOutputStream(), 1 << 14);
        LinkReader in = new LinkReader(new BufferedInputStream(s.getInputStream(), 1 << 16));
        LOG.info("Connecting to MASTER {}", address());

        send("PING");
        String pong = in.line();
        if (pong.startsWith("-") && !pong.startsWith("-NOAUTH") && !pong.startsWith("-NOPERM")
                && !pong.startsWith("-ERR operation not permitted")) {
            throw new IOException("the master answered PING with " + pong);
        }
        String auth = replication.masterAuth();
        if (!auth.isEmpty()) {
            String user = replication.masterUser();
            if (user.isEmpty()) {
                send("AUTH", auth);
            } else {
                send("AUTH", user, auth);
            }
            String ok = in.line();
            if (!ok.startsWith("+")) {
                throw new IOException("authentication with the master failed: " + ok);
            }
        }
        send("REPLCONF", "listening-port", Integer.toString(replication.listeningPort()));
        in.line(); // an old master may not know it: not an error
        String announceIp = replication.announceIp();
        if (!announceIp.isEmpty()) {
            send("REPLCONF", "ip-address", announceIp);
            in.line();
        }
        send("REPLCONF", "capa", "eof", "capa", "psync2");
        in.line();
        String[] cached = replication.cachedMaster();
        send("PSYNC", cached[0], cached[1]);
        String reply = in.line();
        while (reply.isEmpty()) {
            reply = in.line();
        }
        lastIoMillis = System.currentTimeMillis();
        if (reply.startsWith("+FULLRESYNC")) {
            String[] words = reply.split(" ");
            if (words.length < 3) {
                throw new IOException("bad FULLRESYNC reply from the master: " + reply);
            }
            state = State.SYNC;
            LOG.info("Full resync from master {}: {}", address(), reply.substring(1));
            replication.linkEvent(AuditEvents.ReplicationEvent.FULL_SYNC_STARTED, address(), reply.substring(1));
            byte[] rdb = readPayload(in);
            replication.loadFromMaster(this, rdb, words[1], Long.parseLong(words[2]), address());
            sendAck(); // a master that sent the RDB diskless starts the stream on this first ACK
            replication.linkEvent(AuditEvents.ReplicationEvent.FULL_SYNC_DONE, address(),
                    "RDB of " + rdb.length + " bytes loaded");
        } else if (reply.startsWith("+CONTINUE")) {
            String[] words = reply.split(" ");
            LOG.info("Partial resynchronization with master {} accepted", address());
            replication.continued(this, words.length > 1 ? words[1] : null);
        } else {
            throw new IOException("the master refused PSYNC: " + reply);
        }
        state = State.CONNECTED;
        replication.linkEvent(AuditEvents.ReplicationEvent.LINK_UP, address(), reply.startsWith("+CONTINUE")
                ? "partial resynchronization with the master" : "streaming from the master");
        applyStream(in);
    }

    /** The RDB after +FULLRESYNC: {@code $<length>} then the bytes, or diskless {@code $EOF:<mark>} ... mark. */
    private byte[] readPayload(LinkReader in) throws IOException {
        String head = in.line();
        while (head.isEmpty()) {
            head = in.line(); // keepalive newlines while the master writes the snapshot
            lastIoMillis = System.currentTimeMillis();
        }
        if (!head.startsWith("$")) {
            throw new IOException("bad RDB header from the master: " + head);
        }
        if (head.startsWith("$EOF:")) {
            byte[] mark = head.substring(5).getBytes(StandardCharsets.ISO_8859_1);
            return readUntilMark(in, mark);
        }
        long len = LinkReader.number(head);
        if (len < 0 || len > Integer.MAX_VALUE - 16) {
            throw new IOException("bad RDB length from the master: " + len);
        }
        byte[] rdb = new byte[(int) len];
        in.readFully(rdb);
        lastIoMillis = System.currentTimeMillis();
        return rdb;
    }

    /** Reads up to and without the 40-byte end mark, comparing only the tail (the payload may be large). */
    private static byte[] readUntilMark(LinkReader in, byte[] mark) throws IOException {
        Payload buf = new Payload();
        byte[] one = new byte[1];
        while (true) {
            in.readFully(one);
            buf.write(one[0]);
            if (buf.endsWith(mark)) {
                return Arrays.copyOf(buf.bytes(), buf.size() - mark.length);
            }
        }
    }

    /** A growing buffer whose tail can be compared without copying it. */
    private static final class Payload extends java.io.ByteArrayOutputStream {
        Payload() {
            super(1 << 16);
        }

        boolean endsWith(byte[] mark) {
            return count >= mark.length && Arrays.equals(buf, count - mark.length, count, mark, 0, mark.length);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /**
     * Reads the stream and hands it, batch by batch, to an applier thread, so that reading the socket
     * and running commands on the shard overlap and batches that queued up while the shard was busy
     * run in one turn of the shard's thread (a replica that is behind catches up in big steps). A
     * batch asking for an ACK (GETACK) is acknowledged once applied. When the link ends, everything
     * read is applied before a reconnection asks to continue from this replica's offset.
     */
    private void applyStream(LinkReader in) throws IOException, InterruptedException {
        StreamPipeline pipeline = new StreamPipeline();
        Thread applier = new Thread(pipeline::applyAll, "redoubt-replica-apply-" + host + ":" + port);
        applier.setDaemon(true);
        applier.start();
        try {
            while (!stopped) {
                List<byte[][]> batch = new ArrayList<>();
                long before = in.consumed();
                boolean inMulti = false;
                boolean ackWanted = false;
                do {
                    byte[][] cmd = in.command();
                    batch.add(cmd);
                    if (is(cmd, "MULTI")) {
                        inMulti = true;
                    } else if (is(cmd, "EXEC")) {
                        inMulti = false;
                    } else if (is(cmd, "REPLCONF") && cmd.length >= 2 && is(cmd[1], "GETACK")) {
                        ackWanted = true;
                        break;
                    }
                } while (inMulti || (in.ready() && batch.size() < MAX_BATCH));
                lastIoMillis = System.currentTimeMillis();
                pipeline.put(new Batch(batch, in.consumed() - before, ackWanted));
            }
        } finally {
            try {
                pipeline.put(Batch.END);
                applier.join();
            } catch (InterruptedException e) {
                applier.interrupt(); // stopped: what is still queued is not this replica's to apply any more
                throw e;
            }
        }
        pipeline.rethrow();
    }

    /** Commands read together, their size on the wire, and whether the master asked for an ACK after them. */
    private record Batch(List<byte[][]> commands, long bytes, boolean ack) {
        static final Batch END = new Batch(List.of(), 0, false);
    }

    /** The queue between the reading thread and the applying one, and the applier's failure if any. */
    private final class StreamPipeline {
        private static final int MAX_MERGED = 4 * MAX_BATCH;
        private final java.util.concurrent.BlockingQueue<Batch> queue = new java.util.concurrent.ArrayBlockingQueue<>(64);
        private volatile IOException failure;

        /** Queues a batch; waits while the applier is behind, and gives up when it failed. */
        void put(Batch b) throws IOException, InterruptedException {
            while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    if (b == Batch.END) {
                        return; // the applier has stopped: nothing waits for the end mark
                    }
                    throw failure;
                }
            }
        }

        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        /** The applier thread: applies batches in order, merging those that queued up, until END. */
        void applyAll() {
            try {
                while (true) {
                    Batch first = queue.take();
                    if (first == Batch.END) {
                        return;
                    }
                    List<byte[][]> commands = new ArrayList<>(first.commands());
                    long bytes = first.bytes();
                    boolean ack = first.ack();
                    boolean end = false;
                    while (!ack && commands.size() < MAX_MERGED) {
                        Batch next = queue.poll();
                        if (next == null) {
                            break;
                        }
                        if (next == Batch.END) {
                            end = true;
                            break;
                        }
                        commands.addAll(next.commands());
                        bytes += next.bytes();
                        ack = next.ack();
                    }
                    replication.applyFromMaster(MasterLink.this, commands, bytes);
                    if (ack) {
                        sendAck();
                    }
                    if (end) {
                        return;
                    }
                }
            } catch (IOException e) {
                failure = e;
                closeSocket(); // the reader sees the closed socket and the link reconnects
            } catch (InterruptedException e) {
                failure = new IOException("interrupted", e);
                closeSocket();
            }
        }
    }

    private static boolean is(byte[][] cmd, String name) {
        return is(cmd[0], name);
    }

    private static boolean is(byte[] word, String name) {
        return new String(word, StandardCharsets.ISO_8859_1).equalsIgnoreCase(name);
    }

    private void ackEverySecond() {
        while (!stopped) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (state == State.CONNECTED) {
                try {
                    sendAck();
                } catch (IOException e) {
                    closeSocket(); // the reader sees the closed socket and reconnects
                }
            }
        }
    }

    private void sendAck() throws IOException {
        send("REPLCONF", "ACK", Long.toString(replication.offset()));
    }

    private synchronized void send(String... words) throws IOException {
        OutputStream o = out;
        if (o == null) {
            return;
        }
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        o.write(Replication.encode(argv));
        o.flush();
    }
}
