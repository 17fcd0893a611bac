package io.redoubt.cse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seals and opens values in the stored format, version 1:
 *
 * <pre>
 *   randomized:    01 00 | key id (4, big-endian) | nonce (12) | AES-256-GCM ciphertext | tag (16)
 *   deterministic: 01 01 | key id (4, big-endian) |              AES-256-GCM-SIV ciphertext | tag (16)
 * </pre>
 *
 * The six header bytes and the value's context (which Redis key, which hash field, or the caller's
 * namespace for deterministic values) are the associated data: changing any stored byte, moving a value to
 * another key or field, or cutting it short fails with {@link TamperedValueException}. The randomized mode
 * draws a fresh 96-bit nonce per value (safe for about 2^32 values per data key; rotate well before that).
 *
 * <p>The deterministic mode uses a fixed all-zero nonce, so <b>equal plaintexts in the same context under
 * the same data key give equal ciphertexts</b>: whoever sees the stored values learns which are equal (and,
 * as always, their lengths). That is exactly what lets the server find a hash field, a set member or a key
 * by equality, and it is all GCM-SIV leaks. Use it only where equality lookups are needed.
 *
 * <p>Thread-safe: one instance serves every thread of an application.
 */
public final class ValueEncryptor {
    static final byte FORMAT_VERSION = 1;
    static final byte MODE_RANDOMIZED = 0;
    static final byte MODE_DETERMINISTIC = 1;
    static final int HEADER_BYTES = 6;
    private static final byte[] ZERO_NONCE = new byte[AesGcmSiv.NONCE_BYTES];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keyring keyring;

    public ValueEncryptor(Keyring keyring) {
        this.keyring = keyring;
    }

    public Keyring keyring() {
        return keyring;
    }

    /** Seals the value of the string at {@code key}. */
    public byte[] seal(byte[] key, byte[] value) {
        return sealRandomized(context('k', key, null), value);
    }

    public byte[] open(byte[] key, byte[] stored) {
        return openRandomized(context('k', key, null), stored);
    }

    /** Seals the value of {@code field} in the hash at {@code key}: it opens under that field only. */
    public byte[] sealField(byte[] key, byte[] field, byte[] value) {
        return sealRandomized(context('h', key, field), value);
    }

    public byte[] openField(byte[] key, byte[] field, byte[] stored) {
        return openRandomized(context('h', key, field), stored);
    }

    /** Seals an element of the list at {@code key} (randomized: equal elements look different). */
    public byte[] sealElement(byte[] key, byte[] element) {
        return sealRandomized(context('l', key, null), element);
    }

    public byte[] openElement(byte[] key, byte[] stored) {
        return openRandomized(context('l', key, null), stored);
    }

    /**
     * Seals a member of the set at {@code key} deterministically, so that SADD deduplicates and SISMEMBER
     * and SREM find it. The set's key is the namespace, so what leaks is equality within
     * this set (which a set reveals anyway, since members are unique) and each member's length; after a data
     * key rotation a member sealed under the old key and the same member under the new one differ, so re-encrypt
     * sets ({@link Reencryptor}) before relying on SISMEMBER across a rotation.
     */
    public byte[] sealMember(byte[] key, byte[] member) {
        return sealDeterministic('s', key, member);
    }

    public byte[] openMember(byte[] key, byte[] stored) {
        return openDeterministic('s', key, stored);
    }

    /**
     * Seals {@code value} deterministically within {@code namespace} (for example the set's key, the hash's
     * key for field names, or an application name for key names). Leaks equality: see the class comment.
     */
    public byte[] sealDeterministic(byte[] namespace, byte[] value) {
        return sealDeterministic('d', namespace, value);
    }

    public byte[] openDeterministic(byte[] namespace, byte[] stored) {
        return openDeterministic('d', namespace, stored);
    }

    /**
     * {@code value} sealed deterministically under every data key of the keyring, the current one first:
     * during a rotation a key name or member written under the old data key is only found by looking up
     * each of these (for example EXISTS, or MGET, then take the first hit).
     */
    public List<byte[]> lookupCandidates(byte[] namespace, byte[] value) {
        List<byte[]> out = new ArrayList<>();
        for (DataKey key : keyring.currentFirst()) {
            out.add(sealDeterministic(key, 'd', namespace, value));
        }
        return out;
    }

    private byte[] sealDeterministic(char kind, byte[] namespace, byte[] value) {
        return sealDeterministic(keyring.current(), kind, namespace, value);
    }

    private static byte[] sealDeterministic(DataKey key, char kind, byte[] namespace, byte[] value) {
        byte[] header = header(MODE_DETERMINISTIC, key.id);
        byte[] sealed = AesGcmSiv.seal(key.deterministicKey, ZERO_NONCE, aad(header, context(kind, namespace, null)),
                value);
        return concat(header, sealed);
    }

    private byte[] openDeterministic(char kind, byte[] namespace, byte[] stored) {
        DataKey key = keyring.get(checkHeader(stored, MODE_DETERMINISTIC, AesGcmSiv.TAG_BYTES));
        byte[] aad = aad(Arrays.copyOf(stored, HEADER_BYTES), context(kind, namespace, null));
        return AesGcmSiv.open(key.deterministicKey, ZERO_NONCE, aad, stored, HEADER_BYTES,
                stored.length - HEADER_BYTES);
    }

    /** The data key id a stored value names, or -1 if it is not in this format (for example plaintext). */
    public static int keyIdOf(byte[] stored) {
        if (stored == null || stored.length < HEADER_BYTES || stored[0] != FORMAT_VERSION
                || (stored[1] != MODE_RANDOMIZED && stored[1] != MODE_DETERMINISTIC)) {
            return -1;
        }
        return ByteBuffer.wrap(stored, 2, 4).getInt();
    }

    /** True when {@code stored} was sealed under a data key other than the current one. */
    public boolean needsReencryption(byte[] stored) {
        return keyIdOf(stored) != keyring.currentId();
    }

    private byte[] sealRandomized(byte[] context, byte[] value) {
        DataKey key = keyring.current();
        byte[] header = header(MODE_RANDOMIZED, key.id);
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = AesGcm.seal(key.randomizedKey, nonce, aad(header, context), value);
        return concat(concat(header, nonce), sealed);
    }

    private byte[] openRandomized(byte[] context, byte[] stored) {
        DataKey key = keyring.get(checkHeader(stored, MODE_RANDOMIZED, AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES));
        byte[] nonce = Arrays.copyOfRange(stored, HEADER_BYTES, HEADER_BYTES + AesGcm.NONCE_BYTES);
        int offset = HEADER_BYTES + AesGcm.NONCE_BYTES;
        return AesGcm.open(key.randomizedKey, nonce, aad(Arrays.copyOf(stored, HEADER_BYTES), context), stored,
                offset, stored.length - offset);
    }

    /** Returns the key id after checking version, mode and minimum length. */
    private static int checkHeader(byte[] stored, byte mode, int minimumAfterHeader) {
        if (stored == null) {
            throw new NullPointerException("stored value");
        }
        if (stored.length < HEADER_BYTES) {
            throw new TamperedValueException("stored value is " + stored.length + " bytes, shorter than the "
                    + HEADER_BYTES + "-byte header of an encrypted value: truncated or not encrypted");
        }
        if (stored[0] != FORMAT_VERSION) {
            throw new TamperedValueException("unknown encrypted value format version " + (stored[0] & 0xff)
                    + " (this library reads version " + FORMAT_VERSION + "): not encrypted, or by a newer library");
        }
        if (stored[1] != mode) {
            throw new TamperedValueException("stored value is " + (stored[1] == MODE_DETERMINISTIC
                    ? "deterministic where a randomized" : "not deterministic where a deterministic")
                    + " value was expected");
        }
        if (stored.length < HEADER_BYTES + minimumAfterHeader) {
            throw new TamperedValueException("stored value is " + stored.length + " bytes, shorter than the "
                    + (HEADER_BYTES + minimumAfterHeader) + " of an encrypted value: truncated or not encrypted");
        }
        return ByteBuffer.wrap(stored, 2, 4).getInt();
    }

    private static byte[] header(byte mode, int keyId) {
        return ByteBuffer.allocate(HEADER_BYTES).put(FORMAT_VERSION).put(mode).putInt(keyId).array();
    }

    private static byte[] aad(byte[] header, byte[] context) {
        return concat(header, context);
    }

    /** kind, then each part length-prefixed so that ("ab","c") and ("a","bc") differ. */
    private static byte[] context(char kind, byte[] key, byte[] field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + key.length + (field == null ? 0 : field.length));
        out.write(kind);
        writeLengthPrefixed(out, key);
        if (field != null) {
            writeLengthPrefixed(out, field);
        }
        return out.toByteArray();
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] part) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
        out.writeBytes(part);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
