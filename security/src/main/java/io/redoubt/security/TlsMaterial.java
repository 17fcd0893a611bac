package io.redoubt.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The certificates and keys a listener uses, read from the configured files and checked together: the
 * key belongs to the certificate, the certificate is within its validity period, the trusted CAs and
 * CRL parse. A replacement that fails any check never reaches a listener.
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted,
                          List<X509CRL> crls) {
    public TlsMaterial {
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
        crls = List.copyOf(crls);
    }

    /** Reads and checks the files named by {@code s} at time {@code now}. */
    public static TlsMaterial load(TlsSettings s, Instant now) throws TlsConfigException {
        if (s.certFile() == null || s.keyFile() == null) {
            throw new TlsConfigException("TLS needs tls-cert-file and tls-key-file");
        }
        List<X509Certificate> chain = PemReader.certificates(s.certFile());
        PrivateKey key = PemReader.privateKey(s.keyFile(), s.keyPassword());
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf)) {
            throw new TlsConfigException(s.keyFile() + ": the private key does not match the certificate in "
                    + s.certFile());
        }
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new TlsConfigException(s.certFile() + ": the certificate expired on " + leaf.getNotAfter().toInstant());
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new TlsConfigException(s.certFile() + ": the certificate is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        List<X509Certificate> trusted = new ArrayList<>();
        if (s.caCertFile() != null) {
            trusted.addAll(PemReader.certificates(s.caCertFile()));
        }
        if (s.caCertDir() != null) {
            trusted.addAll(directory(s.caCertDir()));
        }
        if (s.authClients() != ClientAuthMode.NO && trusted.isEmpty()) {
            throw new TlsConfigException("tls-auth-clients " + s.authClients().word()
                    + " needs trusted CAs: set tls-ca-cert-file or tls-ca-cert-dir");
        }
        List<X509CRL> crls = s.crlFile() == null ? List.of() : PemReader.crls(s.crlFile());
        return new TlsMaterial(chain, key, trusted, crls);
    }

    /** Every certificate in the folder's regular files; files that hold none are skipped (hash links, READMEs). */
    private static List<X509Certificate> directory(Path dir) throws TlsConfigException {
        if (!Files.isDirectory(dir)) {
            throw new TlsConfigException("tls-ca-cert-dir: " + dir + " is not a folder");
        }
        List<X509Certificate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    out.addAll(PemReader.certificates(f));
                } catch (TlsConfigException e) {
                    // not a certificate file
                }
            }
        } catch (IOException e) {
            throw new TlsConfigException("tls-ca-cert-dir: cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new TlsConfigException("tls-ca-cert-dir: " + dir + " holds no PEM certificate");
        }
        return out;
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    public static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
