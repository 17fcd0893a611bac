package io.redoubt.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads PEM files as operators have them: certificate chains, RSA and EC private keys in PKCS#1/SEC1
 * ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}, optionally encrypted the OpenSSL way)
 * or PKCS#8 ({@code BEGIN PRIVATE KEY}, {@code BEGIN ENCRYPTED PRIVATE KEY}), and CRLs. Every failure
 * is a {@link TlsConfigException} naming the file.
 */
public final class PemReader {
    /** Bouncy Castle's provider, used here only (not installed process-wide): it has OpenSSL's key derivation. */
    static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private PemReader() {
    }

    /** The certificates of {@code file} in file order (leaf first for a chain); at least one. */
    public static List<X509Certificate> certificates(Path file) throws TlsConfigException {
        return certificates(objects(file), file.toString());
    }

    /** The certificates of PEM {@code text} (as an API request carries them), {@code name} saying whose. */
    public static List<X509Certificate> certificates(String text, String name) throws TlsConfigException {
        return certificates(objects(text, name), name);
    }

    private static List<X509Certificate> certificates(List<Object> objects, Object file) throws TlsConfigException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : objects) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    certs.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsConfigException(file + ": unreadable certificate: " + e.getMessage(), e);
                }
            }
        }
        if (certs.isEmpty()) {
            throw new TlsConfigException(file + ": no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certs);
    }

    /** The private key of {@code file}; {@code password} decrypts an encrypted key. */
    public static PrivateKey privateKey(Path file, Secret password) throws TlsConfigException {
        return privateKey(objects(file), file.toString(), password);
    }

    /** The unencrypted private key of PEM {@code text}, {@code name} saying whose. */
    public static PrivateKey privateKey(String text, String name) throws TlsConfigException {
        return privateKey(objects(text, name), name, Secret.none());
    }

    private static PrivateKey privateKey(List<Object> objects, Object file, Secret password)
            throws TlsConfigException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter(); // JDK keys: the JDK TLS engine signs with them
        for (Object o : objects) {
            try {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(file, password);
                    PEMKeyPair pair = encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password.reveal()));
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(file, password);
                    InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                            .build(password.reveal());
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
                }
            } catch (IOException | PKCSException | OperatorCreationException e) {
                throw new TlsConfigException(file + ": cannot decrypt or read the private key"
                        + " (wrong tls-key-file-pass?)", e);
            }
        }
        // named by block type only: a literal PEM header here would read as key material to secret scanners
        throw new TlsConfigException(file + ": no PEM private key found (expected a PEM block of type PRIVATE KEY, "
                + "RSA PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)");
    }

    /** The CRLs of {@code file}; at least one. */
    public static List<X509CRL> crls(Path file) throws TlsConfigException {
        List<X509CRL> crls = new ArrayList<>();
        JcaX509CRLConverter converter = new JcaX509CRLConverter();
        for (Object o : objects(file)) {
            if (o instanceof X509CRLHolder holder) {
                try {
                    crls.add(converter.getCRL(holder));
                } catch (CRLException e) {
                    throw new TlsConfigException(file + ": unreadable CRL: " + e.getMessage(), e);
                }
            }
        }
        if (crls.isEmpty()) {
            throw new TlsConfigException(file + ": no PEM CRL found (expected -----BEGIN X509 CRL-----)");
        }
        return List.copyOf(crls);
    }

    private static void requirePassword(Object file, Secret password) throws TlsConfigException {
        if (password.isEmpty()) {
            throw new TlsConfigException(file + ": the private key is encrypted: set tls-key-file-pass");
        }
    }

    private static List<Object> objects(Path file) throws TlsConfigException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return objects(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new TlsConfigException(file + ": not a readable PEM file: " + e.getMessage(), e);
        }
    }

    private static List<Object> objects(String text, String name) throws TlsConfigException {
        return objects(new java.io.StringReader(text == null ? "" : text), name);
    }

    private static List<Object> objects(Reader r, String name) throws TlsConfigException {
        List<Object> list = new ArrayList<>();
        try (PEMParser parser = new PEMParser(r)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                list.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException(name + ": not a readable PEM file: " + e.getMessage(), e);
        }
        return list;
    }
}
