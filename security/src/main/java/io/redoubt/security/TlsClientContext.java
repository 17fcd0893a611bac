package io.redoubt.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a link this server opens to another (a replica's link to its master, Redis's
 * {@code tls-replication}): it trusts the CAs of {@code tls-ca-cert-file} / {@code tls-ca-cert-dir}
 * and presents the client certificate ({@code tls-client-cert-file}, else {@code tls-cert-file}, as
 * Redis does) when the other side asks for one. Like Redis it verifies the peer's chain, not its host
 * name: replicas name their master by address, which certificates seldom carry.
 */
public final class TlsClientContext {
    private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

    private TlsClientContext() {
    }

    /**
     * A socket factory for the link.
     *
     * @param caFile   PEM CA certificates to trust, or null
     * @param caDir    a folder of PEM CA certificates to trust, or null
     * @param certFile the certificate (chain) to present, or null to present none
     * @param keyFile  its private key
     * @throws TlsConfigException when a file cannot be read or no CA is given
     */
    public static SSLSocketFactory socketFactory(Path caFile, Path caDir, Path certFile, Path keyFile,
            Secret keyPassword) throws TlsConfigException {
        List<X509Certificate> trusted = new ArrayList<>();
        if (caFile != null) {
            trusted.addAll(PemReader.certificates(caFile));
        }
        if (caDir != null) {
            try (Stream<Path> files = Files.list(caDir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    try {
                        trusted.addAll(PemReader.certificates(f));
                    } catch (TlsConfigException notACertificate) {
                        // OpenSSL's hashed folders hold links and other files: only certificates count
                    }
                }
            } catch (IOException e) {
                throw new TlsConfigException(caDir + ": cannot list the CA folder: " + e.getMessage(), e);
            }
        }
        if (trusted.isEmpty()) {
            throw new TlsConfigException("a TLS link to another server needs tls-ca-cert-file or tls-ca-cert-dir "
                    + "to verify it");
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                trust.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (certFile != null) {
                List<X509Certificate> chain = PemReader.certificates(certFile);
                PrivateKey key = PemReader.privateKey(keyFile, keyPassword);
                keys.setKeyEntry("client", key, STORE_PASSWORD, chain.toArray(new Certificate[0]));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("cannot set up TLS for the link: " + e.getMessage(), e);
        }
    }
}
