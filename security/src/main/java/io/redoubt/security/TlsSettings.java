package io.redoubt.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The validated TLS settings of one listener, with Redis's meaning for each (tls-cert-file, ...).
 * Immutable: a change (CONFIG SET, a file replaced on disk) builds a new context from a new record.
 *
 * @param certFile            server certificate chain (PEM), leaf first
 * @param keyFile             its private key (PEM)
 * @param keyPassword         decrypts an encrypted key
 * @param caCertFile          trusted CAs for client certificates, or null
 * @param caCertDir           a folder of trusted CA files, or null
 * @param crlFile             revoked client certificates, or null
 * @param authClients         whether clients must present a certificate
 * @param protocols           accepted versions (TLSv1.2, TLSv1.3)
 * @param ciphers             TLS 1.2 suites in preference order; empty for the provider's defaults
 * @param cipherSuites        TLS 1.3 suites in preference order; empty for the provider's defaults
 * @param allowedNames        accepted client CN or SAN values; empty accepts any
 * @param requiredSubject     the exact client subject DN required, or empty
 * @param userSource          which certificate name is the ACL user
 * @param handshakeTimeoutMillis a handshake not done by then closes the connection
 * @param provider            the TLS implementation
 */
public record TlsSettings(Path certFile, Path keyFile, Secret keyPassword, Path caCertFile, Path caCertDir,
                          Path crlFile, ClientAuthMode authClients, List<String> protocols, List<String> ciphers,
                          List<String> cipherSuites, boolean preferServerCiphers, boolean sessionCaching,
                          long sessionCacheSize, long sessionCacheTimeoutSecs, Set<String> allowedNames,
                          String requiredSubject, CertificateUserSource userSource, long handshakeTimeoutMillis,
                          TlsProvider provider) {
    public TlsSettings {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        cipherSuites = List.copyOf(cipherSuites);
        allowedNames = Set.copyOf(allowedNames);
        requiredSubject = requiredSubject == null ? "" : requiredSubject;
    }

    /** Server certificate and key only; everything else as Redis's defaults (tls-auth-clients yes). */
    public static TlsSettings of(Path certFile, Path keyFile, Path caCertFile) {
        return new TlsSettings(certFile, keyFile, Secret.none(), caCertFile, null, null, ClientAuthMode.YES,
                List.of(TlsProtocols.TLS13, TlsProtocols.TLS12), List.of(), List.of(), false, true, 20480, 300,
                Set.of(), "", CertificateUserSource.OFF, 10_000, TlsProvider.JDK);
    }

    /** The files whose change on disk means the context must be rebuilt (the CA folder's files included). */
    public List<Path> watchedPaths() {
        java.util.ArrayList<Path> list = new java.util.ArrayList<>();
        for (Path p : new Path[] {certFile, keyFile, caCertFile, crlFile, caCertDir}) {
            if (p != null) {
                list.add(p);
            }
        }
        return list;
    }

    public TlsSettings withFiles(Path cert, Path key, Secret password) {
        return new TlsSettings(cert, key, password, caCertFile, caCertDir, crlFile, authClients, protocols, ciphers,
                cipherSuites, preferServerCiphers, sessionCaching, sessionCacheSize, sessionCacheTimeoutSecs,
                allowedNames, requiredSubject, userSource, handshakeTimeoutMillis, provider);
    }

    public TlsSettings withAuthClients(ClientAuthMode mode) {
        return new TlsSettings(certFile, keyFile, keyPassword, caCertFile, caCertDir, crlFile, mode, protocols,
                ciphers, cipherSuites, preferServerCiphers, sessionCaching, sessionCacheSize, sessionCacheTimeoutSecs,
                allowedNames, requiredSubject, userSource, handshakeTimeoutMillis, provider);
    }

    public TlsSettings withProtocols(List<String> versions) {
        return new TlsSettings(certFile, keyFile, keyPassword, caCertFile, caCertDir, crlFile, authClients,
                versions, ciphers, cipherSuites, preferServerCiphers, sessionCaching, sessionCacheSize,
                sessionCacheTimeoutSecs, allowedNames, requiredSubject, userSource, handshakeTimeoutMillis, provider);
    }

    public TlsSettings withCiphers(List<String> tls12, List<String> tls13) {
        return new TlsSettings(certFile, keyFile, keyPassword, caCertFile, caCertDir, crlFile, authClients,
                protocols, tls12, tls13, preferServerCiphers, sessionCaching, sessionCacheSize,
                sessionCacheTimeoutSecs, allowedNames, requiredSubject, userSource, handshakeTimeoutMillis, provider);
    }

    public TlsSettings withClientNames(Set<String> names, String subject, CertificateUserSource source) {
        return new TlsSettings(certFile, keyFile, keyPassword, caCertFile, caCertDir, crlFile, authClients,
                protocols, ciphers, cipherSuites, preferServerCiphers, sessionCaching, sessionCacheSize,
                sessionCacheTimeoutSecs, names, subject, source, handshakeTimeoutMillis, provider);
    }

    public TlsSettings withProvider(TlsProvider p) {
        return new TlsSettings(certFile, keyFile, keyPassword, caCertFile, caCertDir, crlFile, authClients, protocols,
                ciphers, cipherSuites, preferServerCiphers, sessionCaching, sessionCacheSize, sessionCacheTimeoutSecs,
                allowedNames, requiredSubject, userSource, handshakeTimeoutMillis, p);
    }

    public TlsSettings withCrlFile(Path crl) {
        return new TlsSettings(certFile, keyFile, keyPassword, caCertFile, caCertDir, crl, authClients, protocols,
                ciphers, cipherSuites, preferServerCiphers, sessionCaching, sessionCacheSize, sessionCacheTimeoutSecs,
                allowedNames, requiredSubject, userSource, handshakeTimeoutMillis, provider);
    }
}
