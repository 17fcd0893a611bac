package io.redoubt.security;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.MiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Writes certificates, keys and CRLs as PEM. Files are written whole to a temporary file readable only
 * by the owner, then moved into place, so a reader (the file watcher) never sees half a file and a key
 * is never readable by others, not even for a moment.
 */
public final class PemWriter {
    /** The private key encodings operators meet. */
    public enum KeyFormat { PKCS8, PKCS1, PKCS8_ENCRYPTED, PKCS1_ENCRYPTED }

    private PemWriter() {
    }

    public static String certificates(List<X509Certificate> certs) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        }
        return out.toString();
    }

    public static String crl(X509CRL crl) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(crl);
        }
        return out.toString();
    }

    /** The key in {@code format}; the encrypted formats use {@code password}. */
    public static String privateKey(PrivateKey key, KeyFormat format, Secret password) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            switch (format) {
                case PKCS8 -> w.writeObject(new JcaPKCS8Generator(key, null));
                case PKCS1 -> w.writeObject(new MiscPEMGenerator(withCurve(key)));
                case PKCS8_ENCRYPTED -> {
                    PemObjectGenerator g = new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                            JcaPKCS8Generator.AES_256_CBC).setProvider(PemReader.BC).setRandom(new SecureRandom())
                            .setPassword(password.reveal()).build());
                    w.writeObject(g);
                }
                case PKCS1_ENCRYPTED -> w.writeObject(new MiscPEMGenerator(withCurve(key),
                        new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(PemReader.BC).setSecureRandom(new SecureRandom())
                                .build(password.reveal())));
            }
        } catch (OperatorCreationException e) {
            throw new IOException("cannot encrypt the key: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * The key as PKCS#8 whose inner EC key names its curve: OpenSSL's {@code EC PRIVATE KEY} carries the
     * curve, and the JDK's encoding leaves it to the outer structure, which PKCS#1/SEC1 output drops.
     */
    private static PrivateKeyInfo withCurve(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return info;
        }
        ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
        if (ec.getParametersObject() != null) {
            return info;
        }
        int bits = ((java.security.interfaces.ECPrivateKey) key).getParams().getOrder().bitLength();
        ECPrivateKey named = new ECPrivateKey(bits, ec.getKey(), ec.getPublicKey(),
                info.getPrivateKeyAlgorithm().getParameters());
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), named);
    }

    /** Writes {@code pem} to {@code file} with owner-only permissions, replacing it atomically. */
    public static void write(Path file, String pem) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            OwnerOnlyFiles.newFile(tmp);
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file " + tmp + " exists", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
