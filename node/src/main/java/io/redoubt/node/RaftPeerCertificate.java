package io.redoubt.node;

import io.redoubt.cluster.PeerTls;
import io.redoubt.persistence.OwnerOnlyFiles;
import io.redoubt.security.PemReader;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import io.redoubt.security.certificate.CertificatePlane;
import io.redoubt.security.certificate.PlaneCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/**
 * The certificate of this node's configuration-store peer: the Raft port speaks mutual TLS, so a local
 * process that finds the port but holds no certificate the store trusts cannot propose a change. Made at
 * the first start under its own small CA and kept owner-only in {@code data/keys/raft/}; the cluster issue
 * replaces it with peer certificates from the cluster CA.
 */
final class RaftPeerCertificate {
    private RaftPeerCertificate() {
    }

    static PeerTls loadOrCreate(Path dir, InstantSource clock) throws Exception {
        Path ca = dir.resolve("ca.crt");
        Path certificate = dir.resolve("peer.crt");
        Path key = dir.resolve("peer.key");
        if (!Files.exists(key)) {
            OwnerOnlyFiles.createDirectories(dir);
            PlaneCertificates made = PlaneCertificates.generate("raft", List.of("localhost"), List.of("127.0.0.1"),
                    clock.instant());
            var peer = made.planes().get(CertificatePlane.API);
            PemWriter.write(ca, PemWriter.certificates(List.of(made.authority().certificate())));
            PemWriter.write(certificate, PemWriter.certificates(List.of(peer.certificate())));
            PemWriter.write(key, PemWriter.privateKey(peer.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
        }
        return new PeerTls(PemReader.privateKey(key, Secret.none()), PemReader.certificates(certificate).get(0),
                PemReader.certificates(ca));
    }
}
