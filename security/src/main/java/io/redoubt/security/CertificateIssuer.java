package io.redoubt.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 certificates: self-signed authorities and certificates signed by one. Used for a node's
 * first-start certificates and by tests, which make every certificate they need at run time. Serial
 * numbers are 128 random bits, so two certificates never share one.
 */
public final class CertificateIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A self-signed certificate (normally a CA) with a new key pair. */
    public static IssuedCertificate selfSigned(CertificateRequest request) throws GeneralSecurityException {
        KeyPair keys = newKeyPair(request.keyType());
        X500Name name = new X500Name(request.subject());
        return new IssuedCertificate(build(request, name, keys.getPublic(), name, keys.getPrivate(), null),
                keys.getPrivate());
    }

    /** A certificate with a new key pair, signed by {@code issuer}. */
    public static IssuedCertificate issue(CertificateRequest request, IssuedCertificate issuer)
            throws GeneralSecurityException {
        KeyPair keys = newKeyPair(request.keyType());
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        return new IssuedCertificate(build(request, new X500Name(request.subject()), keys.getPublic(), issuerName,
                issuer.privateKey(), issuer.certificate()), keys.getPrivate());
    }

    public static KeyPair newKeyPair(CertificateRequest.KeyType type) throws GeneralSecurityException {
        KeyPairGenerator g;
        if (type == CertificateRequest.KeyType.RSA_2048) {
            g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
        } else {
            g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        }
        return g.generateKeyPair();
    }

    private static X509Certificate build(CertificateRequest r, X500Name subject, PublicKey publicKey,
                                         X500Name issuer, PrivateKey signingKey, X509Certificate issuerCert)
            throws GeneralSecurityException {
        BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(r.notBefore()),
                Date.from(r.notAfter()), subject, publicKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            }
            if (r.ca()) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                int ku = KeyUsage.digitalSignature;
                if (r.keyType() == CertificateRequest.KeyType.RSA_2048) {
                    ku |= KeyUsage.keyEncipherment;
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(ku));
            }
            if (!r.usages().isEmpty()) {
                List<KeyPurposeId> purposes = new ArrayList<>();
                for (CertificateRequest.Usage u : r.usages()) {
                    purposes.add(u == CertificateRequest.Usage.SERVER_AUTH ? KeyPurposeId.id_kp_serverAuth
                            : KeyPurposeId.id_kp_clientAuth);
                }
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            List<GeneralName> names = new ArrayList<>();
            r.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            r.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            r.emails().forEach(n -> names.add(new GeneralName(GeneralName.rfc822Name, n)));
            r.uris().forEach(n -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, n)));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            String algorithm = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
        }
    }
}
