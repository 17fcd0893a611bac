package io.redoubt.cluster.api;

import java.util.List;
import java.util.Objects;

/** The outcome of a proposed transaction once the store decided it: applied, or refused as a whole. */
public sealed interface Commit {
    /**
     * The transaction was committed and applied.
     *
     * @param revision the revision of the state it produced
     * @param uids per change, the uid it put or deleted (the allocated one for a put with uid 0); 0 for
     *        changes without a uid (cluster settings, certificates)
     */
    record Applied(long revision, List<Long> uids) implements Commit {
        public Applied {
            uids = List.copyOf(uids);
        }
    }

    /**
     * The transaction was committed to the log but refused by the state machine; the state is unchanged.
     *
     * @param currentRevision the state's revision when it was refused (retry a conflict from a newer snapshot)
     */
    record Rejected(long currentRevision, Rejection rejection) implements Commit {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
