package io.redoubt.cse;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 128-bit tag from the JDK provider ({@code AES/GCM/NoPadding}). The caller supplies the
 * nonce: a 96-bit value that must never repeat under one key (the value format draws it at random).
 */
final class AesGcm {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    /** Cipher.getInstance looks the provider up each time, which cost more than sealing a small value. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    });

    private AesGcm() {
    }

    /** Returns ciphertext followed by the tag. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** Opens ciphertext followed by the tag; fails if any byte of it, the nonce, the key or the AAD differ. */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, offset, length);
        } catch (AEADBadTagException e) {
            throw new TamperedValueException("authentication failed: the value was changed, copied from "
                    + "another key or field, or sealed under another data key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        SecretKeySpec keySpec = new SecretKeySpec(key, "AES");
        GCMParameterSpec params = new GCMParameterSpec(TAG_BYTES * 8, nonce);
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(mode, keySpec, params);
        } catch (java.security.InvalidAlgorithmParameterException sameKeyAndNonceAsLastTime) {
            // The JDK refuses to encrypt twice in a row with one key and nonce on one Cipher. Random nonces
            // never repeat in practice; the known-answer tests do repeat them, on purpose.
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keySpec, params);
            CIPHERS.set(cipher);
        }
        return cipher;
    }
}
