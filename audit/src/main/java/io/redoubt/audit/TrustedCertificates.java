package io.redoubt.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client trusting only the CA certificates of one PEM file, so the syslog connection trusts the
 * operator's logging CA and nothing else (or, without a file, the JDK's default CAs).
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** A socket factory trusting the certificates in {@code pemFile}; null file: the JDK's defaults. */
    public static SSLSocketFactory socketFactory(Path pemFile) throws IOException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (pemFile == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Collection<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(pemFile)) {
                    certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certs.isEmpty()) {
                    throw new IOException("no certificate in " + pemFile);
                }
                int n = 0;
                for (Certificate c : certs) {
                    store.setCertificateEntry("ca-" + n++, c);
                }
                tmf.init(store);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA certificates in " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
