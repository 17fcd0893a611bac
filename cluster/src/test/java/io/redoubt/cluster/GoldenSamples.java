package io.redoubt.cluster;

import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.NextUids;
import io.redoubt.cluster.api.Node;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The objects the committed golden files hold; changing these without a new format version breaks the pin. */
final class GoldenSamples {
    private GoldenSamples() {}

    /** One of every change, so the entry file pins every op. */
    static Transaction entry() {
        return Transaction.atRevision(41,
                new Change.CreateCluster(Samples.settings("golden")),
                new Change.PutClusterSettings(Samples.settings("golden-2")),
                new Change.PutNode(new Node(0, "10.0.0.7", 9443, 7000)),
                new Change.DeleteNode(2),
                new Change.PutRole(Samples.role(0, "ops", ManagementRole.DB_MEMBER, List.of(1L, 3L))),
                new Change.DeleteRole(4),
                new Change.PutRedisAcl(Samples.acl(0, "readers")),
                new Change.DeleteRedisAcl(5),
                new Change.PutDatabase(Samples.database(0, "orders", 12000, List.of(new RolePermission(1, 1)))),
                new Change.DeleteDatabase(6),
                new Change.PutUser(Samples.user(0, "ann", List.of(1L))),
                new Change.PutUser(Samples.certificateUser(8, "svc")),
                new Change.DeleteUser(7),
                new Change.PutCertificate(Samples.certificate(CertificateName.METRICS_EXPORTER)),
                new Change.DeleteCertificate(CertificateName.CM));
    }

    static ClusterState snapshot() {
        TreeMap<Long, Node> nodes = new TreeMap<>(Map.of(1L, new Node(1, "10.0.0.7", 9443, 7000)));
        var databases = new TreeMap<>(Map.of(
                2L, Samples.database(2, "orders", 12000, List.of(new RolePermission(3, 2))),
                5L, Database.withDefaults("cache", 12001, 1L << 30).withUid(5)));
        var users = new TreeMap<>(Map.of(1L, Samples.user(1, "ann", List.of(3L)), 4L, Samples.certificateUser(4, "svc")));
        var roles = new TreeMap<>(Map.of(3L, Samples.role(3, "ops", ManagementRole.DB_MEMBER, List.of(2L)),
                1L, Samples.role(1, "admin", ManagementRole.ADMIN, List.of())));
        var acls = new TreeMap<>(Map.of(2L, Samples.acl(2, "readers")));
        var certificates = Map.of(CertificateName.API, Samples.certificate(CertificateName.API),
                CertificateName.PROXY, Samples.certificate(CertificateName.PROXY));
        return new ClusterState(42, Optional.of(Samples.settings("golden")), nodes, databases, users, roles, acls,
                certificates, new NextUids(2, 6, 5, 4, 3));
    }
}
