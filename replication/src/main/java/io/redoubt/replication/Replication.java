package io.redoubt.replication;

import io.redoubt.dataplane.AuditEvents.ReplicationEvent;
import io.redoubt.dataplane.ReplicationPort;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.dataplane.ClientConnection;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.exec.CommandLog;
import io.redoubt.engine.keyspace.FunctionLibraries;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.persistence.CommandReplay;
import io.redoubt.persistence.RdbLoadException;
import io.redoubt.persistence.RdbLoader;
import io.redoubt.persistence.RdbWriter;
import io.redoubt.persistence.ReplicationInfo;
import io.redoubt.persistence.ShardSnapshot;
import io.redoubt.persistence.WriteRecorder;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's replication, in either role. As a master it records every write to the replication
 * stream ({@link WriteRecorder}, the same rules as the AOF), encodes it in RESP with SELECT when the
 * database changes, keeps it in the {@link Backlog} and sends it to its replicas; it answers SYNC and
 * PSYNC with a full synchronisation (an RDB of a snapshot of the shard, then the writes made since)
 * or a partial one from the backlog. As a replica it runs a {@link MasterLink} and applies what its
 * master sends. Everything but the link's own thread runs on the shard's thread.
 *
 * <p>Invariant: {@code offset} is the offset of the last stream byte this server has (Redis's
 * master_repl_offset), and the backlog, when there is one, ends at it.
 */
public final class Replication implements ReplicationPort {
    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
    static final String NO_ID = "0000000000000000000000000000000000000000";

    /** Runs a task on the shard's thread and waits for it (the endpoint's). */
    @FunctionalInterface
    public interface ShardThread {
        <T> T call(Callable<T> task) throws Exception;
    }

    private final ServerContext server;
    private final Shard shard;
    private volatile ReplicationSettings settings = ReplicationSettings.DEFAULT;
    private final ReplicationSettings.MasterTls masterTls;
    private final ShardThread shardThread;
    private final IntSupplier listeningPort;
    private final boolean sharded;
    private final WriteRecorder recorder;

    private volatile String replid = newId();
    private volatile String replid2 = NO_ID;
    private volatile long secondOffset = -1;
    private volatile long offset;
    private Backlog backlog;
    /** The database the stream last selected; -1 makes the next write send SELECT (a new replica). */
    private int streamDb = -1;
    private final AttachedReplicas replicas;
    private final AckWaiters waiters;
    private volatile MasterLink link;
    private StreamApplier applier;
    /** Pings the replicas every repl-ping-replica-period seconds; started with the first replica. */
    private Thread heartbeat;
    private volatile boolean closed;

    /**
     * @param listeningPort this server's port, sent to its master as REPLCONF listening-port
     * @param sharded       the shard is one of a database with several: REPLICAOF is refused for now
     */
    /** @param masterTls the TLS of a link to a master, made from the node's parameters when a link opens */
    public Replication(ServerContext server, ShardThread shardThread, IntSupplier listeningPort, boolean sharded,
                       ReplicationSettings.MasterTls masterTls) {
        this.server = server;
        this.shard = server.shard();
        this.masterTls = masterTls;
        this.shardThread = shardThread;
        this.listeningPort = listeningPort;
        this.sharded = sharded;
        this.replicas = new AttachedReplicas(() -> server.diagnostics().outputLimits().replica());
        this.waiters = new AckWaiters(replicas);
        this.recorder = new WriteRecorder(shard, () -> link == null && backlog != null, this::record);
        shard.addObserver(recorder);
        server.rdb().replicationInfo(this::history);
    }

    /** The node's current values; a change of a parameter replaces them whole. */
    public void settings(ReplicationSettings values) {
        this.settings = values;
    }

    /** Starts the replication the configuration asks for ({@code replicaof host port}), if any. */
    public void startFromConfig() {
        String target = settings.replicaOf().trim();
        if (target.isEmpty()) {
            restoreHistory();
            return;
        }
        restoreFollowedHistory();
        String[] words = target.split("\\s+");
        if (words.length != 2) {
            throw new IllegalArgumentException("replicaof needs a host and a port, got '" + target + "'");
        }
        if (sharded) {
            throw new IllegalArgumentException(shardedRefusal());
        }
        follow(words[0], Integer.parseInt(words[1]));
    }

    /** Stops the link to the master, if any (shutdown). */
    public void close() {
        closed = true;
        if (heartbeat != null) {
            heartbeat.interrupt();
        }
        MasterLink l = link;
        if (l != null) {
            l.stop();
        }
    }

    /**
     * The replication history saved with a snapshot (on the shard thread, as the data is copied), once
     * there is a backlog, as Redis's rdbPopulateSaveInfo gives it: a master's own, or the one a replica
     * follows with the database its master's stream has selected.
     */
    private ReplicationInfo history() {
        if (backlog == null) {
            return null;
        }
        return new ReplicationInfo(replid, offset, link == null ? Math.max(streamDb, 0) : applier().db());
    }

    /**
     * A master restarted from an RDB that carries its history (SHUTDOWN saved it) keeps it as its
     * second ID, with the offset the data is at, as Redis 7.0 does: a replica that asks to continue
     * the old history from that offset gets +CONTINUE instead of a full resynchronisation.
     */
    private void restoreHistory() {
        ReplicationInfo h = server.rdb().loadedReplicationInfo();
        if (h == null) {
            return;
        }
        try {
            shardThread.call(() -> {
                replid2 = h.replid();
                secondOffset = h.offset() + 1;
                offset = h.offset();
                backlog = new Backlog(backlogSize(), offset);
                LOG.info("Replication history restored from the RDB: replid2 {} valid up to offset {}", replid2,
                        secondOffset);
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not restore the replication history: " + e.getMessage(), e);
        }
    }

    /**
     * A replica restarted from an RDB that carries the history it followed offers it to its master
     * (PSYNC with that ID and offset), as Redis's replicationCacheMasterUsingMyself does: the master
     * continues from its backlog when it still holds that offset.
     */
    private void restoreFollowedHistory() {
        ReplicationInfo h = server.rdb().loadedReplicationInfo();
        if (h == null || sharded) {
            return;
        }
        try {
            shardThread.call(() -> {
                replid = h.replid();
                offset = h.offset();
                backlog = new Backlog(backlogSize(), offset);
                applier().select(h.streamDb());
                LOG.info("Replication history restored from the RDB: will ask the master to continue {} from offset {}",
                        replid, offset + 1);
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not restore the replication history: " + e.getMessage(), e);
        }
    }

    private static String newId() {
        byte[] id = new byte[20];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String shardedRefusal() {
        return "ERR REPLICAOF is not supported yet on a database of several shards: use a database of one shard";
    }

    // ---- master: the stream ---------------------------------------------------------------------

    @Override
    public CommandLog stream() {
        return recorder;
    }

    /** The recorder's sink: one recorded command, in database {@code db}. */
    private void record(int db, byte[][] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (db != streamDb) {
            out.writeBytes(encode(new byte[][] {bytes("SELECT"), bytes(Integer.toString(db))}));
            streamDb = db;
        }
        out.writeBytes(encode(argv));
        publish(out.toByteArray());
    }

    /** Appends stream bytes to the backlog and sends them to every replica. */
    private void publish(byte[] bytes) {
        backlog.append(bytes);
        offset = backlog.endOffset();
        replicas.send(bytes);
    }

    static byte[] encode(byte[][] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.writeBytes(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ensureBacklog() {
        if (backlog == null) {
            backlog = new Backlog(backlogSize(), offset);
        }
    }

    private int backlogSize() {
        return (int) Math.min(Integer.MAX_VALUE - 64, settings.backlogBytes());
    }

    // ---- master: SYNC, PSYNC, REPLCONF ----------------------------------------------------------

    @Override
    public void sync(ClientConnection session, byte[][] argv) {
        if (replicas.contains(session)) {
            return; // Redis ignores SYNC from a client that is already a replica
        }
        if (sharded) {
            session.writer().error("ERR replication is not supported yet on a database of several shards");
            return;
        }
        if (link != null && !link.up()) {
            session.writer().error("NOMASTERLINK Can't SYNC while not connected with my master");
            return;
        }
        boolean psync = Args.is(argv[0], "PSYNC");
        ensureBacklog();
        if (psync && continues(session, Args.text(argv[1]), argv[2])) {
            server.stats().syncPartialOk++;
            return;
        }
        if (psync && !Args.text(argv[1]).startsWith("?")) {
            server.stats().syncPartialErr++; // "?" asks for a full resync on purpose: not a failure
        }
        server.stats().syncFull++;
        startHeartbeat();
        AttachedReplicas.Attached replica = replicas.attach(session, false);
        replica.psync = psync;
        replica.eof = replicas.capableOfEof(session);
        long delay = settings.disklessSyncDelaySeconds();
        if (diskless() && replica.eof && delay > 0) {
            // Redis waits for more replicas to arrive, so that one snapshot serves them all
            replica.waitingStart = true;
            LOG.info("Replica {} asks for synchronization: delay next BGSAVE for diskless SYNC", session.address());
            long maxReplicas = settings.disklessSyncMaxReplicas();
            if (maxReplicas > 0 && replicas.waitingStart().size() >= maxReplicas) {
                startFullSync();
            } else if (replicas.waitingStart().size() == 1) {
                AckWaiters.loopOf(session).schedule(this::startFullSync, delay, java.util.concurrent.TimeUnit.SECONDS);
            }
            return;
        }
        replica.waitingStart = true;
        startFullSync();
    }

    private boolean diskless() {
        return settings.disklessSync();
    }

    /**
     * Starts the full synchronisation of every replica waiting for one: +FULLRESYNC with this offset,
     * one snapshot of the shard, written as one RDB on another thread and sent to each (Redis's
     * $EOF:mark form to a replica that announced capa eof while repl-diskless-sync is on, else with
     * its length first); the stream written meanwhile is kept for each and sent after it.
     */
    private void startFullSync() {
        List<AttachedReplicas.Attached> group = replicas.waitingStart();
        if (group.isEmpty()) {
            return; // they all went while the delay ran
        }
        // a master's stream after the snapshot starts with SELECT, as Redis's does; a replica passes its
        // master's stream on as it is, and its RDB says which database that stream has selected
        int selected = 0;
        if (link == null) {
            streamDb = -1;
        } else {
            selected = applier().db();
        }
        ReplicationInfo history = new ReplicationInfo(replid, offset, selected);
        for (AttachedReplicas.Attached a : group) {
            event(ReplicationEvent.FULL_SYNC_STARTED, a.session.address(), "master: full resynchronization of a replica");
            a.waitingStart = false;
            a.pending = new ByteArrayOutputStream();
            if (a.psync) {
                byte[] reply = ("+FULLRESYNC " + replid + " " + offset + "\r\n").getBytes(StandardCharsets.US_ASCII);
                a.session.deliver(r -> r.raw(reply)); // joins the PSYNC's reply, or goes at once after a delay
            }
        }
        ShardSnapshot snapshot = ShardSnapshot.take(shard);
        long used = shard.usedMemory();
        RdbWriter writer = server.rdb().settings().rdbWriter();
        boolean diskless = diskless();
        LOG.info("Starting a full resync of {} replica(s) with a snapshot of {} keys ({})", group.size(),
                snapshot.keyCount(), diskless ? "diskless" : "disk-based");
        ClientConnection first = group.get(0).session;
        Thread t = new Thread(() -> {
            ByteArrayOutputStream rdb = new ByteArrayOutputStream(1 << 16);
            try {
                writer.write(snapshot, rdb, used, false, history);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not write the RDB for a full resync: {}", e.getMessage());
                AckWaiters.loopOf(first).execute(() -> group.forEach(a -> a.session.kill()));
                return;
            }
            byte[] bytes = rdb.toByteArray();
            AckWaiters.loopOf(first).execute(() -> group.forEach(a -> sendSnapshot(a, bytes, diskless && a.eof)));
        }, "redoubt-repl-snapshot");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A master sends PING in the stream every repl-ping-replica-period seconds, so that a replica of an
     * idle master does not take the silence for a dead link (repl-timeout) and reconnect.
     */
    private void startHeartbeat() {
        if (heartbeat != null) {
            return;
        }
        heartbeat = new Thread(() -> {
            long seconds = 0;
            while (!closed) {
                try {
                    Thread.sleep(1000);
                    seconds++;
                    if (seconds % settings.pingReplicaPeriodSeconds() == 0) {
                        shardThread.call(() -> {
                            if (link == null && backlog != null && !replicas.isEmpty()) {
                                publish(encode(new byte[][] {bytes("PING")}));
                            }
                            return null;
                        });
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    return; // the shard's thread is gone: the server is closing
                }
            }
        }, "redoubt-repl-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /** PSYNC's partial resynchronisation: true when it was possible and is done. */
    private boolean continues(ClientConnection session, String id, byte[] fromArg) {
        Long from = Args.parseLongOrNull(fromArg);
        if (from == null || !(id.equals(replid) || (id.equals(replid2) && from <= secondOffset))
                || !backlog.holds(from)) {
            if (!id.equals("?")) {
                LOG.info("Partial resynchronization not accepted for replica {}: {} {} is not in the backlog "
                        + "(replid {}, offsets {}..{})", session.address(), id, fromArg == null ? "" : Args.text(fromArg),
                        replid, backlog.firstOffset(), backlog.endOffset());
            }
            return false;
        }
        replicas.attach(session, true);
        startHeartbeat();
        session.writer().raw(("+CONTINUE " + replid + "\r\n").getBytes(StandardCharsets.US_ASCII));
        session.writer().raw(backlog.since(from));
        event(ReplicationEvent.LINK_UP, session.address(), "master: replica continued from offset " + from
                + " (partial resynchronization)");
        LOG.info("Partial resynchronization request from {} accepted: sending {} bytes of backlog starting from "
                + "offset {}", session.address(), offset + 1 - from, from);
        return true;
    }

    private void sendSnapshot(AttachedReplicas.Attached replica, byte[] rdb, boolean eofMarked) {
        if (!replicas.current(replica)) {
            return; // gone while the snapshot was written
        }
        replica.online = true;
        replica.ackMillis = System.currentTimeMillis();
        replica.rdbAllowance = rdb.length + 64L;
        // diskless: the length is not known before the payload (it streams from the snapshot), so Redis
        // frames it with a random 40-byte mark sent before and after, and the stream follows the
        // replica's first ACK
        byte[] mark = eofMarked ? newId().getBytes(StandardCharsets.US_ASCII) : null;
        byte[] pending;
        if (mark != null) {
            replica.streamOnAck = true;
            pending = new byte[0];
        } else {
            pending = replica.pending.toByteArray();
            replica.pending = null;
        }
        replica.session.deliver(r -> {
            if (mark != null) {
                r.raw(("$EOF:" + new String(mark, StandardCharsets.US_ASCII) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                r.raw(rdb);
                r.raw(mark);
            } else {
                r.raw(("$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                r.raw(rdb);
                r.raw(pending);
            }
        });
        replicas.enforceLimit(replica);
        event(ReplicationEvent.FULL_SYNC_DONE, replica.session.address(), "master: RDB of " + rdb.length
                + " bytes sent to the replica");
        event(ReplicationEvent.LINK_UP, replica.session.address(), "master: replica online");
        LOG.info("Synchronization with replica {} succeeded ({} bytes of RDB{})", replica.session.address(), rdb.length,
                mark != null ? ", diskless" : "");
    }

    @Override
    public void replconf(ClientConnection session, byte[][] argv) {
        if (argv.length % 2 == 0) {
            session.writer().error(Errors.SYNTAX);
            return;
        }
        for (int i = 1; i < argv.length; i += 2) {
            String option = Args.text(argv[i]).toLowerCase(java.util.Locale.ROOT);
            switch (option) {
                case "listening-port" -> replicas.announcePort(session, Args.text(argv[i + 1]));
                case "ip-address" -> replicas.announceIp(session, Args.text(argv[i + 1]));
                case "capa" -> replicas.announceCapa(session, Args.text(argv[i + 1]));
                case "rdb-only", "rdb-filter-only" -> {
                }
                case "ack" -> {
                    Long acked = Args.parseLongOrNull(argv[i + 1]);
                    if (acked != null && replicas.acknowledge(session, acked)) {
                        waiters.wake();
                    }
                    return; // an acknowledgement gets no reply
                }
                case "getack" -> {
                    return; // only a master asks
                }
                default -> {
                    session.writer().error("ERR Unrecognized REPLCONF option: " + Args.text(argv[i]));
                    return;
                }
            }
        }
        session.writer().ok();
    }

    @Override
    public void closed(ClientConnection session) {
        if (replicas.forget(session)) {
            LOG.info("Connection with replica {} lost", session.address());
            event(ReplicationEvent.LINK_DOWN, session.address(), "master: connection with the replica lost");
        }
        waiters.forget(session);
    }

    @Override
    public boolean isReplica(ClientConnection session) {
        return replicas.contains(session);
    }

    // ---- WAIT -----------------------------------------------------------------------------------

    @Override
    public void waitForReplicas(ClientConnection session, long needed, long timeoutMillis) {
        if (link != null) {
            session.writer().error("ERR WAIT cannot be used with replica instances. Please also note that since "
                    + "Redis 4.0 if a replica is configured to be writable (which is not the default) writes to "
                    + "replicas are just local and are not propagated.");
            return;
        }
        long target = offset;
        long acked = replicas.acknowledged(target);
        if (acked >= needed || !session.mayBlock()) {
            session.writer().integer(acked);
            return;
        }
        waiters.hold(session, target, needed, timeoutMillis);
        askForAcks();
    }

    /** REPLCONF GETACK * in the stream, as Redis sends it when a client waits. */
    private void askForAcks() {
        if (backlog != null && !replicas.isEmpty()) {
            publish(encode(new byte[][] {bytes("REPLCONF"), bytes("GETACK"), bytes("*")}));
        }
    }

    // ---- replica: REPLICAOF ---------------------------------------------------------------------

    @Override
    public void replicaOf(ClientConnection session, byte[][] argv) {
        if (sharded) {
            session.writer().error(shardedRefusal());
            return;
        }
        if (Args.is(argv[1], "NO") && Args.is(argv[2], "ONE")) {
            if (link != null) {
                promote();
            }
            session.writer().ok();
            return;
        }
        Long port = Args.parseLongOrNull(argv[2]);
        if (port == null || port < 0 || port > 65535) {
            session.writer().error("ERR Invalid master port");
            return;
        }
        String host = Args.text(argv[1]);
        MasterLink current = link;
        if (current != null && current.host.equalsIgnoreCase(host) && current.port == port) {
            session.writer().simple("OK Already connected to specified master");
            return;
        }
        if (isThisServer(host, port.intValue())) {
            session.writer().error("ERR REPLICAOF would make this server a replica of itself: name another server");
            return;
        }
        follow(host, port.intValue());
        LOG.info("REPLICAOF {}:{} enabled (user request from '{}')", host, port, session.address());
        session.writer().ok();
    }

    private boolean isThisServer(String host, int port) {
        if (port != listeningPort.getAsInt()) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Becomes a replica of {@code host:port}: this server's own history is offered for a partial resync. */
    private void follow(String host, int port) {
        MasterLink old = link;
        if (old != null) {
            old.stop();
        }
        waiters.releaseAll();
        replicas.disconnectAll(); // they resynchronise with the new history
        shard.replica(true);
        MasterLink l = new MasterLink(this, host, port);
        link = l;
        l.start();
    }

    @Override
    public void changeReplicationId() {
        replid = newId();
        replid2 = NO_ID;
    }

    /** REPLICAOF NO ONE: a master again, with a new history whose past is the old master's (replid2). */
    private void promote() {
        MasterLink l = link;
        link = null;
        l.stop();
        shard.replica(false);
        replid2 = replid;
        secondOffset = offset + 1;
        replid = newId();
        ensureBacklog();
        streamDb = -1;
        replicas.disconnectAll(); // they learn the new ID by reconnecting, and continue under replid2
        LOG.info("MASTER MODE enabled: new replication ID {}, the old one {} is valid up to offset {}", replid, replid2,
                secondOffset);
    }

    /** Tells the event log; on the shard thread, where the audit trail is told everything. */
    private void event(ReplicationEvent e, String peer, String detail) {
        server.audit().replication(e, peer, detail);
    }

    /** An event from the link's own thread, handed to the shard's (dropped when the server is closing). */
    void linkEvent(ReplicationEvent e, String master, String detail) {
        try {
            onShard(() -> {
                event(e, master, "replica: " + detail);
                return null;
            });
        } catch (IOException closing) {
            // the shard's thread is gone: nothing to report to
        }
    }

    // ---- replica: called by the link ------------------------------------------------------------

    String masterAuth() {
        return settings.masterAuth();
    }

    String masterUser() {
        return settings.masterUser();
    }

    /** The port a master is told to reach this replica on: replica-announce-port, else the one it listens on. */
    int listeningPort() {
        int announced = settings.announcePort();
        return announced != 0 ? announced : listeningPort.getAsInt();
    }

    /** With tls-replication yes, the TLS to open the link to the master with; null for a plain link. */
    javax.net.ssl.SSLSocketFactory masterTls() throws IOException {
        return masterTls.socketFactory();
    }

    /** replica-announce-ip: the address a master is told (REPLCONF ip-address), or empty. */
    String announceIp() {
        return settings.announceIp();
    }

    long timeoutMillis() {
        return settings.timeoutMillis();
    }

    long offset() {
        return offset;
    }

    /** What PSYNC asks for: the history this server has, or "? -1" when it has none to offer. */
    String[] cachedMaster() throws IOException {
        String[][] out = new String[1][];
        onShard(() -> {
            out[0] = backlog == null && offset == 0 ? new String[] {"?", "-1"}
                    : new String[] {replid, Long.toString(offset + 1)};
            return null;
        });
        return out[0];
    }

    /**
     * The RDB of a full resync: loaded first into a scratch shard, so that a corrupt or truncated
     * one is refused (a log line names the cause) and the data this replica has stays; when it is
     * sound, the shard's data is replaced by it on the shard's thread.
     */
    void loadFromMaster(MasterLink from, byte[] rdb, String masterReplid, long masterOffset, String master)
            throws IOException {
        String name = "the RDB from master " + master;
        Shard scratch = new Shard(0, shard.databaseCount(), shard.clock(), shard.settings());
        scratch.encodingLimits(shard.encodingLimits());
        scratch.functions(new FunctionLibraries() { // the libraries are compiled by the real load below
            @Override
            public java.util.List<byte[]> codes() {
                return java.util.List.of();
            }

            @Override
            public void load(byte[] code) {
            }

            @Override
            public void clear() {
            }
        });
        try {
            new RdbLoader(scratch).load(new ByteArrayInputStream(rdb), name, rdb.length);
        } catch (RdbLoadException e) {
            LOG.error("Refused {}; keeping the data this replica has", e.getMessage());
            throw new IOException("refused " + e.getMessage(), e);
        }
        onShard(() -> {
            if (link != from) {
                return null; // REPLICAOF changed while the RDB came: it is not ours to load any more
            }
            shard.flushAll();
            shard.functions().clear(); // a full sync replaces the libraries too, as Redis's does
            RdbLoader.Result r = new RdbLoader(shard).load(new ByteArrayInputStream(rdb), name, rdb.length);
            server.aof().dataReplaced();
            applier().select(r.replication() == null ? 0 : r.replication().streamDb());
            replicas.disconnectAll(); // replicas of this one had another history: they resynchronise
            replid = masterReplid;
            replid2 = NO_ID;
            secondOffset = -1;
            offset = masterOffset;
            backlog = new Backlog(backlogSize(), masterOffset);
            LOG.info("MASTER <-> REPLICA sync: loaded {} keys from {} ({} bytes)", r.keysLoaded(), master, rdb.length);
            return null;
        });
    }

    /** +CONTINUE: the master kept our history, perhaps under a new ID (it was promoted). */
    void continued(MasterLink from, String newReplid) throws IOException {
        onShard(() -> {
            if (link == from && newReplid != null && !newReplid.equals(replid)) {
                replid2 = replid;
                secondOffset = offset + 1;
                replid = newReplid;
                replicas.disconnectAll(); // they learn the new ID by reconnecting (and continue, under replid2)
            }
            return null;
        });
    }

    /**
     * The one applier of the master's stream, kept across reconnections: a partial resync continues
     * in the database the stream had selected, as Redis's cached master does. Shard thread.
     */
    StreamApplier applier() {
        if (applier == null) {
            applier = new StreamApplier(shard, new CommandReplay(server.commands(), shard, server.aof()));
        }
        return applier;
    }

    /** A batch of the master's stream, {@code bytes} long on the wire, run on the shard's thread. */
    void applyFromMaster(MasterLink from, List<byte[][]> batch, long bytes) throws IOException {
        onShard(() -> {
            if (link != from) {
                return null; // read before REPLICAOF NO ONE (or another master) took effect: dropped, as Redis drops it
            }
            applier().apply(batch);
            server.aof().flush();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (byte[][] cmd : batch) {
                raw.writeBytes(encode(cmd));
            }
            ensureBacklog();
            byte[] stream = raw.toByteArray();
            backlog.append(stream);
            offset += bytes;
            replicas.send(stream); // replicas of this replica get the master's stream as it is (a chain)
            return null;
        });
    }

    private void onShard(Callable<Object> task) throws IOException {
        try {
            shardThread.call(task);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause == null ? e.getMessage() : cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    // ---- what clients see -----------------------------------------------------------------------

    @Override
    public String refusal(ClientConnection session, CommandSpec spec, boolean writes) {
        MasterLink l = link;
        if (l == null) {
            return writes && !enoughGoodReplicas() ? Errors.NOREPLICAS : null;
        }
        if (writes && settings.readOnly()) {
            return Errors.READONLY_REPLICA;
        }
        if (!l.up() && !settings.serveStaleData() && !spec.has(CommandFlag.STALE)) {
            return Errors.MASTERDOWN;
        }
        return null;
    }

    /** Redis's checkGoodReplicasStatus: min-replicas-to-write is off, or enough replicas acknowledged lately. */
    private boolean enoughGoodReplicas() {
        long needed = settings.minReplicasToWrite();
        long maxLag = settings.minReplicasMaxLagSeconds();
        return needed == 0 || maxLag == 0 || replicas.good(maxLag, System.currentTimeMillis()) >= needed;
    }

    @Override
    public void role(ClientConnection session) {
        ReplySink r = session.writer();
        MasterLink l = link;
        if (l != null) {
            r.array(5);
            r.bulk("slave");
            r.bulk(l.host);
            r.integer(l.port);
            r.bulk(l.state().roleName);
            r.integer(l.up() ? offset : -1);
            return;
        }
        r.array(3);
        r.bulk("master");
        r.integer(offset);
        List<AttachedReplicas.Attached> online = replicas.online();
        r.array(online.size());
        for (AttachedReplicas.Attached a : online) {
            r.array(3);
            r.bulk(replicas.ip(a));
            r.bulk(replicas.port(a));
            r.bulk(Long.toString(a.ackOffset));
        }
    }

    @Override
    public Map<String, String> infoFields() {
        Map<String, String> f = new LinkedHashMap<>();
        MasterLink l = link;
        if (l != null) {
            f.put("role", "slave");
            f.put("master_host", l.host);
            f.put("master_port", Integer.toString(l.port));
            f.put("master_link_status", l.up() ? "up" : "down");
            f.put("master_last_io_seconds_ago", l.up() ? Long.toString(l.lastIoSecondsAgo()) : "-1");
            f.put("master_sync_in_progress", l.state() == MasterLink.State.SYNC ? "1" : "0");
            f.put("slave_read_repl_offset", Long.toString(offset));
            f.put("slave_repl_offset", Long.toString(offset));
            if (!l.up()) {
                f.put("master_link_down_since_seconds", Long.toString(l.downSinceSeconds()));
            }
            f.put("slave_priority", Long.toString(settings.priority()));
            f.put("slave_read_only", settings.readOnly() ? "1" : "0");
            f.put("replica_announced", settings.announced() ? "1" : "0");
        } else {
            f.put("role", "master");
        }
        f.put("connected_slaves", Integer.toString(replicas.online().size()));
        long minToWrite = settings.minReplicasToWrite();
        long maxLag = settings.minReplicasMaxLagSeconds();
        if (minToWrite != 0 && maxLag != 0) {
            f.put("min_slaves_good_slaves", Long.toString(replicas.good(maxLag, System.currentTimeMillis())));
        }
        int i = 0;
        long now = System.currentTimeMillis();
        for (AttachedReplicas.Attached a : replicas.all()) {
            f.put("slave" + i++, "ip=" + replicas.ip(a) + ",port=" + replicas.port(a) + ",state="
                    + (a.online ? "online" : "wait_bgsave") + ",offset=" + a.ackOffset + ",lag=" + (now - a.ackMillis) / 1000);
        }
        f.put("master_failover_state", "no-failover");
        f.put("master_replid", replid);
        f.put("master_replid2", replid2);
        f.put("master_repl_offset", Long.toString(offset));
        f.put("second_repl_offset", Long.toString(secondOffset));
        Backlog b = backlog;
        f.put("repl_backlog_active", b == null ? "0" : "1");
        f.put("repl_backlog_size", Long.toString(settings.backlogBytes()));
        f.put("repl_backlog_first_byte_offset", b == null ? "0" : Long.toString(b.firstOffset()));
        f.put("repl_backlog_histlen", b == null ? "0" : Long.toString(b.length()));
        return f;
    }
}
