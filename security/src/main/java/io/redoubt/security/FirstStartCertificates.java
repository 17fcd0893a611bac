package io.redoubt.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates a node makes for itself when TLS is on and none is configured: a private CA and a
 * server certificate it signs (365 days; names localhost, 127.0.0.1, ::1 and the host name), in a
 * {@code tls} folder of the data folder readable only by the owner. Clients trust the CA file
 * ({@code redis-cli --tls --cacert <data>/tls/ca.crt}). Existing files are kept, so a restart does not
 * change the certificate clients were told to trust.
 *
 * @param caCert     the CA certificate clients should trust
 * @param serverCert the server certificate chain
 * @param serverKey  its key (PKCS#8)
 * @param created    whether this call made them
 */
public record FirstStartCertificates(Path caCert, Path serverCert, Path serverKey, boolean created) {
    public static final int VALIDITY_DAYS = 365;

    /** The files in {@code dataDir/tls}, made now unless they exist. */
    public static FirstStartCertificates ensure(Path dataDir, String hostName, Instant now) throws TlsConfigException {
        Path dir = dataDir.resolve("tls");
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        if (Files.exists(cert) && Files.exists(key) && Files.exists(ca)) {
            return new FirstStartCertificates(ca, cert, key, false);
        }
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(dir);
                }
            }
            IssuedCertificate authority = CertificateIssuer.selfSigned(CertificateRequest.authority(
                    "CN=Redoubt node CA " + hostName + ",O=Redoubt", now, VALIDITY_DAYS));
            List<String> dns = new ArrayList<>(List.of("localhost"));
            if (!hostName.isEmpty() && !hostName.equals("localhost")) {
                dns.add(hostName);
            }
            IssuedCertificate server = CertificateIssuer.issue(CertificateRequest.leaf("CN=" + hostName + ",O=Redoubt",
                            now, VALIDITY_DAYS, CertificateRequest.Usage.SERVER_AUTH)
                    .withDnsNames(dns.toArray(String[]::new)).withIpAddresses("127.0.0.1", "::1"), authority);
            PemWriter.write(caKey, PemWriter.privateKey(authority.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
            PemWriter.write(ca, PemWriter.certificates(List.of(authority.certificate())));
            PemWriter.write(key, PemWriter.privateKey(server.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
            PemWriter.write(cert, PemWriter.certificates(List.of(server.certificate(), authority.certificate())));
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("Cannot create the first-start TLS certificates in " + dir + ": "
                    + e.getMessage(), e);
        }
        return new FirstStartCertificates(ca, cert, key, true);
    }
}
