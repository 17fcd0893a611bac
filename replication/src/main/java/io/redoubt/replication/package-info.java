/**
 * Redis's master–replica replication (PSYNC2), spoken with real Redis in both directions: a master
 * that feeds the command stream to its replicas and keeps a backlog for partial resynchronisation,
 * and a replica that loads its master's RDB and applies its stream. The endpoint reaches it through
 * {@link io.redoubt.dataplane.ReplicationPort}; the node wires it.
 */
package io.redoubt.replication;
