package io.redoubt.replication;

/**
 * What replication is told, as validated values, built by the node's parameter adapter and replaced
 * whole when one of them changes; replication never reads a parameter by name. (The TLS of a link to
 * the master is made on demand from the node's TLS parameters: see {@link MasterTls}.)
 *
 * @param replicaOf                 {@code replicaof}: "host port" to follow at start, or empty
 * @param backlogBytes              {@code repl-backlog-size}
 * @param timeoutMillis             {@code repl-timeout}
 * @param pingReplicaPeriodSeconds  {@code repl-ping-replica-period}
 * @param disklessSync              {@code repl-diskless-sync}
 * @param disklessSyncDelaySeconds  {@code repl-diskless-sync-delay}
 * @param disklessSyncMaxReplicas   {@code repl-diskless-sync-max-replicas} (0: no cap)
 * @param masterUser                {@code masteruser}, or empty
 * @param masterAuth                {@code masterauth}, or empty (never shown or logged)
 * @param readOnly                  {@code replica-read-only}
 * @param serveStaleData            {@code replica-serve-stale-data}
 * @param minReplicasToWrite        {@code min-replicas-to-write} (0: off)
 * @param minReplicasMaxLagSeconds  {@code min-replicas-max-lag}
 * @param announceIp                {@code replica-announce-ip}, or empty
 * @param announcePort              {@code replica-announce-port} (0: the port listened on)
 * @param priority                  {@code replica-priority}
 * @param announced                 {@code replica-announced}
 */
public record ReplicationSettings(String replicaOf, long backlogBytes, long timeoutMillis,
                                  long pingReplicaPeriodSeconds, boolean disklessSync, long disklessSyncDelaySeconds,
                                  long disklessSyncMaxReplicas, String masterUser, String masterAuth, boolean readOnly,
                                  boolean serveStaleData, long minReplicasToWrite, long minReplicasMaxLagSeconds,
                                  String announceIp, int announcePort, long priority, boolean announced) {

    /** Redis's defaults, until the node's values are applied. */
    public static final ReplicationSettings DEFAULT = new ReplicationSettings("", 1 << 20, 60_000, 10, true, 5, 0,
            "", "", true, true, 0, 10, "", 0, 100, true);

    /** The TLS of a link to the master ({@code tls-replication}), made when a link opens. */
    @FunctionalInterface
    public interface MasterTls {
        /** The socket factory to reach the master with, or null for a plain link. */
        javax.net.ssl.SSLSocketFactory socketFactory() throws java.io.IOException;

        MasterTls PLAIN = () -> null;
    }

    @Override
    public String toString() {
        return "ReplicationSettings[replicaOf=" + replicaOf + ", masterUser=" + masterUser + ", masterAuth="
                + (masterAuth.isEmpty() ? "" : "(redacted)") + ", ...]";
    }
}
