/**
 * The cluster configuration store: {@link io.redoubt.cluster.RaftConfigStore} implements cluster-api's
 * {@code ConfigStore} with an Apache Ratis group (one peer on a single node), whose state machine applies
 * transactions with {@code Transition} and persists them in a versioned JSON format (log entries and
 * snapshots, written field by field, never by reflection). The only module that uses Ratis.
 */
package io.redoubt.cluster;
