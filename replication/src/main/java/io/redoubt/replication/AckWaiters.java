package io.redoubt.replication;

import io.redoubt.dataplane.ClientConnection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Clients held by WAIT until enough replicas acknowledge the offset they wait for, or their timeout
 * passes; each is answered with the number of replicas that acknowledged it. Shard thread only.
 */
final class AckWaiters {
    /** A client held until {@code needed} replicas acknowledge {@code target}. */
    private record Waiter(ClientConnection session, long target, long needed) {
    }

    private final AttachedReplicas replicas;
    private final List<Waiter> waiters = new ArrayList<>();

    AckWaiters(AttachedReplicas replicas) {
        this.replicas = replicas;
    }

    /** Holds {@code session} until {@code needed} replicas acknowledge {@code target} (timeout 0: no limit). */
    void hold(ClientConnection session, long target, long needed, long timeoutMillis) {
        Waiter w = new Waiter(session, target, needed);
        waiters.add(w);
        session.hold();
        if (timeoutMillis > 0) {
            loopOf(session).schedule(() -> {
                if (waiters.remove(w)) {
                    long n = replicas.acknowledged(w.target());
                    session.release(r -> r.integer(n));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A replica acknowledged more: answers every client that now has enough. */
    void wake() {
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter w = it.next();
            long n = replicas.acknowledged(w.target());
            if (n >= w.needed()) {
                it.remove();
                w.session().release(r -> r.integer(n));
            }
        }
    }

    void forget(ClientConnection session) {
        waiters.removeIf(w -> w.session() == session);
    }

    /** This server stops being a master: every held client gets what it has now, as Redis answers them. */
    void releaseAll() {
        for (Waiter w : waiters) {
            long n = replicas.acknowledged(w.target());
            w.session().release(r -> r.integer(n));
        }
        waiters.clear();
    }

    /** The thread a session's commands run on (the shard's), as a plain JDK executor. */
    static ScheduledExecutorService loopOf(ClientConnection session) {
        return session.executor();
    }
}
