package io.redoubt.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for this peer to apply up to a log index. A commit reply can come from another peer (the
 * leader) before this one applied the entry; the store waits here so that {@code current()} shows a
 * transaction once its proposal completed, on every peer. Few waiters at a time: one lock is enough.
 */
final class AppliedIndexWaiters {
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
    private long applied = -1;
    private RuntimeException closed;

    /** Completes once the applied index reaches {@code index} (at once when it has). */
    CompletableFuture<Void> await(long index) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (closed != null) {
                f.completeExceptionally(closed);
            } else if (index <= applied) {
                f.complete(null);
            } else {
                waiting.computeIfAbsent(index, i -> new ArrayList<>()).add(f);
            }
        }
        return f;
    }

    void advanceTo(long index) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            if (index <= applied) {
                return;
            }
            applied = index;
            Map<Long, List<CompletableFuture<Void>>> reached = waiting.headMap(index, true);
            reached.values().forEach(ready::addAll);
            reached.clear();
        }
        ready.forEach(f -> f.complete(null)); // outside the lock: completion runs callers' continuations
    }

    /** Fails every waiter and every later one: the store is closing. */
    void close(RuntimeException cause) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (this) {
            closed = cause;
            waiting.values().forEach(failed::addAll);
            waiting.clear();
        }
        failed.forEach(f -> f.completeExceptionally(cause));
    }
}
