package io.redoubt.cse;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM-SIV (RFC 8452) from Bouncy Castle's lightweight API. Unlike GCM it stays safe when a nonce
 * repeats: the same key, nonce, AAD and plaintext give the same ciphertext and nothing more leaks, which is
 * what the deterministic mode uses (with a fixed nonce). Bouncy Castle 1.87 has no RFC 5297 AES-SIV in its
 * lightweight API, hence this mode.
 */
final class AesGcmSiv {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private AesGcmSiv() {
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        GCMSIVBlockCipher cipher = cipher(true, key, nonce, aad);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM-SIV failed to encrypt", e);
        }
        return out;
    }

    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length) {
        if (length < TAG_BYTES) {
            throw new TamperedValueException("value too short for its authentication tag");
        }
        GCMSIVBlockCipher cipher = cipher(false, key, nonce, aad);
        byte[] out = new byte[cipher.getOutputSize(length)];
        int n = cipher.processBytes(sealed, offset, length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new TamperedValueException("authentication failed: the value was changed, copied from "
                    + "another context, or sealed under another data key");
        }
        return out;
    }

    private static GCMSIVBlockCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
        GCMSIVBlockCipher cipher = new GCMSIVBlockCipher(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
        return cipher;
    }
}
