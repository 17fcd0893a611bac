package io.redoubt.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A base file in command form (aof-use-rdb-preamble no): a FUNCTION LOAD per function library (as
 * Redis's rewriteFunctions writes them), then per database a SELECT and per key one RESTORE with the
 * absolute expiry, so the base replays to exactly the snapshot.
 */
final class AofCommands {
    private AofCommands() {
    }

    static void write(ShardSnapshot snapshot, OutputStream out) throws IOException {
        for (byte[] code : snapshot.functionLibraries()) {
            AppendOnlyFile.encode(out, new byte[][] {b("FUNCTION"), b("LOAD"), code});
        }
        for (ShardSnapshot.Db db : snapshot.dbs()) {
            AppendOnlyFile.encode(out, new byte[][] {b("SELECT"), b(Integer.toString(db.index()))});
            for (ShardSnapshot.Item item : db.items()) {
                AppendOnlyFile.encode(out, new byte[][] {b("RESTORE"), item.key(),
                    b(Long.toString(Math.max(0, item.expireAt()))), DumpPayload.serialize(item.value()),
                    b("REPLACE"), b("ABSTTL")});
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
