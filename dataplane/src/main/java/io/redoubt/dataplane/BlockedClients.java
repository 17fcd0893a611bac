package io.redoubt.dataplane;

import io.redoubt.engine.command.Client;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.KeyspaceObserver;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.ReplySink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients parked by blocking commands (BLPOP, BZPOPMIN, XREAD BLOCK, ...), per key, first come first
 * served. A change to a key with waiters marks it ready; once the command that changed it (or the
 * whole EXEC) has finished, ready keys are served in the order they became ready, and on each, every
 * waiter whose expected type the key now holds runs its command again, served from that key, until
 * the key is empty. A waiter that finds nothing, or waits for another type (Redis 7.0 keeps it
 * blocked), stays in its place, except an XREADGROUP waiter, which runs again when its stream is
 * deleted or replaced and answers Redis's UNBLOCKED error. A served client's pipelined requests run only after the current
 * event-loop task, never inside another client's command.
 */
final class BlockedClients implements KeyspaceObserver {
    private static final Logger LOG = LoggerFactory.getLogger(BlockedClients.class);

    /** One parked command. */
    static final class Waiter {
        final Session session;
        final byte[][] argv;
        final io.redoubt.engine.command.CommandSpec spec;
        final List<DbKey> keys = new ArrayList<>();
        final ValueType type;
        final Client.TimeoutReply onTimeout;
        final boolean wakesOnKeyLoss; // runs again when its key is deleted or changes type (XREADGROUP)
        ScheduledFuture<?> timeout;

        Waiter(Session session, io.redoubt.engine.command.CommandSpec spec, byte[][] argv, ValueType type,
               Client.TimeoutReply onTimeout, boolean wakesOnKeyLoss) {
            this.wakesOnKeyLoss = wakesOnKeyLoss;
            this.session = session;
            this.spec = spec;
            this.argv = argv;
            this.type = type;
            this.onTimeout = onTimeout;
        }
    }

    private final ServerContext server;
    private final Map<DbKey, ArrayDeque<Waiter>> waiters = new HashMap<>();
    private final Set<DbKey> ready = new LinkedHashSet<>();
    private boolean serving;

    BlockedClients(ServerContext server) {
        this.server = server;
    }

    int blockedCount() {
        int n = 0;
        for (Session s : server.clients().all()) {
            if (s.waiter() != null) {
                n++;
            }
        }
        return n;
    }

    /** Parked clients with a timeout (INFO's clients_in_timeout_table). */
    int withTimeoutCount() {
        int n = 0;
        for (Session s : server.clients().all()) {
            if (s.waiter() != null && s.waiter().timeout != null) {
                n++;
            }
        }
        return n;
    }

    int keysWithWaiters() {
        return waiters.size();
    }

    void park(Session session, byte[][] keys, ValueType type, long timeoutMillis, Client.TimeoutReply onTimeout,
              boolean wakesOnKeyLoss) {
        if (session.waiter() != null) {
            // re-run of an already parked command that still found nothing: it keeps its place
            session.stillBlocked(true);
            return;
        }
        Waiter w = new Waiter(session, session.spec(), session.argv(), type, onTimeout, wakesOnKeyLoss);
        int db = session.dbIndex();
        for (byte[] k : keys) {
            DbKey key = new DbKey(db, k);
            if (!w.keys.contains(key)) {
                w.keys.add(key);
                waiters.computeIfAbsent(key, x -> new ArrayDeque<>()).add(w);
            }
        }
        if (timeoutMillis > 0) {
            w.timeout = session.executor().schedule(() -> timedOut(w), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        session.waiter(w);
        session.stillBlocked(true);
    }

    private void timedOut(Waiter w) {
        if (w.session.waiter() != w) {
            return;
        }
        remove(w);
        w.session.deliver(r -> timeoutReply(w, r));
        w.session.resumeInput();
    }

    private static void timeoutReply(Waiter w, ReplySink r) {
        if (w.onTimeout == Client.TimeoutReply.NULL_BULK) {
            r.nullBulk();
        } else {
            r.nullArray();
        }
    }

    /**
     * For CLIENT UNBLOCK: answers a parked client as its timeout would, or with Redis's UNBLOCKED
     * error; false when the client is not parked by a blocking command.
     */
    boolean unblock(Session session, boolean withError) {
        Waiter w = session.waiter();
        if (w == null) {
            return false;
        }
        remove(w);
        session.deliver(r -> {
            if (withError) {
                r.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
            } else {
                timeoutReply(w, r);
            }
        });
        resumeLater(session);
        return true;
    }

    /** Answers a client parked by {@link Session#hold} with {@code reply}; false when it is not parked. */
    boolean release(Session session, java.util.function.Consumer<ReplySink> reply) {
        Waiter w = session.waiter();
        if (w == null) {
            return false;
        }
        remove(w);
        session.deliver(reply);
        resumeLater(session);
        return true;
    }

    /** Forgets a closing client's waiter. */
    void forget(Session session) {
        Waiter w = session.waiter();
        if (w != null) {
            remove(w);
        }
    }

    private void remove(Waiter w) {
        for (DbKey k : w.keys) {
            ArrayDeque<Waiter> q = waiters.get(k);
            if (q != null) {
                q.remove(w);
                if (q.isEmpty()) {
                    waiters.remove(k);
                }
            }
        }
        if (w.timeout != null) {
            w.timeout.cancel(false);
        }
        w.session.waiter(null);
    }

    @Override
    public void keyModified(Keyspace db, byte[] key) {
        if (!waiters.isEmpty()) {
            DbKey k = new DbKey(db.index(), key);
            if (waiters.containsKey(k)) {
                ready.add(k);
            }
        }
    }

    /** Serves waiters on keys that became ready; called after each top-level command. */
    void serveReadyKeys(Dispatcher dispatcher) {
        if (ready.isEmpty() || serving) {
            return;
        }
        serving = true;
        try {
            while (!ready.isEmpty()) {
                DbKey key = ready.iterator().next();
                ready.remove(key);
                ArrayDeque<Waiter> queue = waiters.get(key);
                if (queue == null) {
                    continue;
                }
                Keyspace db = server.shard().db(key.db());
                for (Waiter w : new ArrayList<>(queue)) {
                    if (w.session.waiter() != w) {
                        continue;
                    }
                    if (w.session.killed() || !w.session.channel().isActive()) {
                        remove(w); // killed or closed: its close event has not run yet
                        continue;
                    }
                    Entry e = db.lookup(key.bytes());
                    if ((e == null || e.type() != w.type) && !w.wakesOnKeyLoss) {
                        // Redis 7.0: a waiter for another type, or on an emptied key, stays blocked;
                        // those behind that wait for this type (BZPOPMIN behind BLPOP on a key now a
                        // zset) are served, and XREADGROUP waiters learn that their stream is gone
                        continue;
                    }
                    w.session.stillBlocked(false);
                    try {
                        dispatcher.rerunBlocked(w.session, w.spec, w.argv, key.bytes());
                    } catch (RuntimeException bug) {
                        // a failure of the served command must not reach the client whose write woke it
                        LOG.warn("Closing blocked client {} after an unexpected error", w.session.address(), bug);
                        remove(w);
                        w.session.kill();
                        continue;
                    }
                    if (!w.session.stillBlocked()) {
                        remove(w);
                        resumeLater(w.session);
                    }
                }
            }
        } finally {
            serving = false;
        }
    }

    /**
     * Runs the requests an answered client pipelined behind its blocking command only after the
     * current command (and the serving of every ready key) is over, as Redis processes unblocked
     * clients before it sleeps: never inside another client's command.
     */
    private static void resumeLater(Session session) {
        session.executor().execute(() -> {
            if (session.waiter() == null) {
                session.resumeInput();
            }
        });
    }
}
