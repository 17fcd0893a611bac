package io.redoubt.it.tls;

import io.redoubt.security.CertificateIssuer;
import io.redoubt.security.CertificateRequest;
import io.redoubt.security.IssuedCertificate;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates made at test time: a CA, a server certificate it signs, client certificates, PEM files. */
final class TestPki {
    static final char[] STORE_PASS = "changeit".toCharArray();
    final Path dir;
    final Instant now = Instant.now();
    final IssuedCertificate ca;
    final IssuedCertificate server;
    final Path caFile;
    final Path serverCert;
    final Path serverKey;

    TestPki(Path dir) throws Exception {
        this.dir = dir;
        ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=Test CA,O=Redoubt tests", now, 90));
        server = serverCertificate("server");
        caFile = writeCert("ca.crt", ca);
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        writePair(server, serverCert, serverKey);
    }

    IssuedCertificate serverCertificate(String cn) throws Exception {
        return CertificateIssuer.issue(CertificateRequest.leaf("CN=" + cn, now, 90, CertificateRequest.Usage.SERVER_AUTH)
                .withDnsNames("localhost").withIpAddresses("127.0.0.1", "::1"), ca);
    }

    IssuedCertificate client(String cn) throws Exception {
        return CertificateIssuer.issue(CertificateRequest.leaf("CN=" + cn, now, 90, CertificateRequest.Usage.CLIENT_AUTH), ca);
    }

    Path writeCert(String name, IssuedCertificate c) throws Exception {
        Path f = dir.resolve(name);
        PemWriter.write(f, PemWriter.certificates(List.of(c.certificate())));
        return f;
    }

    void writePair(IssuedCertificate c, Path cert, Path key) throws Exception {
        PemWriter.write(cert, PemWriter.certificates(List.of(c.certificate())));
        PemWriter.write(key, PemWriter.privateKey(c.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
    }

    /** Writes {@code c} as {@code name.crt} and {@code name.key}; returns the certificate's path. */
    Path writePair(String name, IssuedCertificate c) throws Exception {
        Path cert = dir.resolve(name + ".crt");
        writePair(c, cert, dir.resolve(name + ".key"));
        return cert;
    }

    /** A client TLS context that trusts {@link #ca} and presents {@code client} (or nothing when null). */
    SSLContext clientContext(IssuedCertificate client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("client", client.privateKey(), STORE_PASS, new Certificate[] {client.certificate()});
        }
        kmf.init(keys, STORE_PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
