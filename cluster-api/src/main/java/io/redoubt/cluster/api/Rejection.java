package io.redoubt.cluster.api;

import java.util.Objects;

/**
 * Why the store refused a transaction. Nothing of it was applied.
 *
 * @param reason the kind of refusal, for the admin services to map to RE's {@code error_code}
 * @param changeIndex the index in the transaction of the change refused, or -1 for the whole transaction
 * @param message one line saying what was wrong
 */
public record Rejection(Reason reason, int changeIndex, String message) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (changeIndex < -1) {
            throw new IllegalArgumentException("change index must be -1 or an index: " + changeIndex);
        }
    }

    /** The invariants the store itself keeps; business rules (last admin, password policy) are the admin's. */
    public enum Reason implements ReNamed {
        /** The state moved on since the expected revision. */
        CONFLICT("conflict"),
        /** Another object of the kind has that name. */
        NAME_EXISTS("name_already_exists"),
        /** Another database listens on that port. */
        PORT_IN_USE("port_in_use"),
        /** The object refers to a role or Redis ACL that does not exist. */
        MISSING_REFERENCE("missing_reference"),
        /** The object to delete is still referred to. */
        STILL_REFERENCED("still_referenced"),
        /** The object to delete does not exist. */
        NOT_FOUND("not_found"),
        /** The cluster was already created. */
        CLUSTER_EXISTS("cluster_already_exists"),
        /** No cluster was created yet. */
        NO_CLUSTER("no_cluster");

        private final String reName;

        Reason(String reName) {
            this.reName = reName;
        }

        @Override
        public String reName() {
            return reName;
        }

        public static Reason of(String name) {
            return ReNamed.parse(Reason.class, name);
        }
    }
}
