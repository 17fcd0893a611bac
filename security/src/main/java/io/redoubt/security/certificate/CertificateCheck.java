package io.redoubt.security.certificate;

import io.redoubt.security.PemReader;
import io.redoubt.security.TlsConfigException;
import io.redoubt.security.TlsMaterial;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Decides whether a certificate and key offered for a plane ({@code PUT /v1/cluster/certificates}) can
 * replace the one in use, before anything uses it. In order, the first failure wins:
 * <ol>
 *   <li>the PEM texts hold a certificate chain and an unencrypted private key;</li>
 *   <li>every key in the chain is strong enough: RSA of at least 2048 bits, EC on a curve of at least
 *       256 bits, or Ed25519/Ed448;</li>
 *   <li>the key belongs to the first (leaf) certificate;</li>
 *   <li>every certificate of the chain is valid at {@code now} (not expired, not yet-valid);</li>
 *   <li>the chain is complete: each certificate is signed by the next one, which is a CA, and the last
 *       one signs itself or, when trust anchors are given, is one of them or is signed by one (then a
 *       self-signed root outside the anchors is refused);</li>
 *   <li>the leaf may be used by a TLS server: its key usage, when present, allows digital signatures
 *       (TLS 1.3 and every ECDHE suite sign with the key; an RSA key limited to keyEncipherment would
 *       only serve static-RSA suites, which Redoubt does not offer), and its extended key usage, when
 *       present, includes serverAuth or anyExtendedKeyUsage.</li>
 * </ol>
 * Stateless; every refusal is one line.
 */
public final class CertificateCheck {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private CertificateCheck() {
    }

    /** Checks PEM texts as an API request carries them: the chain (leaf first) and the key. */
    public static CertificateVerdict check(String certificatePem, String keyPem,
                                           Collection<X509Certificate> trustAnchors, Instant now) {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemReader.certificates(certificatePem, "certificate");
        } catch (TlsConfigException e) {
            return refused(CertificateRefusal.UNREADABLE, "The certificate is not a PEM certificate chain: send the "
                    + "certificate and its chain as PEM, leaf first");
        }
        if (keyPem != null && keyPem.contains("ENCRYPTED")) {
            return refused(CertificateRefusal.UNREADABLE, "The private key is encrypted: send it unencrypted (the "
                    + "node encrypts it at rest)");
        }
        try {
            key = PemReader.privateKey(keyPem, "key");
        } catch (TlsConfigException e) {
            return refused(CertificateRefusal.UNREADABLE, "The key is not a PEM private key: send an unencrypted "
                    + "RSA, EC or Ed25519 private key as PEM");
        }
        return check(chain, key, trustAnchors, now);
    }

    /** Checks a parsed chain (leaf first) and key. */
    public static CertificateVerdict check(List<X509Certificate> chain, PrivateKey key,
                                           Collection<X509Certificate> trustAnchors, Instant now) {
        if (chain.isEmpty()) {
            return refused(CertificateRefusal.UNREADABLE, "No certificate was given: send the certificate and its "
                    + "chain, leaf first");
        }
        for (int i = 0; i < chain.size(); i++) {
            String weakness = weakness(chain.get(i).getPublicKey());
            if (weakness != null) {
                return refused(CertificateRefusal.WEAK_KEY, describe(chain, i) + " has " + weakness
                        + ": use RSA of 2048 bits or more, or EC P-256 or stronger");
            }
        }
        X509Certificate leaf = chain.get(0);
        if (!TlsMaterial.matches(key, leaf)) {
            return refused(CertificateRefusal.KEY_MISMATCH, "The private key does not belong to the certificate "
                    + subject(leaf) + ": send the key the certificate was issued for");
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            if (now.isAfter(c.getNotAfter().toInstant())) {
                return refused(CertificateRefusal.EXPIRED, describe(chain, i) + " expired at "
                        + c.getNotAfter().toInstant() + ": renew it");
            }
            if (now.isBefore(c.getNotBefore().toInstant())) {
                return refused(CertificateRefusal.NOT_YET_VALID, describe(chain, i) + " is not valid before "
                        + c.getNotBefore().toInstant() + ": check the clocks or wait until then");
            }
        }
        String chainProblem = chainProblem(chain, trustAnchors);
        if (chainProblem != null) {
            return refused(CertificateRefusal.CHAIN_INCOMPLETE, chainProblem);
        }
        String usageProblem = serverUsageProblem(leaf);
        if (usageProblem != null) {
            return refused(CertificateRefusal.NOT_FOR_SERVER_AUTH, usageProblem);
        }
        return new CertificateVerdict.Accepted(chain, key);
    }

    private static String weakness(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> rsa.getModulus().bitLength() < 2048
                    ? "a " + rsa.getModulus().bitLength() + "-bit RSA key" : null;
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize() < 256
                    ? "a " + ec.getParams().getCurve().getField().getFieldSize() + "-bit EC key" : null;
            default -> switch (key.getAlgorithm()) {
                case "Ed25519", "Ed448", "EdDSA" -> null;
                default -> "a " + key.getAlgorithm() + " key, which TLS servers here do not use";
            };
        };
    }

    private static String chainProblem(List<X509Certificate> chain, Collection<X509Certificate> anchors) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())
                    || !signedBy(child, parent.getPublicKey())) {
                return describe(chain, i) + " is not signed by the next certificate " + subject(parent)
                        + ": send the chain in order, leaf first, each followed by its issuer";
            }
            if (parent.getBasicConstraints() < 0) {
                return describe(chain, i + 1) + " signs another certificate but is not a CA: send the issuer's "
                        + "CA certificate";
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        boolean selfSigned = last.getIssuerX500Principal().equals(last.getSubjectX500Principal())
                && signedBy(last, last.getPublicKey());
        if (anchors.isEmpty()) {
            return selfSigned ? null : describe(chain, chain.size() - 1) + " is issued by "
                    + last.getIssuerX500Principal().getName() + ", which is missing: add the issuer's certificates "
                    + "up to the root to the chain";
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.equals(last) || (last.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())
                    && signedBy(last, anchor.getPublicKey()))) {
                return null;
            }
        }
        return describe(chain, chain.size() - 1) + " does not lead to a trusted CA: add the missing issuer "
                + "certificates, or trust its root CA first";
    }

    private static boolean signedBy(X509Certificate cert, PublicKey issuerKey) {
        try {
            cert.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String serverUsageProblem(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !(keyUsage.length > 0 && keyUsage[0])) {
            return "The certificate " + subject(leaf) + " has a key usage without digitalSignature, which TLS 1.3 "
                    + "and ECDHE need: issue one with digitalSignature";
        }
        List<String> extended;
        try {
            extended = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "The certificate " + subject(leaf) + " has an unreadable extended key usage: issue it again";
        }
        if (extended != null && !extended.contains(SERVER_AUTH) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
            return "The certificate " + subject(leaf) + " is not for TLS servers (its extended key usage lacks "
                    + "serverAuth): issue one with serverAuth";
        }
        return null;
    }

    private static String describe(List<X509Certificate> chain, int index) {
        return (index == 0 ? "The certificate " : "Certificate " + (index + 1) + " of the chain ")
                + subject(chain.get(index));
    }

    /** The subject, quoted, cut to one short line (it comes from the request). */
    private static String subject(X509Certificate c) {
        String name = c.getSubjectX500Principal().getName().replaceAll("[\\r\\n\\t]", " ");
        return "'" + (name.length() > 120 ? name.substring(0, 120) + "..." : name) + "'";
    }

    private static CertificateVerdict refused(CertificateRefusal reason, String message) {
        return new CertificateVerdict.Refused(reason, message);
    }
}
