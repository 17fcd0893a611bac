package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.exec.CommandLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the endpoint needs from replication, which lives in a module above it: the replication
 * commands (SYNC, PSYNC, REPLCONF, REPLICAOF, ROLE, WAIT), the admission of a client's command on a
 * replica (READONLY, MASTERDOWN), the replication stream every write is recorded to, and what INFO and
 * CLIENT LIST show. The node plugs the implementation in; {@link #NONE} is a master that no replica
 * can attach to. Methods run on the shard's thread.
 */
public interface ReplicationPort {
    /** SYNC or PSYNC sent by {@code session}: it becomes a replica of this server, or gets an error. */
    void sync(ClientConnection session, byte[][] argv);

    /** REPLCONF: a replica's settings and acknowledgements. */
    void replconf(ClientConnection session, byte[][] argv);

    /** REPLICAOF / SLAVEOF host port, or NO ONE. */
    void replicaOf(ClientConnection session, byte[][] argv);

    /** ROLE. */
    void role(ClientConnection session);

    /** WAIT numreplicas timeout: answers now, or holds the client until enough replicas acknowledge. */
    void waitForReplicas(ClientConnection session, long replicas, long timeoutMillis);

    /**
     * The error a client's command gets on this server now (Redis's READONLY for a write on a read-only
     * replica, MASTERDOWN while the master link is down and stale data must not be served), or null.
     */
    String refusal(ClientConnection session, CommandSpec spec, boolean writes);

    /** Where every command that ran is recorded for replicas (the second command log after the AOF). */
    CommandLog stream();

    /** The fields of INFO replication, in Redis's order. */
    Map<String, String> infoFields();

    /** Whether {@code session} is a replica attached to this server (CLIENT LIST flag S). */
    boolean isReplica(ClientConnection session);

    /** Called when a client's connection closes (a replica's link drops). */
    void closed(ClientConnection session);

    /** DEBUG CHANGE-REPL-ID: a new replication ID and no second one, as Redis's changeReplicationId does. */
    void changeReplicationId();

    /** A master without replication: what a shard of a database with several runs until replication reaches it. */
    ReplicationPort NONE = new ReplicationPort() {
        private static final String UNSUPPORTED = "ERR replication is not supported on this database yet";
        private volatile String replid = randomId();

        private static String randomId() {
            byte[] id = new byte[20];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
            return java.util.HexFormat.of().formatHex(id);
        }

        @Override
        public void sync(ClientConnection session, byte[][] argv) {
            session.writer().error(UNSUPPORTED);
        }

        @Override
        public void replconf(ClientConnection session, byte[][] argv) {
            session.writer().ok();
        }

        @Override
        public void replicaOf(ClientConnection session, byte[][] argv) {
            session.writer().error(UNSUPPORTED);
        }

        @Override
        public void role(ClientConnection session) {
            session.writer().array(3);
            session.writer().bulk("master");
            session.writer().integer(0);
            session.writer().array(0);
        }

        @Override
        public void waitForReplicas(ClientConnection session, long replicas, long timeoutMillis) {
            session.writer().integer(0);
        }

        @Override
        public String refusal(ClientConnection session, CommandSpec spec, boolean writes) {
            return null;
        }

        @Override
        public CommandLog stream() {
            return (db, spec, argv) -> { };
        }

        @Override
        public Map<String, String> infoFields() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("role", "master");
            f.put("connected_slaves", "0");
            f.put("master_failover_state", "no-failover");
            f.put("master_replid", replid);
            f.put("master_replid2", "0000000000000000000000000000000000000000");
            f.put("master_repl_offset", "0");
            f.put("second_repl_offset", "-1");
            f.put("repl_backlog_active", "0");
            f.put("repl_backlog_size", "1048576");
            f.put("repl_backlog_first_byte_offset", "0");
            f.put("repl_backlog_histlen", "0");
            return f;
        }

        @Override
        public boolean isReplica(ClientConnection session) {
            return false;
        }

        @Override
        public void closed(ClientConnection session) {
        }

        @Override
        public void changeReplicationId() {
            replid = randomId();
        }
    };
}
