package io.redoubt.backup;

/**
 * Why a destination refused: RE's {@code backup_failure_reason} values where RE has one
 * ({@code no-permission}, {@code wrong-file-path}, {@code general-error}), and the causes an operator can
 * act on that RE folds into {@code general-error}.
 */
public enum FailureReason {
    NO_PERMISSION("no-permission"),
    WRONG_FILE_PATH("wrong-file-path"),
    BAD_CREDENTIALS("bad-credentials"),
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    NO_SPACE("no-space"),
    GENERAL_ERROR("general-error");

    private final String wireName;

    FailureReason(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code backup_failure_reason} in the REST API. */
    public String wireName() {
        return wireName;
    }
}
