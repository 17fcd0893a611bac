package io.redoubt.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link ShardSnapshot} as a Redis 7.0 RDB file (version 10): the magic, the AUX fields
 * Redis writes (redis-ver, redis-bits, ctime, used-mem, the replication history when there is one,
 * aof-base), the function libraries, then per database SELECTDB,
 * RESIZEDB and the keys with their expiry and access data, then EOF and the CRC64 (zero when
 * rdbchecksum is off, which Redis reads as "not checked").
 */
public final class RdbWriter {
    /** The version Redis reports in redis-ver; Redoubt speaks Redis 7.0.15. */
    public static final String REDIS_VERSION = "7.0.15";

    private final boolean compression;
    private final boolean checksum;

    public RdbWriter(boolean compression, boolean checksum) {
        this.compression = compression;
        this.checksum = checksum;
    }

    /**
     * Writes the whole file.
     *
     * @param aofBase true when the file is the base of an append-only file (aof-base 1)
     */
    public void write(ShardSnapshot snapshot, OutputStream stream, long usedMemory, boolean aofBase) throws IOException {
        write(snapshot, stream, usedMemory, aofBase, null);
    }

    /**
     * Writes the whole file with the replication history {@code replication} (null: none) in the
     * repl-stream-db, repl-id and repl-offset AUX fields, where Redis writes them.
     */
    public void write(ShardSnapshot snapshot, OutputStream stream, long usedMemory, boolean aofBase,
            ReplicationInfo replication) throws IOException {
        RdbOutput out = new RdbOutput(stream, compression);
        out.raw(("REDIS" + String.format("%04d", RdbType.VERSION)).getBytes(StandardCharsets.US_ASCII));
        aux(out, "redis-ver", REDIS_VERSION);
        aux(out, "redis-bits", "64");
        auxLong(out, "ctime", snapshot.takenAtMillis() / 1000);
        auxLong(out, "used-mem", usedMemory);
        if (replication != null) {
            auxLong(out, "repl-stream-db", replication.streamDb());
            aux(out, "repl-id", replication.replid());
            auxLong(out, "repl-offset", replication.offset());
        }
        auxLong(out, "aof-base", aofBase ? 1 : 0);
        for (byte[] code : snapshot.functionLibraries()) {
            // Redis 7.0's rdbSaveFunctions: each library's code, right after the AUX fields
            out.writeByte(RdbType.OP_FUNCTION2);
            out.string(code);
        }
        for (ShardSnapshot.Db db : snapshot.dbs()) {
            out.writeByte(RdbType.OP_SELECTDB);
            out.length(db.index());
            out.writeByte(RdbType.OP_RESIZEDB);
            out.length(db.items().size());
            out.length(db.volatileCount());
            for (ShardSnapshot.Item item : db.items()) {
                key(out, item);
            }
        }
        out.writeByte(RdbType.OP_EOF);
        long crc = checksum ? out.crc() : 0;
        out.le(crc, 8);
        out.flush();
    }

    static void key(RdbOutput out, ShardSnapshot.Item item) throws IOException {
        if (item.expireAt() >= 0) {
            out.writeByte(RdbType.OP_EXPIRETIME_MS);
            out.le(item.expireAt(), 8);
        }
        if (item.idleSeconds() >= 0) {
            out.writeByte(RdbType.OP_IDLE);
            out.length(item.idleSeconds());
        }
        if (item.freq() >= 0) {
            out.writeByte(RdbType.OP_FREQ);
            out.writeByte(item.freq());
        }
        ValueEncoder.writeKeyed(out, item.key(), item.value());
    }

    private static void aux(RdbOutput out, String key, String value) throws IOException {
        out.writeByte(RdbType.OP_AUX);
        out.string(key.getBytes(StandardCharsets.US_ASCII));
        out.string(value.getBytes(StandardCharsets.US_ASCII));
    }

    private static void auxLong(RdbOutput out, String key, long value) throws IOException {
        out.writeByte(RdbType.OP_AUX);
        out.string(key.getBytes(StandardCharsets.US_ASCII));
        out.longString(value);
    }
}
