package io.redoubt.cluster.api;

import java.util.Objects;

/**
 * One change to the cluster state; a {@link Transaction} applies a list of them atomically, in order, each
 * seeing the state the previous ones left. A put replaces the object of that uid or adds it; a put with
 * uid 0 adds it under the kind's next uid ({@link ClusterState#nextUids()}), so a proposal made at a known
 * revision knows which uids its puts get. A delete of an object that does not exist is refused.
 */
public sealed interface Change {
    /** Creates the cluster (bootstrap); refused once a cluster exists. Every other change needs one. */
    record CreateCluster(ClusterSettings settings) implements Change {
        public CreateCluster {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** Replaces the cluster settings ({@code PUT /v1/cluster}, {@code /v1/cluster/policy}). */
    record PutClusterSettings(ClusterSettings settings) implements Change {
        public PutClusterSettings {
            Objects.requireNonNull(settings, "settings");
        }
    }

    record PutNode(Node node) implements Change {
        public PutNode {
            Objects.requireNonNull(node, "node");
        }
    }

    record DeleteNode(long uid) implements Change {}

    record PutDatabase(Database database) implements Change {
        public PutDatabase {
            Objects.requireNonNull(database, "database");
        }
    }

    record DeleteDatabase(long uid) implements Change {}

    record PutUser(User user) implements Change {
        public PutUser {
            Objects.requireNonNull(user, "user");
        }
    }

    record DeleteUser(long uid) implements Change {}

    record PutRole(Role role) implements Change {
        public PutRole {
            Objects.requireNonNull(role, "role");
        }
    }

    /** Refused while a user or a database binding still refers to the role. */
    record DeleteRole(long uid) implements Change {}

    record PutRedisAcl(RedisAcl redisAcl) implements Change {
        public PutRedisAcl {
            Objects.requireNonNull(redisAcl, "redis acl");
        }
    }

    /** Refused while a database binding still refers to the ACL. */
    record DeleteRedisAcl(long uid) implements Change {}

    record PutCertificate(Certificate certificate) implements Change {
        public PutCertificate {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    record DeleteCertificate(CertificateName name) implements Change {
        public DeleteCertificate {
            Objects.requireNonNull(name, "name");
        }
    }
}
