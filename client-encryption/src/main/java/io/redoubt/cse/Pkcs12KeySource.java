package io.redoubt.cse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * KEKs kept as AES-256 secret-key entries of a PKCS#12 keystore file, one alias per KEK. Data keys are
 * wrapped with AES-256-GCM under the KEK (a fresh nonce each time, the data key id as associated data).
 * The keystore is read once; to rotate a KEK, add an entry with {@link #addNewKek} and name it current.
 */
public final class Pkcs12KeySource implements KeySource {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> keks;
    private final String current;

    private Pkcs12KeySource(Map<String, byte[]> keks, String current) {
        this.keks = keks;
        this.current = current;
    }

    /** Opens {@code file} and wraps new data keys under the entry {@code currentAlias}. */
    public static Pkcs12KeySource open(Path file, char[] password, String currentAlias) {
        KeyStore store = load(file, password);
        Map<String, byte[]> keks = new HashMap<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof SecretKey key
                        && key.getEncoded().length == 32) {
                    keks.put(alias, key.getEncoded());
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the keys of " + file + ": " + e.getMessage(), e);
        }
        if (!keks.containsKey(currentAlias)) {
            throw new IllegalArgumentException("keystore " + file + " has no AES-256 entry '" + currentAlias
                    + "'; create one with Pkcs12KeySource.addNewKek");
        }
        return new Pkcs12KeySource(Map.copyOf(keks), currentAlias);
    }

    /** Adds a new random AES-256 KEK under {@code alias}, creating the keystore file if it does not exist. */
    public static void addNewKek(Path file, char[] password, String alias) {
        KeyStore store = Files.exists(file) ? load(file, password) : empty();
        try {
            if (store.containsAlias(alias)) {
                throw new IllegalArgumentException("keystore " + file + " already has an entry '" + alias + "'");
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()),
                    new KeyStore.PasswordProtection(password));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write keystore " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String currentKekName() {
        return current;
    }

    @Override
    public byte[] wrap(String kekName, byte[] dataKey, byte[] context) {
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = AesGcm.seal(kek(kekName), nonce, context, dataKey);
        byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return out;
    }

    @Override
    public byte[] unwrap(String kekName, byte[] wrapped, byte[] context) {
        if (wrapped.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
            throw new TamperedValueException("wrapped data key is truncated");
        }
        byte[] nonce = Arrays.copyOf(wrapped, AesGcm.NONCE_BYTES);
        return AesGcm.open(kek(kekName), nonce, context, wrapped, AesGcm.NONCE_BYTES,
                wrapped.length - AesGcm.NONCE_BYTES);
    }

    private byte[] kek(String name) {
        byte[] kek = keks.get(name);
        if (kek == null) {
            throw new IllegalArgumentException("the keystore has no AES-256 entry '" + name + "'");
        }
        return kek;
    }

    private static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot open keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore empty() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("PKCS12 keystores are not available in this JDK", e);
        }
    }
}
