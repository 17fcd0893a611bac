package io.redoubt.admin;

import io.redoubt.admin.api.ErrorCode;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.Rejection;
import io.redoubt.cluster.api.StoreUnavailableException;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.Transition;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Writes decisions into the store. A service decides on a snapshot and proposes at that snapshot's
 * revision; when the state moved on meanwhile the store refuses, and the decision is made again on the
 * newer snapshot (a few times, then {@code busy}). A dry run applies the same transaction to the
 * snapshot without proposing it, so it is refused exactly when the real one would be.
 */
final class StoreWriter {
    private static final int ATTEMPTS = 5;
    /** Longer than the store's own request timeout, which fails the future first. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ConfigStore store;

    StoreWriter(ConfigStore store) {
        this.store = store;
    }

    ClusterState current() {
        return store.current();
    }

    /**
     * Decides with {@code decide} on the current state and commits the transaction it returns, at that
     * state's revision; {@code dryRun} only checks it. {@code decide} throws {@link ApiException} to refuse.
     */
    Commit.Applied commit(Function<ClusterState, Transaction> decide, boolean dryRun) {
        for (int attempt = 0; ; attempt++) {
            ClusterState state = store.current();
            Transaction tx = decide.apply(state);
            Commit commit = dryRun ? Transition.apply(state, tx, state.revision() + 1).commit() : propose(tx);
            if (commit instanceof Commit.Applied applied) {
                return applied;
            }
            Rejection rejection = ((Commit.Rejected) commit).rejection();
            if (rejection.reason() != Rejection.Reason.CONFLICT) {
                throw refusal(rejection);
            }
            if (attempt + 1 >= ATTEMPTS) {
                throw new ApiException(ErrorCode.BUSY, "the configuration keeps changing: try again");
            }
        }
    }

    private Commit propose(Transaction tx) {
        try {
            return store.propose(tx).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.NO_QUORUM, "interrupted while the configuration store decided");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreUnavailableException) {
                throw new ApiException(ErrorCode.NO_QUORUM, "the configuration store cannot commit now: try again");
            }
            throw new IllegalStateException("the configuration store failed", e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.NO_QUORUM, "the configuration store did not answer in time: try again");
        }
    }

    private static ApiException refusal(Rejection r) {
        ErrorCode code = switch (r.reason()) {
            case NAME_EXISTS -> ErrorCode.NAME_ALREADY_EXISTS;
            case PORT_IN_USE -> ErrorCode.PORT_UNAVAILABLE;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.BUSY;
            case MISSING_REFERENCE, STILL_REFERENCED, CLUSTER_EXISTS, NO_CLUSTER -> ErrorCode.INVALID_PARAM;
        };
        return new ApiException(code, r.message());
    }
}
