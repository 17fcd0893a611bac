package io.redoubt.replication;

import io.redoubt.dataplane.ClientConnection;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicas attached to a master: each connection that sent SYNC or PSYNC, whether it is online
 * (receiving the stream) or still waiting for its RDB (the stream kept for it meanwhile), the offset
 * it last acknowledged and the address it announced. Shard thread only.
 */
final class AttachedReplicas {
    /** One replica. */
    static final class Attached {
        final ClientConnection session;
        boolean online;
        long ackOffset;
        long ackMillis = System.currentTimeMillis();
        /** Asked with PSYNC (gets +FULLRESYNC), not SYNC. */
        boolean psync;
        /** Announced REPLCONF capa eof: can read a diskless RDB ($EOF:mark). */
        boolean eof;
        /** Waiting for its full sync to start (repl-diskless-sync-delay): gets no stream yet. */
        boolean waitingStart;
        /**
         * Got a diskless RDB ($EOF:mark) and has not acknowledged it yet: the stream waits in
         * {@code pending}, since a replica finds the mark only at the end of what it reads (Redis's
         * repl_start_cmd_stream_on_ack).
         */
        boolean streamOnAck;
        /**
         * Bytes of RDB that may still be unsent: not counted against the output limit, as Redis does
         * not count the RDB; cleared by the replica's first ACK (it acknowledges once it has loaded it).
         */
        long rdbAllowance;
        /** When its unsent stream went over the soft limit (0: it is not over). */
        long overSoftLimitSince;
        /** The stream written while its RDB was made; sent right after the RDB (or its first ACK). */
        ByteArrayOutputStream pending;
        /** Stream bytes not yet sent to an online replica: sent once per turn of the loop, not per write. */
        private final ByteArrayOutputStream outgoing = new ByteArrayOutputStream();
        private boolean sendScheduled;

        Attached(ClientConnection session) {
            this.session = session;
        }
    }

    private final Map<ClientConnection, Attached> replicas = new LinkedHashMap<>();
    /** client-output-buffer-limit's replica class, read at each check (CONFIG SET applies at once). */
    private final java.util.function.Supplier<io.redoubt.dataplane.OutputBufferLimits.Limit> limit;

    AttachedReplicas(java.util.function.Supplier<io.redoubt.dataplane.OutputBufferLimits.Limit> limit) {
        this.limit = limit;
    }
    /** listening-port, ip-address and capa eof a connection announced with REPLCONF before its SYNC. */
    private final Map<ClientConnection, String[]> announced = new HashMap<>();

    boolean contains(ClientConnection session) {
        return replicas.containsKey(session);
    }

    boolean isEmpty() {
        return replicas.isEmpty();
    }

    /** Whether {@code replica} is still the one attached on its connection. */
    boolean current(Attached replica) {
        return replicas.get(replica.session) == replica;
    }

    Attached attach(ClientConnection session, boolean online) {
        Attached a = new Attached(session);
        a.online = online;
        replicas.put(session, a);
        return a;
    }

    void announcePort(ClientConnection session, String port) {
        announced.computeIfAbsent(session, s -> new String[3])[0] = port;
    }

    void announceIp(ClientConnection session, String ip) {
        announced.computeIfAbsent(session, s -> new String[3])[1] = ip;
    }

    /** REPLCONF capa: only eof matters here (psync2 is what every PSYNC gets). */
    void announceCapa(ClientConnection session, String capa) {
        if (capa.equalsIgnoreCase("eof")) {
            announced.computeIfAbsent(session, s -> new String[3])[2] = "eof";
        }
    }

    boolean capableOfEof(ClientConnection session) {
        String[] ann = announced.get(session);
        return ann != null && ann[2] != null;
    }

    /** The replicas whose full sync waits to start. */
    List<Attached> waitingStart() {
        List<Attached> out = new ArrayList<>();
        for (Attached a : replicas.values()) {
            if (a.waitingStart) {
                out.add(a);
            }
        }
        return out;
    }

    /** REPLCONF ACK: true when {@code session} is a replica (its acknowledged offset may have moved). */
    boolean acknowledge(ClientConnection session, long offset) {
        Attached a = replicas.get(session);
        if (a == null) {
            return false;
        }
        a.ackOffset = Math.max(a.ackOffset, offset);
        a.ackMillis = System.currentTimeMillis();
        a.rdbAllowance = 0;
        if (a.streamOnAck) {
            a.streamOnAck = false;
            byte[] pending = a.pending.toByteArray();
            a.pending = null;
            a.session.deliver(r -> r.raw(pending));
        }
        return true;
    }

    /** A connection closed: true when it was a replica. */
    boolean forget(ClientConnection session) {
        announced.remove(session);
        return replicas.remove(session) != null;
    }

    /**
     * Stream bytes for every replica: those online get them at the end of the loop's current turn, with
     * every other write of that turn in one socket write (as Redis writes to replicas before it sleeps);
     * those waiting for their RDB keep them until it is sent.
     */
    void send(byte[] bytes) {
        for (Attached a : new ArrayList<>(replicas.values())) {
            if (a.waitingStart) {
                continue; // its offset starts where its full sync does
            }
            if (!a.online || a.streamOnAck) {
                a.pending.writeBytes(bytes);
                enforceLimit(a, a.pending.size());
                continue;
            }
            a.outgoing.writeBytes(bytes);
            if (!a.sendScheduled) {
                a.sendScheduled = true;
                AckWaiters.loopOf(a.session).execute(() -> sendOutgoing(a));
            }
        }
    }

    private void sendOutgoing(Attached a) {
        a.sendScheduled = false;
        byte[] bytes = a.outgoing.toByteArray();
        a.outgoing.reset();
        if (bytes.length > 0 && current(a)) {
            a.session.deliver(r -> r.raw(bytes));
            enforceLimit(a);
        }
    }

    /**
     * Redis's client-output-buffer-limit for the replica class: a replica that does not read the
     * stream fast enough is disconnected (it will come back and resynchronise), so that it cannot
     * make the master hold its stream without bound.
     */
    void enforceLimit(Attached a) {
        enforceLimit(a, Math.max(0, a.session.pendingOutputBytes() - a.rdbAllowance));
    }

    /** The same, for {@code unsent} bytes of stream (those kept while its RDB is made count too). */
    private void enforceLimit(Attached a, long unsent) {
        io.redoubt.dataplane.OutputBufferLimits.Limit l = limit.get();
        if (l.hard() == 0 && l.soft() == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        if (l.soft() > 0 && unsent >= l.soft()) {
            if (a.overSoftLimitSince == 0) {
                a.overSoftLimitSince = now;
            }
        } else {
            a.overSoftLimitSince = 0;
        }
        if (l.exceeded(unsent, a.overSoftLimitSince, now)) {
            org.slf4j.LoggerFactory.getLogger(AttachedReplicas.class).warn("Client {} closed for overcoming of "
                    + "output buffer limits (replica, {} bytes of stream unsent).", a.session.address(), unsent);
            a.session.kill();
        }
    }

    /** How many online replicas acknowledged {@code offset} or beyond. */
    long acknowledged(long offset) {
        long n = 0;
        for (Attached a : replicas.values()) {
            if (a.online && a.ackOffset >= offset) {
                n++;
            }
        }
        return n;
    }

    /** Closes every replica's connection (this server is about to follow another history). */
    void disconnectAll() {
        for (Attached a : new ArrayList<>(replicas.values())) {
            a.session.kill();
        }
        replicas.clear();
    }

    /**
     * Redis's good replicas (refreshGoodSlavesCount): online, and acknowledged within {@code maxLagSeconds}
     * whole seconds.
     */
    long good(long maxLagSeconds, long nowMillis) {
        long n = 0;
        for (Attached a : replicas.values()) {
            if (a.online && (nowMillis / 1000 - a.ackMillis / 1000) <= maxLagSeconds) {
                n++;
            }
        }
        return n;
    }

    List<Attached> online() {
        List<Attached> out = new ArrayList<>();
        for (Attached a : replicas.values()) {
            if (a.online) {
                out.add(a);
            }
        }
        return out;
    }

    List<Attached> all() {
        return new ArrayList<>(replicas.values());
    }

    /** The address a replica announced, else the one it connects from. */
    String ip(Attached a) {
        String[] ann = announced.get(a.session);
        if (ann != null && ann[1] != null) {
            return ann[1];
        }
        SocketAddress remote = a.session.remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "?";
    }

    /** The port a replica announced (REPLCONF listening-port), or 0. */
    String port(Attached a) {
        String[] ann = announced.get(a.session);
        return ann != null && ann[0] != null ? ann[0] : "0";
    }
}
