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
        X500Name name = name(request.subject());
        return new IssuedCertificate(build(request, name, keys.getPublic(), name, keys.getPrivate(), null),
                keys.getPrivate());
    }

    /** A certificate with a new key pair, signed by {@code issuer}. */
    public static IssuedCertificate issue(CertificateRequest request, IssuedCertificate issuer)
            throws GeneralSecurityException {
        KeyPair keys = newKeyPair(request.keyType());
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        return new IssuedCertificate(build(request, name(request.subject()), keys.getPublic(), issuerName,
                issuer.privateKey(), issuer.certificate()), keys.getPrivate());
    }

    /** A CRL from {@code issuer} revoking {@code serials}, valid from now for {@code days} days. */
    public static java.security.cert.X509CRL crl(IssuedCertificate issuer, List<BigInteger> serials,
                                                 java.time.Instant now, int days) throws GeneralSecurityException {
        X500Name name = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.X509v2CRLBuilder(name, Date.from(now));
        b.setNextUpdate(Date.from(now.plusSeconds(days * 86400L)));
        for (BigInteger serial : serials) {
            b.addCRLEntry(serial, Date.from(now), org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
        }
        try {
            String algorithm = issuer.privateKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(
                    b.build(new JcaContentSignerBuilder(algorithm).build(issuer.privateKey())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the CRL: " + e.getMessage(), e);
        }
    }

    /** Parsed as RFC 2253 (as the JDK and tls-auth-clients-subject read names), so text and encoding agree. */
    private static X500Name name(String subject) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(subject).getEncoded());
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
