package io.redoubt.cse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The data keys an application holds, unwrapped once at start: the current one seals new values, every
 * one opens the values that name it in their header. Rotating is adding a new data key, making it current,
 * and later re-encrypting ({@link Reencryptor}) so the old one can be dropped. Immutable.
 */
public final class Keyring {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Integer, DataKey> keys;
    private final DataKey current;

    private Keyring(Map<Integer, DataKey> keys, DataKey current) {
        this.keys = keys;
        this.current = current;
    }

    /** Draws a new random data key with id {@code id} and wraps it under the source's current KEK. */
    public static WrappedDataKey newDataKey(KeySource source, int id) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String kek = source.currentKekName();
        return new WrappedDataKey(id, kek, source.wrap(kek, raw, context(id)));
    }

    /** Re-wraps a data key under the source's current KEK (KEK rotation: values need no re-encryption). */
    public static WrappedDataKey rewrap(KeySource source, WrappedDataKey key) {
        byte[] raw = source.unwrap(key.kekName(), key.wrapped(), context(key.id()));
        String kek = source.currentKekName();
        return new WrappedDataKey(key.id(), kek, source.wrap(kek, raw, context(key.id())));
    }

    /** Unwraps every key in {@code wrapped}; {@code currentId} seals new values. */
    public static Keyring unwrap(KeySource source, Collection<WrappedDataKey> wrapped, int currentId) {
        Map<Integer, DataKey> keys = new HashMap<>();
        for (WrappedDataKey w : wrapped) {
            byte[] raw = source.unwrap(w.kekName(), w.wrapped(), context(w.id()));
            if (keys.put(w.id(), new DataKey(w.id(), raw)) != null) {
                throw new IllegalArgumentException("data key id " + w.id() + " appears twice");
            }
        }
        DataKey current = keys.get(currentId);
        if (current == null) {
            throw new IllegalArgumentException("the current data key id " + currentId + " is not among the keys");
        }
        return new Keyring(Map.copyOf(keys), current);
    }

    public int currentId() {
        return current.id;
    }

    /** Every data key, the current one first: what a lookup must try while values are being re-encrypted. */
    java.util.List<DataKey> currentFirst() {
        java.util.List<DataKey> out = new java.util.ArrayList<>(keys.size());
        out.add(current);
        keys.values().stream().filter(k -> k != current).sorted((a, b) -> Integer.compare(b.id, a.id))
                .forEach(out::add);
        return out;
    }

    DataKey current() {
        return current;
    }

    DataKey get(int id) {
        DataKey key = keys.get(id);
        if (key == null) {
            throw new TamperedValueException("value sealed under data key id " + id
                    + ", which this keyring does not hold: add its wrapped data key");
        }
        return key;
    }

    /** The id a wrapped key is bound to, so a KMS cannot be asked to pass key 1 off as key 2. */
    private static byte[] context(int id) {
        return ByteBuffer.allocate(12).put("rdk1-id".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0).putInt(id).array();
    }
}
