package io.redoubt.security.password;

import io.redoubt.security.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies the passwords of people (control-plane users). New hashes use the parameters
 * this hasher was made with; {@link #verify} accepts a hash made under any supported parameters, and
 * {@link #needsRehash} says when a stored hash should be replaced after a successful sign-in. The
 * comparison is constant-time ({@link MessageDigest#isEqual}), so timing tells an attacker nothing
 * about how much of a guess was right. Thread-safe; holds no secret.
 */
public final class PasswordHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HashParameters parameters;

    public PasswordHasher(HashParameters parameters) {
        this.parameters = parameters;
    }

    /** Argon2id with {@link HashParameters.Argon2id#DEFAULT}. */
    public static PasswordHasher argon2id() {
        return new PasswordHasher(HashParameters.Argon2id.DEFAULT);
    }

    /** PBKDF2-HMAC-SHA256 with {@link HashParameters.Pbkdf2Sha256#DEFAULT}. */
    public static PasswordHasher pbkdf2() {
        return new PasswordHasher(HashParameters.Pbkdf2Sha256.DEFAULT);
    }

    public HashParameters parameters() {
        return parameters;
    }

    /**
     * A new salted hash of {@code password}, as the text to store.
     *
     * @throws IllegalArgumentException when the password is not valid Unicode (a lone surrogate)
     */
    public String hash(Secret password) {
        byte[] salt = new byte[HashParameters.SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(parameters, salt, HashParameters.HASH_BYTES, password);
        return new EncodedPasswordHash(parameters, salt, hash).encode();
    }

    /**
     * Whether {@code password} is the one {@code encoded} was made from.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a hash this code can read (a corrupt
     *                                  store, not a wrong password), or the password is not valid Unicode
     */
    public boolean verify(String encoded, Secret password) {
        EncodedPasswordHash stored = EncodedPasswordHash.parse(encoded);
        byte[] expected = stored.hash();
        byte[] actual = derive(stored.parameters(), stored.salt(), expected.length, password);
        try {
            return MessageDigest.isEqual(expected, actual);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /**
     * Whether {@code encoded} was made with other parameters than this hasher's (another algorithm,
     * or a different cost) or a shorter salt or hash, so it should be replaced by {@link #hash} the
     * next time the clear password is at hand.
     */
    public boolean needsRehash(String encoded) {
        EncodedPasswordHash stored = EncodedPasswordHash.parse(encoded);
        return !stored.parameters().equals(parameters) || stored.salt().length < HashParameters.SALT_BYTES
                || stored.hash().length < HashParameters.HASH_BYTES;
    }

    private static byte[] derive(HashParameters parameters, byte[] salt, int length, Secret password) {
        char[] chars = password.reveal();
        byte[] bytes = utf8(chars);
        try {
            return switch (parameters) {
                case HashParameters.Argon2id a -> argon2id(a, salt, length, bytes);
                case HashParameters.Pbkdf2Sha256 p -> pbkdf2(p, salt, length, chars);
            };
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] argon2id(HashParameters.Argon2id a, byte[] salt, int length, byte[] password) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(a.memoryKiB())
                .withIterations(a.iterations()).withParallelism(a.parallelism()).build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** The JDK's PBKDF2 takes the password as chars and encodes them as UTF-8 itself. */
    private static byte[] pbkdf2(HashParameters.Pbkdf2Sha256 p, byte[] salt, int length, char[] password) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, p.iterations(), length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * The UTF-8 bytes of {@code chars}, refusing text that is not Unicode (a lone surrogate, as a JSON
     * {@code "\ud800"} escape can produce): a lenient encoder would turn it into {@code ?}, so two
     * different passwords would hash alike.
     */
    static byte[] utf8(char[] chars) {
        ByteBuffer buffer;
        try {
            buffer = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password is not valid Unicode text (a lone surrogate): "
                    + "choose another");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
