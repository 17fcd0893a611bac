package io.redoubt.cse;

import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One unwrapped data key, split into a subkey per mode: the randomized (GCM) and the deterministic
 * (GCM-SIV) modes must not share an AES key, since GCM's hash key E(K, 0) is also the first block
 * GCM-SIV derives from a zero nonce. The subkeys are HKDF-Expand (RFC 5869, one block of HMAC-SHA-256)
 * of the random data key, which needs no extract step because the data key is already uniform.
 */
final class DataKey {
    final int id;
    final byte[] randomizedKey;
    final byte[] deterministicKey;

    DataKey(int id, byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("a data key has 32 bytes, got " + raw.length);
        }
        this.id = id;
        this.randomizedKey = expand(raw, "redoubt-cse v1 aes-256-gcm");
        this.deterministicKey = expand(raw, "redoubt-cse v1 aes-256-gcm-siv");
    }

    private static byte[] expand(byte[] prk, String info) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
            hmac.update(info.getBytes(StandardCharsets.US_ASCII));
            hmac.update((byte) 1);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "DataKey[id=" + id + ", ***]";
    }
}
