package io.redoubt.dataplane;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The replication IDs INFO replication reports (master_replid, master_replid2): a random 40-hex-digit
 * ID made at start, and DEBUG CHANGE-REPL-ID's fresh one, which also clears the second ID as Redis's
 * changeReplicationId and clearReplicationId2 do.
 */
public final class ReplicationIds {
    /** Redis's master_replid2 when there is no previous ID. */
    public static final String NONE = "0000000000000000000000000000000000000000";

    private volatile String id = random();
    private volatile String previous = NONE;

    public String id() {
        return id;
    }

    public String previous() {
        return previous;
    }

    /** DEBUG CHANGE-REPL-ID. */
    public void change() {
        id = random();
        previous = NONE;
    }

    private static String random() {
        byte[] id = new byte[20];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
