package io.redoubt.it.node;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients that trust a node's cluster CA ({@code data/cluster-ca.pem}), as its operators are told to. */
final class ClusterAuthority {
    private ClusterAuthority() {
    }

    /** A TLS context (of {@code protocol}, e.g. "TLS" or "TLSv1.2") trusting only the CA in {@code pem}. */
    static SSLContext trusting(Path pem, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance(protocol);
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** An HTTPS client for the node's API. */
    static HttpClient httpClient(Path pem) throws Exception {
        return HttpClient.newBuilder().sslContext(trusting(pem, "TLS")).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
