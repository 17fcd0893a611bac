package io.redoubt.security.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.CertificateIssuer;
import io.redoubt.security.CertificateRequest;
import io.redoubt.security.CertificateRequest.Usage;
import io.redoubt.security.IssuedCertificate;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refusal of CertificateCheck, each with a certificate made wrong at test time. */
class CertificateCheckTest {
    private static final Instant NOW = Instant.now();
    private static IssuedCertificate ca;
    private static IssuedCertificate server;

    @BeforeAll
    static void makeAuthorityAndServer() throws Exception {
        ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=test CA", NOW, 30));
        server = CertificateIssuer.issue(CertificateRequest.leaf("CN=node1", NOW, 30, Usage.SERVER_AUTH)
                .withDnsNames("node1.example.com"), ca);
    }

    private static CertificateVerdict.Refused refused(CertificateVerdict verdict, CertificateRefusal reason) {
        assertThat(verdict).isInstanceOf(CertificateVerdict.Refused.class);
        CertificateVerdict.Refused refused = (CertificateVerdict.Refused) verdict;
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.message()).doesNotContain("\n").contains(": ");
        return refused;
    }

    @Test
    void acceptsAGoodChainFromPemAndFromObjects() throws Exception {
        List<X509Certificate> chain = List.of(server.certificate(), ca.certificate());
        assertThat(CertificateCheck.check(chain, server.privateKey(), List.of(), NOW).accepted()).isTrue();
        assertThat(CertificateCheck.check(chain, server.privateKey(), List.of(ca.certificate()), NOW).accepted())
                .isTrue();
        assertThat(CertificateCheck.check(List.of(server.certificate()), server.privateKey(),
                List.of(ca.certificate()), NOW).accepted()).as("the trust store completes the chain").isTrue();
        CertificateVerdict fromPem = CertificateCheck.check(PemWriter.certificates(chain),
                PemWriter.privateKey(server.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()), List.of(), NOW);
        assertThat(fromPem).isInstanceOfSatisfying(CertificateVerdict.Accepted.class,
                a -> assertThat(a.chain()).containsExactlyElementsOf(chain));
        assertThat(fromPem.toString()).doesNotContain("PRIVATE");
        // RSA keys and a self-signed server certificate (Redis Enterprise's own kind) pass too
        IssuedCertificate rsaSelfSigned = CertificateIssuer.selfSigned(CertificateRequest.leaf("CN=rsa", NOW, 30,
                Usage.SERVER_AUTH, Usage.CLIENT_AUTH).withKeyType(CertificateRequest.KeyType.RSA_2048));
        assertThat(CertificateCheck.check(List.of(rsaSelfSigned.certificate()), rsaSelfSigned.privateKey(), List.of(),
                NOW).accepted()).isTrue();
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws Exception {
        IssuedCertificate other = CertificateIssuer.issue(CertificateRequest.leaf("CN=other", NOW, 30), ca);
        var r = refused(CertificateCheck.check(List.of(server.certificate(), ca.certificate()), other.privateKey(),
                List.of(), NOW), CertificateRefusal.KEY_MISMATCH);
        assertThat(r.reason().code()).isEqualTo("key_values_mismatch");
        assertThat(r.message()).contains("does not belong to the certificate 'CN=node1'");
    }

    @Test
    void refusesExpiredAndNotYetValidCertificates() throws Exception {
        IssuedCertificate expired = CertificateIssuer.issue(CertificateRequest.leaf("CN=old", NOW, 30, Usage.SERVER_AUTH)
                .withValidity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35))), ca);
        assertThat(refused(CertificateCheck.check(List.of(expired.certificate(), ca.certificate()), expired.privateKey(),
                List.of(), NOW), CertificateRefusal.EXPIRED).message()).contains("'CN=old' expired at").endsWith("renew it");

        IssuedCertificate future = CertificateIssuer.issue(CertificateRequest.leaf("CN=new", NOW, 30, Usage.SERVER_AUTH)
                .withValidity(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(30))), ca);
        assertThat(refused(CertificateCheck.check(List.of(future.certificate(), ca.certificate()), future.privateKey(),
                List.of(), NOW), CertificateRefusal.NOT_YET_VALID).message()).contains("'CN=new' is not valid before");

        IssuedCertificate oldCa = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=old CA", NOW, 30)
                .withValidity(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1))));
        IssuedCertificate underOldCa = CertificateIssuer.issue(CertificateRequest.leaf("CN=leaf", NOW, 30,
                Usage.SERVER_AUTH).withValidity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10))), oldCa);
        assertThat(refused(CertificateCheck.check(List.of(underOldCa.certificate(), oldCa.certificate()),
                underOldCa.privateKey(), List.of(), NOW), CertificateRefusal.EXPIRED).message())
                .startsWith("Certificate 2 of the chain 'CN=old CA' expired");
    }

    @Test
    void refusesABrokenChain() throws Exception {
        var missing = refused(CertificateCheck.check(List.of(server.certificate()), server.privateKey(), List.of(), NOW),
                CertificateRefusal.CHAIN_INCOMPLETE);
        assertThat(missing.message()).contains("is issued by CN=test CA, which is missing");

        IssuedCertificate otherCa = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=other CA", NOW, 30));
        assertThat(refused(CertificateCheck.check(List.of(server.certificate(), otherCa.certificate()),
                server.privateKey(), List.of(), NOW), CertificateRefusal.CHAIN_INCOMPLETE).message())
                .contains("is not signed by the next certificate 'CN=other CA'");

        // same name, other key: the names match, the signature does not
        IssuedCertificate impostor = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=test CA", NOW, 30));
        assertThat(refused(CertificateCheck.check(List.of(server.certificate(), impostor.certificate()),
                server.privateKey(), List.of(), NOW), CertificateRefusal.CHAIN_INCOMPLETE).message())
                .contains("is not signed by the next certificate");

        assertThat(refused(CertificateCheck.check(List.of(server.certificate(), ca.certificate()), server.privateKey(),
                List.of(otherCa.certificate()), NOW), CertificateRefusal.CHAIN_INCOMPLETE).message())
                .contains("does not lead to a trusted CA");

        IssuedCertificate notCa = CertificateIssuer.issue(CertificateRequest.leaf("CN=plain leaf", NOW, 30), ca);
        IssuedCertificate underLeaf = CertificateIssuer.issue(CertificateRequest.leaf("CN=under leaf", NOW, 30,
                Usage.SERVER_AUTH), notCa);
        assertThat(refused(CertificateCheck.check(List.of(underLeaf.certificate(), notCa.certificate(),
                ca.certificate()), underLeaf.privateKey(), List.of(), NOW), CertificateRefusal.CHAIN_INCOMPLETE).message())
                .contains("'CN=plain leaf' signs another certificate but is not a CA");
    }

    @Test
    void refusesCertificatesNotForTlsServers() throws Exception {
        IssuedCertificate clientOnly = CertificateIssuer.issue(CertificateRequest.leaf("CN=client", NOW, 30,
                Usage.CLIENT_AUTH), ca);
        assertThat(refused(CertificateCheck.check(List.of(clientOnly.certificate(), ca.certificate()),
                clientOnly.privateKey(), List.of(), NOW), CertificateRefusal.NOT_FOR_SERVER_AUTH).message())
                .contains("lacks serverAuth");

        IssuedCertificate signOnlyCrl = OddCertificates.leaf("CN=crl signer", CertificateIssuer.newKeyPair(
                CertificateRequest.KeyType.EC_P256), ca, NOW, KeyUsage.cRLSign);
        assertThat(refused(CertificateCheck.check(List.of(signOnlyCrl.certificate(), ca.certificate()),
                signOnlyCrl.privateKey(), List.of(), NOW), CertificateRefusal.NOT_FOR_SERVER_AUTH).message())
                .contains("key usage without digitalSignature");

        // RSA limited to keyEncipherment serves only static-RSA suites, which TLS 1.3 and ECDHE are not
        IssuedCertificate rsaEncipherOnly = OddCertificates.leaf("CN=rsa", OddCertificates.rsa(2048), ca, NOW,
                KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth);
        assertThat(refused(CertificateCheck.check(List.of(rsaEncipherOnly.certificate(), ca.certificate()),
                rsaEncipherOnly.privateKey(), List.of(), NOW), CertificateRefusal.NOT_FOR_SERVER_AUTH).message())
                .contains("without digitalSignature");
        // anyExtendedKeyUsage allows serverAuth
        IssuedCertificate rsaAny = OddCertificates.leaf("CN=rsa any", OddCertificates.rsa(2048), ca, NOW,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.anyExtendedKeyUsage);
        assertThat(CertificateCheck.check(List.of(rsaAny.certificate(), ca.certificate()), rsaAny.privateKey(),
                List.of(), NOW).accepted()).isTrue();
    }

    @Test
    void refusesWeakKeys() throws Exception {
        IssuedCertificate weak = OddCertificates.leaf("CN=weak", OddCertificates.rsa(1024), ca, NOW, null,
                KeyPurposeId.id_kp_serverAuth);
        var r = refused(CertificateCheck.check(List.of(weak.certificate(), ca.certificate()), weak.privateKey(),
                List.of(), NOW), CertificateRefusal.WEAK_KEY);
        assertThat(r.message()).contains("'CN=weak' has a 1024-bit RSA key").contains("2048 bits or more");
    }

    @Test
    void refusesUnreadableAndEncryptedPem() throws Exception {
        String chain = PemWriter.certificates(List.of(server.certificate(), ca.certificate()));
        String key = PemWriter.privateKey(server.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none());
        assertThat(refused(CertificateCheck.check("not a certificate", key, List.of(), NOW),
                CertificateRefusal.UNREADABLE).message()).contains("not a PEM certificate chain");
        assertThat(refused(CertificateCheck.check(chain, chain, List.of(), NOW), CertificateRefusal.UNREADABLE)
                .message()).contains("not a PEM private key");
        String encrypted = PemWriter.privateKey(server.privateKey(), PemWriter.KeyFormat.PKCS8_ENCRYPTED,
                Secret.of("pass"));
        assertThat(refused(CertificateCheck.check(chain, encrypted, List.of(), NOW), CertificateRefusal.UNREADABLE)
                .message()).contains("is encrypted: send it unencrypted");
        assertThat(refused(CertificateCheck.check(List.of(), server.privateKey(), List.of(), NOW),
                CertificateRefusal.UNREADABLE).message()).contains("No certificate");
    }
}
