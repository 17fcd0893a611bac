package io.redoubt.backup;

import io.redoubt.backup.BackupVerification.Kind;
import io.redoubt.backup.BackupVerification.Problem;
import io.redoubt.persistence.RdbLoadException;
import io.redoubt.persistence.ScratchRestore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Verifies a backup by a trial restore: downloads it from its destination, checks each file's size
 * and SHA-256 against the manifest, gunzips and loads each RDB into a scratch shard (never a live
 * database) and compares key counts. Everything happens in one streaming pass per file; every file is
 * checked even after one fails, so the report lists all that is wrong.
 */
public final class BackupVerifier {
    private final int databases;

    /** @param databases the numbered databases a scratch shard has (the database's {@code databases} setting) */
    public BackupVerifier(int databases) {
        this.databases = databases;
    }

    public BackupVerification verify(Destination destination, String backupId) {
        List<Problem> problems = new ArrayList<>();
        String manifestName = BackupNames.manifestFile(backupId);
        BackupManifest manifest;
        try {
            manifest = BackupReader.readManifest(destination, backupId);
        } catch (DestinationException e) {
            Kind kind = e.reason() == FailureReason.WRONG_FILE_PATH ? Kind.MANIFEST_MISSING : Kind.DOWNLOAD_FAILED;
            return new BackupVerification(backupId, List.of(new Problem(kind, manifestName,
                    kind == Kind.MANIFEST_MISSING ? "no manifest: the backup is incomplete" : e.getMessage())), 0, 0);
        } catch (IOException e) {
            return new BackupVerification(backupId, List.of(new Problem(Kind.DOWNLOAD_FAILED, manifestName,
                    e.getClass().getSimpleName())), 0, 0);
        } catch (IllegalArgumentException e) {
            return new BackupVerification(backupId, List.of(new Problem(Kind.MANIFEST_INVALID, manifestName,
                    e.getMessage())), 0, 0);
        }
        if (!manifest.backupId().equals(backupId)) {
            problems.add(new Problem(Kind.MANIFEST_INVALID, manifestName, "the manifest is for backup " + manifest.backupId()));
        }
        long keys = 0;
        long bytes = 0;
        for (BackupManifest.ShardFile f : manifest.shards()) {
            long[] checked = checkShard(destination, f, problems);
            keys += checked[0];
            bytes += checked[1];
        }
        return new BackupVerification(backupId, problems, keys, bytes);
    }

    /** Returns {keys restored, bytes read}. */
    private long[] checkShard(Destination destination, BackupManifest.ShardFile f, List<Problem> problems) {
        InputStream raw;
        try {
            raw = destination.get(f.file());
        } catch (DestinationException e) {
            problems.add(new Problem(e.reason() == FailureReason.WRONG_FILE_PATH ? Kind.FILE_MISSING : Kind.DOWNLOAD_FAILED,
                    f.file(), e.reason() == FailureReason.WRONG_FILE_PATH ? "the file is not at the destination" : e.getMessage()));
            return new long[] {0, 0};
        } catch (IOException e) {
            problems.add(new Problem(Kind.DOWNLOAD_FAILED, f.file(), e.getClass().getSimpleName()));
            return new long[] {0, 0};
        }
        try (CheckedDownload in = new CheckedDownload(raw)) {
            ScratchRestore.Outcome outcome = null;
            String loadError = null;
            try {
                outcome = ScratchRestore.load(new GZIPInputStream(in, 64 * 1024), f.file(), f.rdbSize(), databases);
            } catch (RdbLoadException e) {
                loadError = e.getMessage();
            } catch (IOException e) {
                loadError = f.file() + ": not a valid gzip file (" + e.getMessage() + ")";
            }
            String sha;
            try {
                sha = in.finish();
            } catch (IOException e) {
                problems.add(new Problem(Kind.DOWNLOAD_FAILED, f.file(), "download broke off after " + in.count() + " bytes"));
                return new long[] {0, in.count()};
            }
            // the file-level checks explain a load failure best, so they come first
            if (in.count() != f.size()) {
                problems.add(new Problem(Kind.SIZE_MISMATCH, f.file(), "the file has " + in.count()
                        + " bytes, the manifest says " + f.size() + (in.count() < f.size() ? " (truncated)" : "")));
            } else if (!sha.equals(f.sha256())) {
                problems.add(new Problem(Kind.CHECKSUM_MISMATCH, f.file(), "SHA-256 " + sha
                        + " differs from the manifest's " + f.sha256()));
            } else if (loadError != null) {
                problems.add(new Problem(Kind.RDB_CORRUPT, f.file(), loadError));
            } else if (outcome.keys() + outcome.expiredSkipped() != f.keyCount()) {
                problems.add(new Problem(Kind.KEY_COUNT_MISMATCH, f.file(), "restored " + outcome.keys() + " keys ("
                        + outcome.expiredSkipped() + " expired), the manifest says " + f.keyCount()));
            }
            return new long[] {outcome == null ? 0 : outcome.keys(), in.count()};
        } catch (IOException e) {
            problems.add(new Problem(Kind.DOWNLOAD_FAILED, f.file(), e.getClass().getSimpleName()));
            return new long[] {0, 0};
        }
    }
}
