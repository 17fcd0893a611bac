package io.redoubt.cluster.api;

import java.util.List;
import java.util.OptionalLong;

/**
 * Changes applied all or none. With an expected revision the transaction is optimistic: the admin service
 * validated it against the snapshot of that revision, and the store refuses it with
 * {@link Rejection.Reason#CONFLICT} if anything changed since, so no decision is made on stale data.
 *
 * @param changes at least one change, applied in order
 * @param expectedRevision the {@link ClusterState#revision()} the changes were decided on, or empty to apply
 *        to whatever the state is then (for changes that do not depend on it)
 */
public record Transaction(List<Change> changes, OptionalLong expectedRevision) {
    public Transaction {
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one change");
        }
        if (expectedRevision.isPresent() && expectedRevision.getAsLong() < 0) {
            throw new IllegalArgumentException("expected revision must not be negative");
        }
    }

    /** Changes applied to whatever the state is when they commit. */
    public static Transaction of(Change... changes) {
        return new Transaction(List.of(changes), OptionalLong.empty());
    }

    /** Changes decided on the snapshot of {@code revision}, refused if the state moved on. */
    public static Transaction atRevision(long revision, Change... changes) {
        return new Transaction(List.of(changes), OptionalLong.of(revision));
    }
}
