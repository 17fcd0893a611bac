package io.redoubt.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates a node makes for itself when TLS is on and none is configured: a private CA and a
 * server certificate it signs (365 days; names localhost, 127.0.0.1, ::1 and the host name). The
 * serving folder {@code <data>/tls} (0700, files 0600) holds what the endpoint reads: the CA
 * certificate clients trust ({@code redis-cli --tls --cacert <data>/tls/ca.crt}), the server
 * certificate and its key. The CA's private key is kept apart in {@code <data>/tls-ca/ca.key} (0700,
 * 0600): the endpoint never reads it, so a copy of the serving folder (a backup, a container
 * volume, a certificate shipped to a proxy) never carries the key that would let its holder mint
 * certificates every client trusts. An operator may move it offline.
 *
 * <p>Existing files are kept, so a restart does not change the certificate clients were told to
 * trust. Renewal: remove {@code server.crt} and {@code server.key} and restart, and the kept CA
 * issues a new server certificate that clients already trust; without the CA key (or with the
 * {@code tls} folder removed) a new CA is made and clients must trust the new {@code ca.crt}.
 *
 * @param caCert     the CA certificate clients should trust
 * @param serverCert the server certificate chain
 * @param serverKey  its key (PKCS#8)
 * @param caKey      where the CA's private key is kept (it may have been moved away)
 * @param created    whether this call made the server certificate
 */
public record FirstStartCertificates(Path caCert, Path serverCert, Path serverKey, Path caKey, boolean created) {
    public static final int VALIDITY_DAYS = 365;

    /** The files in {@code dataDir/tls} (the CA key in {@code dataDir/tls-ca}), made now unless they exist. */
    public static FirstStartCertificates ensure(Path dataDir, String hostName, Instant now) throws TlsConfigException {
        Path dir = dataDir.resolve("tls");
        Path caDir = dataDir.resolve("tls-ca");
        Path ca = dir.resolve("ca.crt");
        Path caKey = caDir.resolve("ca.key");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        try {
            moveOldCaKey(dir.resolve("ca.key"), caDir, caKey);
            if (Files.exists(cert) && Files.exists(key) && Files.exists(ca)) {
                return new FirstStartCertificates(ca, cert, key, caKey, false);
            }
            OwnerOnlyFiles.folder(dir);
            IssuedCertificate authority = Files.exists(ca) && Files.exists(caKey)
                    ? new IssuedCertificate(PemReader.certificates(ca).get(0), PemReader.privateKey(caKey, Secret.none()))
                    : null;
            if (authority == null) {
                authority = CertificateIssuer.selfSigned(CertificateRequest.authority(
                        "CN=Redoubt node CA " + hostName + ",O=Redoubt", now, VALIDITY_DAYS));
                OwnerOnlyFiles.folder(caDir);
                PemWriter.write(caKey, PemWriter.privateKey(authority.privateKey(), PemWriter.KeyFormat.PKCS8,
                        Secret.none()));
                PemWriter.write(ca, PemWriter.certificates(List.of(authority.certificate())));
            }
            List<String> dns = new ArrayList<>(List.of("localhost"));
            if (!hostName.isEmpty() && !hostName.equals("localhost")) {
                dns.add(hostName);
            }
            IssuedCertificate server = CertificateIssuer.issue(CertificateRequest.leaf("CN=" + hostName + ",O=Redoubt",
                            now, VALIDITY_DAYS, CertificateRequest.Usage.SERVER_AUTH)
                    .withDnsNames(dns.toArray(String[]::new)).withIpAddresses("127.0.0.1", "::1"), authority);
            PemWriter.write(key, PemWriter.privateKey(server.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
            PemWriter.write(cert, PemWriter.certificates(List.of(server.certificate(), authority.certificate())));
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("Cannot create the first-start TLS certificates in " + dir + ": "
                    + e.getMessage(), e);
        }
        return new FirstStartCertificates(ca, cert, key, caKey, true);
    }

    /** A CA key left in the serving folder by an earlier version moves to the CA folder. */
    private static void moveOldCaKey(Path old, Path caDir, Path caKey) throws IOException {
        if (!Files.exists(old)) {
            return;
        }
        if (Files.exists(caKey)) {
            Files.delete(old);
            return;
        }
        OwnerOnlyFiles.folder(caDir);
        Files.move(old, caKey, StandardCopyOption.ATOMIC_MOVE);
    }
}
