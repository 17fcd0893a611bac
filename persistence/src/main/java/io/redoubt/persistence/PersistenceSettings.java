package io.redoubt.persistence;

import java.nio.file.Path;
import java.util.List;

/**
 * What the RDB and the AOF of one shard are told, as validated values: the files, the save points,
 * and how each file is written and read. Built by the node's parameter adapter (redis.conf, CONFIG
 * SET) and replaced whole when one of them changes; the files never read a parameter by name.
 *
 * @param dir                        the shard's data folder (absolute)
 * @param dbFilename                 the RDB file's name in {@code dir}
 * @param savePoints                 {@code save}: a snapshot after so many changes in so many seconds; empty: none
 * @param stopWritesOnBgsaveError    refuse writes (MISCONF) while the last background save failed
 * @param rdbCompression             LZF-compress long strings in snapshots
 * @param rdbChecksum                end snapshots with a CRC64
 * @param appendOnly                 whether the AOF is on
 * @param appendDirName              the AOF's folder in {@code dir}
 * @param appendFilename             the base name of the AOF's files
 * @param aofLoadTruncated           load an AOF whose last command was cut short (and trim it)
 * @param aofUseRdbPreamble          a rewritten AOF starts with a snapshot
 * @param autoAofRewritePercentage   rewrite when the AOF grew by this much since the last rewrite (0: never)
 * @param autoAofRewriteMinSize      ... and is at least this many bytes
 */
public record PersistenceSettings(Path dir, String dbFilename, List<SavePoint> savePoints,
                                  boolean stopWritesOnBgsaveError, boolean rdbCompression, boolean rdbChecksum,
                                  boolean appendOnly, String appendDirName, String appendFilename,
                                  boolean aofLoadTruncated, boolean aofUseRdbPreamble,
                                  long autoAofRewritePercentage, long autoAofRewriteMinSize) {
    /** One {@code save} point: a snapshot once {@code changes} writes are {@code seconds} old. */
    public record SavePoint(long seconds, long changes) {
    }

    /** Redis's defaults in the working folder's {@code data}, until the node's values are applied. */
    public static final PersistenceSettings DEFAULT = new PersistenceSettings(Path.of("data").toAbsolutePath(),
            "dump.rdb", List.of(), true, true, true, false, "appendonlydir", "appendonly.aof", true, true, 100,
            64L << 20);

    public PersistenceSettings {
        savePoints = List.copyOf(savePoints);
    }

    /** The same settings for files in {@code folder} (a shard of a database of several has its own). */
    public PersistenceSettings inFolder(Path folder) {
        return new PersistenceSettings(folder, dbFilename, savePoints, stopWritesOnBgsaveError, rdbCompression,
                rdbChecksum, appendOnly, appendDirName, appendFilename, aofLoadTruncated, aofUseRdbPreamble,
                autoAofRewritePercentage, autoAofRewriteMinSize);
    }

    /** The RDB file. */
    Path rdbFile() {
        return dir.resolve(dbFilename);
    }

    /** The AOF's folder. */
    Path aofDir() {
        return dir.resolve(appendDirName);
    }

    /** A writer of snapshots with these settings' compression and checksum. */
    public RdbWriter rdbWriter() {
        return new RdbWriter(rdbCompression, rdbChecksum);
    }
}
