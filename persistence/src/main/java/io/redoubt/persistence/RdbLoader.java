package io.redoubt.persistence;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.Shard;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads an RDB file (versions 1 to 10, as Redis 7.0 does) into a shard: AUX fields are read and
 * ignored, keys already expired are skipped as a master skips them, function libraries are loaded
 * (replacing one of the same name), module data is refused since Redoubt has none, and the
 * trailing CRC64 is checked unless it is zero. Any fault is reported with the file name and the byte offset where it was found.
 */
public final class RdbLoader {
    /** What a load did, for the log line and INFO. */
    /** @param replication the history in the repl-* AUX fields, or null when the file has none (or not all three) */
    public record Result(long keysLoaded, long expiredSkipped, long bytesRead, String redisVersion,
            ReplicationInfo replication) {
    }

    private final Shard shard;
    private final boolean replaceExisting;

    public RdbLoader(Shard shard) {
        this(shard, false);
    }

    /**
     * @param replaceExisting a key already in the shard is replaced by the file's (DEBUG RELOAD MERGE);
     *                        otherwise it makes the load fail
     */
    public RdbLoader(Shard shard, boolean replaceExisting) {
        this.shard = shard;
        this.replaceExisting = replaceExisting;
    }

    /**
     * Loads from {@code in}.
     *
     * @param name the file name to put in error messages
     * @param size the file size (bounds every length read)
     */
    public Result load(InputStream in, String name, long size) throws RdbLoadException {
        RdbInput r = new RdbInput(in, size);
        try {
            return read(r, size);
        } catch (EOFException e) {
            throw new RdbLoadException(name + ": unexpected end of file at offset " + r.offset()
                    + " (the file is truncated)", e);
        } catch (RdbFormatException | ModuleDataException e) {
            throw new RdbLoadException(name + ": " + e.getMessage() + " at offset " + r.offset(), e);
        } catch (IOException e) {
            throw new RdbLoadException(name + ": read failed at offset " + r.offset() + ": " + e.getMessage(), e);
        }
    }

    private Result read(RdbInput r, long fileSize) throws IOException {
        byte[] magic = new byte[9];
        r.readFully(magic, 0, 9);
        String header = new String(magic, StandardCharsets.US_ASCII);
        if (!header.startsWith("REDIS")) {
            throw new RdbFormatException("not an RDB file (wrong signature)");
        }
        int version;
        try {
            version = Integer.parseInt(header.substring(5));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("not an RDB file (bad version field)");
        }
        if (version < 1 || version > RdbType.VERSION) {
            throw new RdbFormatException("can't handle RDB format version " + version);
        }
        Keyspace db = shard.db(0);
        long loaded = 0;
        long skipped = 0;
        long expireAt = -1;
        long idle = -1;
        int freq = -1;
        String redisVer = null;
        String replId = null;
        long replOffset = -1;
        long replStreamDb = -1;
        long now = shard.clock().millis();
        while (true) {
            int type = r.readByte();
            switch (type) {
                case RdbType.OP_EXPIRETIME_MS -> {
                    expireAt = r.le(8);
                    continue;
                }
                case RdbType.OP_EXPIRETIME -> {
                    expireAt = r.le(4) * 1000;
                    continue;
                }
                case RdbType.OP_FREQ -> {
                    freq = r.readByte();
                    continue;
                }
                case RdbType.OP_IDLE -> {
                    idle = r.length();
                    continue;
                }
                case RdbType.OP_EOF -> {
                    if (version >= 5) {
                        long expected = r.crc();
                        long stored = r.le(8);
                        if (stored != 0 && stored != expected) {
                            throw new RdbFormatException("wrong RDB checksum expected: 0x" + Long.toHexString(stored)
                                    + " got: 0x" + Long.toHexString(expected));
                        }
                    }
                    ReplicationInfo replication = replId != null && replOffset != -1 && replStreamDb != -1
                            ? new ReplicationInfo(replId, replOffset, (int) replStreamDb) : null;
                    return new Result(loaded, skipped, r.offset(), redisVer, replication);
                }
                case RdbType.OP_SELECTDB -> {
                    long index = r.length();
                    if (index >= shard.databaseCount()) {
                        throw new RdbFormatException("the file selects DB " + index + " but only "
                                + shard.databaseCount() + " databases are configured (databases)");
                    }
                    db = shard.db((int) index);
                    continue;
                }
                case RdbType.OP_RESIZEDB -> {
                    long keys = r.length();
                    r.length();
                    // a hint only: a key takes at least 3 bytes of the file, and 64M slots is plenty to start with
                    db.expandForLoad(Math.min(Math.min(keys, fileSize / 3), 1 << 26));
                    continue;
                }
                case RdbType.OP_AUX -> {
                    String k = new String(r.string(), StandardCharsets.US_ASCII);
                    byte[] v = r.string();
                    switch (k) {
                        case "redis-ver" -> redisVer = new String(v, StandardCharsets.US_ASCII);
                        case "repl-id" -> replId = v.length == 40 ? new String(v, StandardCharsets.US_ASCII) : null;
                        case "repl-offset" -> replOffset = auxNumber(v);
                        case "repl-stream-db" -> replStreamDb = auxNumber(v);
                        default -> {
                        }
                    }
                    continue;
                }
                case RdbType.OP_MODULE_AUX -> throw new ModuleDataException();
                case RdbType.OP_FUNCTION2 -> {
                    byte[] code = r.string();
                    try {
                        shard.functions().load(code);
                    } catch (IllegalArgumentException e) {
                        throw new RdbFormatException("a function library does not load: " + e.getMessage());
                    }
                    continue;
                }
                case RdbType.OP_FUNCTION_PRE_GA -> throw new RdbFormatException(
                        "the RDB holds function libraries in the format of Redis 7.0's release candidates, which "
                                + "Redis 7.0 itself no longer loads");
                default -> {
                }
            }
            byte[] key = r.string();
            Object value = ValueDecoder.read(r, type, shard.encodingLimits());
            if (value == null) {
                // empty collection: Redis skips it too
            } else if (expireAt >= 0 && expireAt <= now) {
                skipped++;
            } else {
                if (!replaceExisting && db.peek(key) != null) {
                    throw new RdbFormatException("duplicate key '" + printable(key) + "' in DB " + db.index());
                }
                Entry e = db.put(key, value);
                if (expireAt >= 0) {
                    db.setExpiry(e, expireAt);
                }
                shard.restoreAccess(e, idle, freq);
                loaded++;
            }
            expireAt = -1;
            idle = -1;
            freq = -1;
        }
    }

    private static String printable(byte[] key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(key.length, 64); i++) {
            int c = key[i] & 0xff;
            b.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.toString();
    }

    /** An AUX value Redis wrote as a number (an integer-encoded string): -1 when it is not one. */
    private static long auxNumber(byte[] v) {
        try {
            return Long.parseLong(new String(v, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
