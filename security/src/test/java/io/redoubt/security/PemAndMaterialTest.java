package io.redoubt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemAndMaterialTest {
    @TempDir
    Path dir;

    private final Instant now = Instant.now();

    @ParameterizedTest
    @EnumSource(PemWriter.KeyFormat.class)
    void readsRsaAndEcKeysInEveryFormat(PemWriter.KeyFormat format) throws Exception {
        for (CertificateRequest.KeyType type : CertificateRequest.KeyType.values()) {
            IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=ca", now, 10)
                    .withKeyType(type));
            Path key = dir.resolve(type + "-" + format + ".key");
            Secret pass = format.name().endsWith("ENCRYPTED") ? Secret.of("s3cret pass") : Secret.none();
            PemWriter.write(key, PemWriter.privateKey(ca.privateKey(), format, pass));
            String text = Files.readString(key);
            assertThat(text).contains(switch (format) {
                case PKCS8 -> "BEGIN PRIVATE KEY";
                case PKCS8_ENCRYPTED -> "BEGIN ENCRYPTED PRIVATE KEY";
                case PKCS1, PKCS1_ENCRYPTED -> type == CertificateRequest.KeyType.RSA_2048
                        ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY";
            });
            assertThat(TlsMaterial.matches(PemReader.privateKey(key, pass), ca.certificate())).isTrue();
            if (!pass.isEmpty()) {
                assertThatThrownBy(() -> PemReader.privateKey(key, Secret.none()))
                        .hasMessageContaining("set tls-key-file-pass");
                assertThatThrownBy(() -> PemReader.privateKey(key, Secret.of("wrong")))
                        .hasMessageContaining("wrong tls-key-file-pass?").hasMessageNotContaining("s3cret");
            }
        }
    }

    @Test
    void writesOwnerOnlyFilesAndReadsChainsInOrder() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=ca", now, 10));
        IssuedCertificate leaf = CertificateIssuer.issue(CertificateRequest.leaf("CN=leaf", now, 10), ca);
        Path chain = dir.resolve("chain.pem");
        PemWriter.write(chain, PemWriter.certificates(List.of(leaf.certificate(), ca.certificate())));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chain))).isEqualTo("rw-------");
        assertThat(PemReader.certificates(chain)).containsExactly(leaf.certificate(), ca.certificate());
    }

    @Test
    void refusesMismatchedKeyExpiredAndFutureCertificates() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=ca", now, 10));
        IssuedCertificate leaf = CertificateIssuer.issue(CertificateRequest.leaf("CN=leaf", now, 10), ca);
        Path cert = write("cert.pem", leaf);
        Path otherKey = dir.resolve("other.key");
        PemWriter.write(otherKey, PemWriter.privateKey(ca.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
        TlsSettings s = TlsSettings.of(cert, otherKey, null).withAuthClients(ClientAuthMode.NO);
        assertThatThrownBy(() -> TlsMaterial.load(s, now)).hasMessageContaining("does not match");

        IssuedCertificate expired = CertificateIssuer.issue(CertificateRequest.leaf("CN=old", now, 10)
                .withValidity(now.minusSeconds(7200), now.minusSeconds(3600)), ca);
        Path expiredCert = write("expired.pem", expired);
        assertThatThrownBy(() -> TlsMaterial.load(s.withFiles(expiredCert, dir.resolve("expired.pem.key"),
                Secret.none()), now)).hasMessageContaining("expired");
        IssuedCertificate future = CertificateIssuer.issue(CertificateRequest.leaf("CN=new", now, 10)
                .withValidity(now.plusSeconds(3600), now.plusSeconds(7200)), ca);
        Path futureCert = write("future.pem", future);
        assertThatThrownBy(() -> TlsMaterial.load(s.withFiles(futureCert, dir.resolve("future.pem.key"),
                Secret.none()), now)).hasMessageContaining("not valid before");
        Files.writeString(dir.resolve("garbage.pem"), "not pem at all");
        assertThatThrownBy(() -> TlsMaterial.load(s.withFiles(dir.resolve("garbage.pem"), otherKey, Secret.none()), now))
                .hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> TlsMaterial.load(s.withFiles(dir.resolve("absent.pem"), otherKey, Secret.none()), now))
                .hasMessageContaining("no such file");
    }

    @Test
    void clientAuthenticationNeedsTrustedCas() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=ca", now, 10));
        IssuedCertificate leaf = CertificateIssuer.issue(CertificateRequest.leaf("CN=leaf", now, 10), ca);
        Path cert = write("cert.pem", leaf);
        assertThatThrownBy(() -> TlsMaterial.load(TlsSettings.of(cert, dir.resolve("cert.pem.key"), null), now))
                .hasMessageContaining("set tls-ca-cert-file or tls-ca-cert-dir");
    }

    @Test
    void refusesOldProtocolsAndCipherExpressions() throws Exception {
        assertThat(TlsProtocols.parse("")).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsProtocols.parse("tlsv1.3")).containsExactly("TLSv1.3");
        assertThatThrownBy(() -> TlsProtocols.parse("TLSv1.1 TLSv1.2")).hasMessageContaining("TLSv1.1 is refused");
        assertThatThrownBy(() -> TlsProtocols.parse("TLSv1")).hasMessageContaining("TLS 1.2 is the minimum");
        assertThatThrownBy(() -> TlsProtocols.parse("TLSv9")).hasMessageContaining("unknown protocol");
        assertThat(CipherPolicy.tls12("ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertThat(CipherPolicy.tls13("TLS_AES_256_GCM_SHA384")).containsExactly("TLS_AES_256_GCM_SHA384");
        assertThatThrownBy(() -> CipherPolicy.tls12("DEFAULT:!MEDIUM")).hasMessageContaining("cipher-string expression");
        assertThatThrownBy(() -> CipherPolicy.tls12("TLS_AES_128_GCM_SHA256")).hasMessageContaining("tls-ciphersuites");
        assertThatThrownBy(() -> CipherPolicy.tls13("NO-SUCH-CIPHER")).hasMessageContaining("unknown or unsupported");
    }

    @Test
    void firstStartCertificatesAreOwnerOnlyAndKept() throws Exception {
        FirstStartCertificates made = FirstStartCertificates.ensure(dir, "node1.example", now);
        assertThat(made.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.caCert().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.serverKey()))).isEqualTo("rw-------");
        assertThat(made.caKey().getParent()).isNotEqualTo(made.serverKey().getParent()); // not beside the server key
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.caKey()))).isEqualTo("rw-------");
        var leaf = PemReader.certificates(made.serverCert()).get(0);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList())
                .contains("localhost", "node1.example", "127.0.0.1");
        assertThat(leaf.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString())
                .anyMatch(ip -> ip.equals("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(java.time.Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays())
                .isBetween(365L, 366L);
        leaf.verify(PemReader.certificates(made.caCert()).get(0).getPublicKey());
        FirstStartCertificates again = FirstStartCertificates.ensure(dir, "node1.example", now);
        assertThat(again.created()).isFalse();
        assertThat(PemReader.certificates(again.serverCert()).get(0)).isEqualTo(leaf);
    }

    private Path write(String name, IssuedCertificate c) throws Exception {
        Path cert = dir.resolve(name);
        PemWriter.write(cert, PemWriter.certificates(List.of(c.certificate())));
        PemWriter.write(dir.resolve(name + ".key"), PemWriter.privateKey(c.privateKey(), PemWriter.KeyFormat.PKCS8,
                Secret.none()));
        return cert;
    }
}
