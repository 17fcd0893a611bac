package io.redoubt.security.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.CertificateIssuer;
import io.redoubt.security.CertificateRequest;
import io.redoubt.security.TlsMaterial;
import io.redoubt.security.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {
    private static final byte[] FIXED_KEY = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] FIXED_NONCE = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final String GOLDEN = "/golden/sealed-secret-v1.hex";

    @TempDir
    Path dir;

    private final SecretSealer sealer = new SecretSealer(NodeMasterKey.generate());

    @Test
    void sealsAndUnsealsWithAFreshNonceEveryTime() throws Exception {
        byte[] secret = "s3cret backup key".getBytes(StandardCharsets.UTF_8);
        byte[] a = sealer.seal(secret, "backup/s3/secret_access_key");
        byte[] b = sealer.seal(secret, "backup/s3/secret_access_key");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(a).hasSize(1 + 8 + 12 + secret.length + 16);
        assertThat(sealer.unseal(a, "backup/s3/secret_access_key")).isEqualTo(secret);
        assertThat(sealer.unseal(b, "backup/s3/secret_access_key")).isEqualTo(secret);
        assertThat(sealer.unseal(sealer.seal(new byte[0], "empty"), "empty")).isEmpty();
    }

    @Test
    void sealsPrivateKeys() throws Exception {
        for (CertificateRequest.KeyType type : CertificateRequest.KeyType.values()) {
            IssuedCertificate cert = CertificateIssuer.selfSigned(CertificateRequest.leaf("CN=api", Instant.now(), 1)
                    .withKeyType(type));
            byte[] envelope = sealer.sealPrivateKey(cert.privateKey(), "certificate/api/key");
            PrivateKey back = sealer.unsealPrivateKey(envelope, "certificate/api/key");
            assertThat(back.getEncoded()).isEqualTo(cert.privateKey().getEncoded());
            assertThat(TlsMaterial.matches(back, cert.certificate())).isTrue();
        }
        byte[] notAKey = sealer.seal(new byte[] {1, 2, 3}, "certificate/cm/key");
        assertThatThrownBy(() -> sealer.unsealPrivateKey(notAKey, "certificate/cm/key"))
                .hasMessageContaining("is not a private key");
    }

    @Test
    void aWrongKeyATamperedEnvelopeOrAnotherPurposeFailClearly() {
        byte[] envelope = sealer.seal("secret".getBytes(StandardCharsets.UTF_8), "certificate/api/key");
        SecretSealer other = new SecretSealer(NodeMasterKey.generate());
        assertThatThrownBy(() -> other.unseal(envelope, "certificate/api/key"))
                .isInstanceOf(SealedSecretException.class)
                .hasMessageContaining("was sealed under master key").hasMessageContaining("start the node with the "
                        + "master key it was sealed with");
        assertThatThrownBy(() -> sealer.unseal(envelope, "certificate/cm/key"))
                .hasMessageContaining("altered or was sealed for another purpose");
        for (int i = 9; i < envelope.length; i++) {
            byte[] tampered = envelope.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> sealer.unseal(tampered, "certificate/api/key")).as("byte " + i)
                    .hasMessageContaining("was altered");
        }
        byte[] keyIdChanged = envelope.clone();
        keyIdChanged[3] ^= 0x01;
        assertThatThrownBy(() -> sealer.unseal(keyIdChanged, "certificate/api/key"))
                .hasMessageContaining("was sealed under master key");
        byte[] format = envelope.clone();
        format[0] = 2;
        assertThatThrownBy(() -> sealer.unseal(format, "certificate/api/key"))
                .hasMessageContaining("has format 2, this node reads format 1: upgrade the node");
        assertThatThrownBy(() -> sealer.unseal(java.util.Arrays.copyOf(envelope, 36), "certificate/api/key"))
                .hasMessageContaining("is truncated (36 bytes, at least 37 needed)");
        assertThatThrownBy(() -> sealer.unseal(null, "x")).hasMessageContaining("truncated");
    }

    /**
     * Pins envelope format 1: a fixed key and nonce must give the golden bytes, the golden bytes must
     * open with today's code, and they must open with nothing but the JDK's AES/GCM and the layout the
     * Javadoc documents (so the format is what it says, not whatever the code happens to write).
     */
    @Test
    void goldenEnvelopeFormatOne() throws Exception {
        NodeMasterKey key = NodeMasterKey.of(FIXED_KEY);
        SecretSealer fixed = new SecretSealer(key);
        byte[] plain = "redoubt golden secret".getBytes(StandardCharsets.UTF_8);
        byte[] golden;
        try (var in = getClass().getResourceAsStream(GOLDEN)) {
            golden = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        assertThat(HexFormat.of().formatHex(fixed.seal(plain, "golden/purpose", FIXED_NONCE)))
                .isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(fixed.unseal(golden, "golden/purpose")).isEqualTo(plain);

        assertThat(golden[0]).isEqualTo((byte) 1);
        assertThat(HexFormat.of().formatHex(golden, 1, 9)).isEqualTo(key.keyId());
        assertThat(java.util.Arrays.copyOfRange(golden, 9, 21)).isEqualTo(FIXED_NONCE);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(FIXED_KEY, "AES"), new GCMParameterSpec(128, FIXED_NONCE));
        jdk.updateAAD(java.util.Arrays.copyOf(golden, 9));
        jdk.updateAAD("golden/purpose".getBytes(StandardCharsets.UTF_8));
        assertThat(jdk.doFinal(golden, 21, golden.length - 21)).isEqualTo(plain);
    }

    @Test
    void masterKeyFileIsOwnerOnlyKeptAcrossLoadsAndRefusedWhenOthersMayReadIt() throws Exception {
        Path keys = dir.resolve("keys");
        NodeMasterKey first = NodeMasterKey.loadOrCreate(keys);
        Path file = keys.resolve(NodeMasterKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(Files.size(file)).isEqualTo(37);
        try (var listing = Files.list(keys)) {
            assertThat(listing).containsExactly(file);
        }
        NodeMasterKey again = NodeMasterKey.loadOrCreate(keys);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        byte[] sealed = new SecretSealer(first).seal(new byte[] {42}, "p");
        assertThat(new SecretSealer(again).unseal(sealed, "p")).containsExactly(42);
        assertThat(first.toString()).isEqualTo("NodeMasterKey[id=" + first.keyId() + "]");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> NodeMasterKey.loadOrCreate(keys)).hasMessageContaining("may be read by other users")
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> NodeMasterKey.load(file)).hasMessageContaining("is not a Redoubt master key file");
    }

    @Test
    void derivedKeysDifferPerPurposeAndAreStable() {
        NodeMasterKey key = NodeMasterKey.of(FIXED_KEY);
        assertThat(key.deriveKey("jwt-signing")).hasSize(32).isEqualTo(NodeMasterKey.of(FIXED_KEY).deriveKey("jwt-signing"))
                .isNotEqualTo(key.deriveKey("other")).isNotEqualTo(FIXED_KEY);
    }
}
