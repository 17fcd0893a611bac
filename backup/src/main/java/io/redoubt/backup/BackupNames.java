package io.redoubt.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How backup files are named, flat at a location: a backup's id is
 * {@code bdb<uid>-<name>-<yyyyMMdd-HHmmss-SSS>} (the name reduced to letters, digits, {@code _} and
 * {@code -} and cut to 30 characters, as RE cuts it, and the UTC time the backup started), its shards are
 * {@code <id>.shard-<i>.rdb.gz} and its manifest {@code <id>.manifest.json}. A file's backup is the part
 * of its name before the first dot, which ids never contain; older ids sort first.
 */
public final class BackupNames {
    static final int MAX_NAME = 30;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final String MANIFEST_SUFFIX = ".manifest.json";

    private BackupNames() {
    }

    public static String backupId(DatabaseRef db, Instant startedAt) {
        String name = db.name().replaceAll("[^A-Za-z0-9_-]", "_");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return prefix(db.uid()) + name + "-" + STAMP.format(startedAt);
    }

    public static String shardFile(String backupId, int shard) {
        return backupId + ".shard-" + shard + ".rdb.gz";
    }

    public static String manifestFile(String backupId) {
        return backupId + MANIFEST_SUFFIX;
    }

    static boolean isManifest(String fileName) {
        return fileName.endsWith(MANIFEST_SUFFIX);
    }

    static String prefix(long uid) {
        return "bdb" + uid + "-";
    }

    /** The backup a file belongs to, if the file is one of a backup of database {@code uid}. */
    static Optional<String> backupOf(String fileName, long uid) {
        int dot = fileName.indexOf('.');
        if (dot < 0 || !fileName.startsWith(prefix(uid))) {
            return Optional.empty();
        }
        String id = fileName.substring(0, dot);
        return takenAt(id).isPresent() ? Optional.of(id) : Optional.empty();
    }

    /** When the backup {@code id} started, from its name. */
    static Optional<Instant> takenAt(String id) {
        if (id.length() < 19) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(STAMP.parse(id.substring(id.length() - 19))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
