package io.redoubt.backup;

import java.util.List;

/**
 * The outcome of a trial restore: passed when {@link #problems()} is empty; each problem names its
 * file and what was wrong, for the backup's status and the {@code backup_verification_failed} event.
 */
public record BackupVerification(String backupId, List<Problem> problems, long keysRestored, long bytesChecked) {
    /** What can be wrong with a backup. */
    public enum Kind {
        MANIFEST_MISSING, MANIFEST_INVALID, FILE_MISSING, DOWNLOAD_FAILED, SIZE_MISMATCH, CHECKSUM_MISMATCH,
        RDB_CORRUPT, KEY_COUNT_MISMATCH
    }

    public record Problem(Kind kind, String file, String detail) {
        @Override
        public String toString() {
            return kind + " " + file + ": " + detail;
        }
    }

    public BackupVerification {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
