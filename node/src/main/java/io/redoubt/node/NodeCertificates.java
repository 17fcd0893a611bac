package io.redoubt.node;

import io.redoubt.admin.web.ApiTls;
import io.redoubt.cluster.api.Certificate;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.SealedBytes;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import io.redoubt.security.certificate.CertificatePlane;
import io.redoubt.security.certificate.PlaneCertificates;
import io.redoubt.security.sealing.SecretSealer;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's certificates per plane ({@code api}, {@code cm}, {@code proxy}, {@code syslog},
 * {@code metrics_exporter}). The store holds them once the cluster exists (keys sealed under the node's
 * master key); a node whose store holds none yet (first start, or waiting for a manual bootstrap)
 * generates a set under a new cluster CA, serves the API with it, and puts it in the store as soon as the
 * cluster is created, so the certificate seen before and after bootstrap is the same.
 */
final class NodeCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCertificates.class);
    /** What a certificate's key is sealed for (the control plane unseals with the same purpose). */
    static String purpose(CertificateName name) {
        return "certificate:" + name.reName();
    }

    private final ConfigStore store;
    private final SecretSealer sealer;
    private final PlaneCertificates generated; // null when the store already held the certificates
    private final ApiTls api;
    private final String authorityPem;
    private final AtomicBoolean proposed = new AtomicBoolean();

    private NodeCertificates(ConfigStore store, SecretSealer sealer, PlaneCertificates generated, ApiTls api,
                             String authorityPem) {
        this.store = store;
        this.sealer = sealer;
        this.generated = generated;
        this.api = api;
        this.authorityPem = authorityPem;
    }

    /** The store's certificates, or a new set (names: localhost and the node's address). */
    static NodeCertificates loadOrGenerate(ConfigStore store, SecretSealer sealer, String bind, InstantSource clock)
            throws Exception {
        Optional<Certificate> stored = store.current().certificate(CertificateName.API);
        if (stored.isPresent()) {
            PrivateKey key = sealer.unsealPrivateKey(stored.get().sealedPrivateKey().bytes(),
                    purpose(CertificateName.API));
            String chain = stored.get().chainPem();
            return new NodeCertificates(store, sealer, null,
                    new ApiTls(chain, PemWriter.privateKey(key, PemWriter.KeyFormat.PKCS8, Secret.none())),
                    lastCertificate(chain));
        }
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
        if (!ips.contains(bind) && bind.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            ips.add(bind);
        }
        PlaneCertificates set = PlaneCertificates.generate("redoubt", List.of("localhost"), ips, clock.instant());
        ApiTls api = new ApiTls(PemWriter.certificates(set.chain(CertificatePlane.API)),
                PemWriter.privateKey(set.planes().get(CertificatePlane.API).privateKey(), PemWriter.KeyFormat.PKCS8,
                        Secret.none()));
        return new NodeCertificates(store, sealer, set, api,
                PemWriter.certificates(List.of(set.authority().certificate())));
    }

    /** The {@code api} certificate chain and key the API server starts with. */
    ApiTls api() {
        return api;
    }

    /** Writes the cluster CA's certificate where clients find it (it is public; the file is the owner's). */
    void writeAuthority(Path file) throws java.io.IOException {
        PemWriter.write(file, authorityPem);
    }

    /** A store watch: puts the generated set in the store once the cluster exists (once). */
    void storeOnceCreated(ClusterState state) {
        if (generated == null || !state.created() || state.certificate(CertificateName.API).isPresent()
                || !proposed.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Change> changes = new ArrayList<>();
            for (CertificatePlane plane : CertificatePlane.values()) {
                CertificateName name = CertificateName.of(plane.certificateName());
                changes.add(new Change.PutCertificate(new Certificate(name, PemWriter.certificates(generated.chain(plane)),
                        SealedBytes.of(sealer.sealPrivateKey(generated.planes().get(plane).privateKey(), purpose(name))))));
            }
            store.propose(Transaction.of(changes.toArray(Change[]::new))).whenComplete((commit, failure) -> {
                if (failure != null) {
                    proposed.set(false); // tried again at the next state
                    LOG.warn("The node's certificates could not be stored yet: {}", failure.getMessage());
                }
            });
        } catch (Exception e) {
            proposed.set(false);
            LOG.warn("The node's certificates could not be stored yet: {}", e.getMessage());
        }
    }

    private static String lastCertificate(String chainPem) {
        int start = chainPem.lastIndexOf("-----BEGIN CERTIFICATE-----");
        return start < 0 ? chainPem : chainPem.substring(start);
    }
}
