/**
 * What the control plane manages, as immutable validated records (cluster settings, nodes, databases,
 * users, roles, Redis ACLs, certificates), the changes that move one {@link io.redoubt.cluster.api.ClusterState}
 * to the next, and the {@link io.redoubt.cluster.api.ConfigStore} port that commits them. JDK only, so that
 * every module above (admin, node, backup) can use it; the Raft store that implements the port lives in
 * module {@code cluster}. Each Java name documents the Redis Enterprise (RE) REST field it maps to.
 */
package io.redoubt.cluster.api;
