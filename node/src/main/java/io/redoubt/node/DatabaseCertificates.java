package io.redoubt.node;

import io.redoubt.cluster.api.Certificate;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Database;
import io.redoubt.persistence.OwnerOnlyFiles;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import io.redoubt.security.sealing.SecretSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * The files a TLS database of the node serves with, written from the store under the database's folder
 * ({@code tls/}, owner-only): the cluster's {@code proxy} certificate chain and its key (unsealed with the
 * node's master key), and the client certificates it requires ({@code authentication_ssl_client_certs}).
 * A file is rewritten only when its content changes; the database's TLS listener notices a changed file
 * and serves the new certificate to new connections ({@code PUT /v1/cluster/certificates}).
 */
final class DatabaseCertificates {
    private final SecretSealer sealer;

    DatabaseCertificates(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** The files for {@code database}, or null when the store holds no proxy certificate yet. */
    ManagedDatabaseLines.TlsFiles write(Database database, ClusterState state, Path dataDir) throws Exception {
        Certificate proxy = state.certificate(CertificateName.PROXY).orElse(null);
        if (proxy == null) {
            return null; // the database makes its own first-start certificate, as redoubt-server does
        }
        Path dir = dataDir.resolve("tls");
        OwnerOnlyFiles.createDirectories(dir);
        PrivateKey key = sealer.unsealPrivateKey(proxy.sealedPrivateKey().bytes(),
                NodeCertificates.purpose(CertificateName.PROXY));
        Path chain = dir.resolve("proxy.crt");
        Path keyFile = dir.resolve("proxy.key");
        writeIfChanged(chain, proxy.chainPem());
        writeIfChanged(keyFile, PemWriter.privateKey(key, PemWriter.KeyFormat.PKCS8, Secret.none()));
        Path clients = null;
        if (!database.authenticationSslClientCerts().isEmpty()) {
            clients = dir.resolve("clients.pem");
            writeIfChanged(clients, String.join("\n", database.authenticationSslClientCerts()) + "\n");
        }
        return new ManagedDatabaseLines.TlsFiles(chain, keyFile, clients);
    }

    private static void writeIfChanged(Path file, String pem) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(pem)) {
            return;
        }
        PemWriter.write(file, pem); // owner-only, moved into place whole
    }
}
