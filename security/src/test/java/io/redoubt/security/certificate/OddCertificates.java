package io.redoubt.security.certificate;

import io.redoubt.security.IssuedCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates {@code CertificateIssuer} will not make (it only makes good ones): a 1024-bit RSA key, a
 * key usage a TLS server cannot use. Built at test time.
 */
final class OddCertificates {
    private OddCertificates() {
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    /** A leaf for {@code keys}, signed by {@code issuer}, with the given key usage and extended key usage (or none). */
    static IssuedCertificate leaf(String subject, KeyPair keys, IssuedCertificate issuer, Instant now,
                                  Integer keyUsage, KeyPurposeId... purposes) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(86400)), new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (keyUsage != null) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (purposes.length > 0) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        }
        return new IssuedCertificate(sign(b, issuer.privateKey()), keys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(key)));
    }
}
