package io.redoubt.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads backups back for an import: the manifest, then each shard's RDB, gunzipped, streamed to the
 * node's loader, and the file's size and SHA-256 checked after the loader is done. A shard whose file
 * does not match fails the import with the file's name; the node loads into new keyspaces and swaps
 * them in only when every shard has loaded (RE's import erases the database, but never on a corrupt
 * file). Plain {@code .rdb} and {@code .rdb.gz} dumps made by Redis are read with {@link #openDump}.
 */
public final class BackupReader {
    private static final int MAX_MANIFEST = 1 << 20;

    /** The node's side of an import: loads one shard's RDB into a staged keyspace. */
    public interface ShardLoader {
        /**
         * @param rdbSize the RDB's size from the manifest, to bound the loader's reads
         */
        void load(int shard, InputStream rdb, long rdbSize) throws IOException;
    }

    /** An import refused: the file and why, in RE's terms ({@code file-corrupted}, {@code download-error}). */
    public static final class ImportException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String failureReason;
        private final String file;

        ImportException(String failureReason, String file, String message, Throwable cause) {
            super(file + ": " + message, cause);
            this.failureReason = failureReason;
            this.file = file;
        }

        /** RE's {@code import_failure_reason}. */
        public String failureReason() {
            return failureReason;
        }

        public String file() {
            return file;
        }
    }

    private final Destination destination;

    public BackupReader(Destination destination) {
        this.destination = destination;
    }

    static BackupManifest readManifest(Destination destination, String backupId) throws IOException {
        byte[] json;
        try (InputStream in = destination.get(BackupNames.manifestFile(backupId))) {
            json = in.readNBytes(MAX_MANIFEST + 1);
        }
        if (json.length > MAX_MANIFEST) {
            throw new IllegalArgumentException("the manifest is larger than " + MAX_MANIFEST + " bytes");
        }
        return BackupManifest.fromJson(json);
    }

    public BackupManifest manifest(String backupId) throws IOException {
        try {
            return readManifest(destination, backupId);
        } catch (DestinationException e) {
            throw new ImportException("download-error", BackupNames.manifestFile(backupId), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ImportException("file-corrupted", BackupNames.manifestFile(backupId), e.getMessage(), e);
        }
    }

    /** Streams every shard of backup {@code backupId} to {@code loader}, in shard order. */
    public BackupManifest restore(String backupId, ShardLoader loader) throws IOException {
        BackupManifest m = manifest(backupId);
        for (BackupManifest.ShardFile f : m.shards()) {
            restoreShard(f, loader);
        }
        return m;
    }

    private void restoreShard(BackupManifest.ShardFile f, ShardLoader loader) throws IOException {
        InputStream raw;
        try {
            raw = destination.get(f.file());
        } catch (DestinationException e) {
            throw new ImportException("download-error", f.file(), e.getMessage(), e);
        }
        try (CheckedDownload in = new CheckedDownload(raw)) {
            IOException loadFailure = null;
            try {
                loader.load(f.shard(), new GZIPInputStream(in, 64 * 1024), f.rdbSize());
            } catch (IOException e) {
                loadFailure = e;
            }
            String sha = in.finish();
            if (in.count() != f.size() || !sha.equals(f.sha256())) {
                throw new ImportException("file-corrupted", f.file(), in.count() != f.size()
                        ? "size " + in.count() + " differs from the manifest's " + f.size()
                        : "SHA-256 differs from the manifest's", loadFailure);
            }
            if (loadFailure != null) {
                throw new ImportException("file-corrupted", f.file(), loadFailure.getMessage(), loadFailure);
            }
        }
    }

    /** Opens a single dump (an RDB made by Redis, or a backup's shard file): gunzipped when its name ends in {@code .gz}. */
    public InputStream openDump(String fileName) throws IOException {
        InputStream raw;
        try {
            raw = destination.get(fileName);
        } catch (DestinationException e) {
            throw new ImportException("download-error", fileName, e.getMessage(), e);
        }
        return fileName.endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
    }
}
