package io.redoubt.cluster.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The cluster configuration store: the single source of truth for what the control plane manages,
 * replicated among the cluster's peers (one peer on a single node). Every change goes through
 * {@link #propose}, is ordered by the replicated log, and is applied by every peer to its local copy.
 */
public interface ConfigStore extends AutoCloseable {
    /**
     * This peer's latest applied state. It may trail the leader by the entries not yet applied here; to act
     * on a decision, propose with {@link Transaction#atRevision} and let the store detect staleness.
     */
    ClusterState current();

    /**
     * Orders the transaction in the replicated log. The future completes only after the entry is committed
     * (on a quorum of peers) and applied by this peer, so {@link #current()} shows it by then: with
     * {@link Commit.Applied}, or {@link Commit.Rejected} when an invariant or the expected revision refused
     * it. It completes exceptionally with {@link StoreUnavailableException} when the store cannot decide.
     */
    CompletableFuture<Commit> propose(Transaction transaction);

    /**
     * Calls {@code listener} with the current state, then with every state this peer applies, in order, one
     * call at a time, on a thread of the store's (never the replication thread, so a slow listener delays
     * only later calls to itself). States whose transactions were refused are not delivered.
     */
    Watch watch(Consumer<ClusterState> listener);

    /** Stops the store on this peer; pending proposals complete with {@link StoreUnavailableException}. */
    @Override
    void close();

    /** A registered listener; closing it stops further calls. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
