package io.redoubt.security.sealing;

import io.redoubt.security.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A node's 256-bit master key, which seals the secrets the cluster store keeps. It lives in
 * {@value #FILE_NAME} in a folder of the node's own (0700), in a file only the owner may read (0600):
 * the magic {@code RDMK}, a format byte (1) and the 32 key bytes. A key file that others may read is
 * refused rather than used, so a wrong {@code chmod} is noticed. The key id (the first 8 bytes of a
 * SHA-256 over the key, in hex) names the key in every envelope without revealing it.
 * {@code toString} never shows the key.
 */
public final class NodeMasterKey {
    public static final String FILE_NAME = "master.key";
    static final int KEY_BYTES = 32;
    static final int KEY_ID_BYTES = 8;
    private static final byte[] MAGIC = "RDMK".getBytes(StandardCharsets.US_ASCII);
    private static final byte FILE_FORMAT = 1;
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] key;
    private final byte[] keyId;

    private NodeMasterKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key has 32 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.keyId = Arrays.copyOf(sha256("redoubt master key id".getBytes(StandardCharsets.US_ASCII), this.key),
                KEY_ID_BYTES);
    }

    /** A key from its 32 bytes (a key shared with the node by other means, or a test's fixed key). */
    public static NodeMasterKey of(byte[] key) {
        return new NodeMasterKey(key);
    }

    /** A new random key, not stored anywhere. */
    public static NodeMasterKey generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            return new NodeMasterKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The key in {@code dir}/{@value #FILE_NAME}, made now (with {@code dir} when missing) if there is
     * none.
     *
     * @throws IOException when the file cannot be read or written, is not a key file, or others may read it
     */
    public static NodeMasterKey loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            OwnerOnlyFiles.folder(dir);
            NodeMasterKey fresh = generate();
            try {
                write(file, fresh);
                return fresh;
            } catch (FileAlreadyExistsException e) {
                // another process made it first: use that one
            }
        }
        return load(file);
    }

    /** The key in {@code file}, refused when others may read it or it is not a key file. */
    public static NodeMasterKey load(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new IOException(file + " may be read by other users ("
                        + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file
                        + " and restart the node");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's protection applies
        }
        byte[] content = Files.readAllBytes(file);
        try {
            if (content.length != MAGIC.length + 1 + KEY_BYTES
                    || !Arrays.equals(Arrays.copyOf(content, MAGIC.length), MAGIC)) {
                throw new IOException(file + " is not a Redoubt master key file: restore it from a backup");
            }
            if (content[MAGIC.length] != FILE_FORMAT) {
                throw new IOException(file + " has master key format " + content[MAGIC.length]
                        + ", this node reads format " + FILE_FORMAT + ": upgrade the node");
            }
            return new NodeMasterKey(Arrays.copyOfRange(content, MAGIC.length + 1, content.length));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** The key id as 16 hex digits. */
    public String keyId() {
        return HexFormat.of().formatHex(keyId);
    }

    byte[] keyIdBytes() {
        return keyId.clone();
    }

    SecretKeySpec aesKey() {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * A 32-byte key for one purpose (e.g. {@code "jwt-signing"}), derived as HMAC-SHA256(master,
     * "redoubt key for " + purpose): each purpose gets its own key, and none reveals the master key.
     */
    public byte[] deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("redoubt key for " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static void write(Path file, NodeMasterKey key) throws IOException {
        Path tmp = file.resolveSibling("." + FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        byte[] content = new byte[MAGIC.length + 1 + KEY_BYTES];
        System.arraycopy(MAGIC, 0, content, 0, MAGIC.length);
        content[MAGIC.length] = FILE_FORMAT;
        System.arraycopy(key.key, 0, content, MAGIC.length + 1, KEY_BYTES);
        try {
            OwnerOnlyFiles.newFile(tmp);
            Files.write(tmp, content);
            // a hard link appears whole and fails if the file exists (rename would silently replace it):
            // a key file, once there, is never overwritten
            Files.createLink(file, tmp);
        } finally {
            Arrays.fill(content, (byte) 0);
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] sha256(byte[] label, byte[] data) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(label);
            return d.digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "NodeMasterKey[id=" + keyId() + "]";
    }
}
