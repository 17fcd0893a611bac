package io.redoubt.acl;

/**
 * Why the ACL refused a command, and which argument was refused (for keys and channels), in the
 * order of relevance Redis uses to pick one reason when every selector refused.
 *
 * @param reason   what was denied
 * @param argIndex index in argv of the refused key or channel; 0 for a refused command
 */
public record Denial(Reason reason, int argIndex) {
    /** Redis's ACL_DENIED_* values, in increasing relevance. */
    public enum Reason {
        COMMAND("command"), KEY("key"), AUTH("auth"), CHANNEL("channel");

        private final String logName;

        Reason(String logName) {
            this.logName = logName;
        }

        /** The "reason" field of ACL LOG. */
        public String logName() {
            return logName;
        }
    }

    /** Whether this denial is the one to report rather than {@code other} (Redis's relevance rule). */
    boolean moreRelevantThan(Denial other) {
        return other == null || reason.ordinal() > other.reason.ordinal()
                || (reason == other.reason && argIndex > other.argIndex);
    }
}
