package io.redoubt.security.password;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A password hash in its stored text form, in the PHC string format
 * ({@code $<algorithm>$v=<version>$<name>=<value>,...$<salt>$<hash>}, salt and hash in unpadded standard
 * Base64), so the text alone says how to verify it:
 * <ul>
 *   <li>{@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (the same text as the reference Argon2
 *       implementation and libsodium write, so hashes can be checked with other tools)</li>
 *   <li>{@code $pbkdf2-sha256$v=1$i=310000$<salt>$<hash>} ({@code v=1} is Redoubt's own version of
 *       this layout; PBKDF2 has no version of its own)</li>
 * </ul>
 * Invariant: parameters valid for their algorithm, a salt of 8..64 bytes and a hash of 16..64 bytes.
 */
public record EncodedPasswordHash(HashParameters parameters, byte[] salt, byte[] hash) {
    static final int ARGON2_VERSION = 0x13;
    static final int PBKDF2_LAYOUT_VERSION = 1;

    public EncodedPasswordHash {
        if (salt.length < 8 || salt.length > 64) {
            throw new IllegalArgumentException("a password hash salt must be 8..64 bytes, got " + salt.length);
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("a password hash must be 16..64 bytes, got " + hash.length);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The stored text. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String params = switch (parameters) {
            case HashParameters.Argon2id a -> "v=" + ARGON2_VERSION + "$m=" + a.memoryKiB() + ",t=" + a.iterations()
                    + ",p=" + a.parallelism();
            case HashParameters.Pbkdf2Sha256 p -> "v=" + PBKDF2_LAYOUT_VERSION + "$i=" + p.iterations();
        };
        return "$" + parameters.algorithm() + "$" + params + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }

    /**
     * Reads a stored text.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the text, which is a secret's
     *                                  hash)
     */
    public static EncodedPasswordHash parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("not an encoded password hash (expected $<algorithm>$...)");
        }
        String[] parts = text.substring(1).split("\\$", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("an encoded password hash has 5 $-separated fields, this one has "
                    + parts.length);
        }
        String algorithm = parts[0];
        int version = intValue(parameterMap(parts[1]), "v", algorithm);
        Map<String, String> params = parameterMap(parts[2]);
        HashParameters parameters = switch (algorithm) {
            case "argon2id" -> {
                requireVersion(version, ARGON2_VERSION, algorithm);
                yield new HashParameters.Argon2id(intValue(params, "m", algorithm), intValue(params, "t", algorithm),
                        intValue(params, "p", algorithm));
            }
            case "pbkdf2-sha256" -> {
                requireVersion(version, PBKDF2_LAYOUT_VERSION, algorithm);
                yield new HashParameters.Pbkdf2Sha256(intValue(params, "i", algorithm));
            }
            default -> throw new IllegalArgumentException("unknown password hash algorithm '" + printable(algorithm)
                    + "' (known: argon2id, pbkdf2-sha256)");
        };
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            return new EncodedPasswordHash(parameters, b64.decode(parts[3]), b64.decode(parts[4]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + algorithm + " password hash: " + e.getMessage(), e);
        }
    }

    private static void requireVersion(int version, int expected, String algorithm) {
        if (version != expected) {
            throw new IllegalArgumentException("unsupported " + algorithm + " version " + version + " (expected "
                    + expected + ")");
        }
    }

    private static Map<String, String> parameterMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || map.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("bad password hash parameter '" + printable(pair) + "'");
            }
        }
        return map;
    }

    private static int intValue(Map<String, String> params, String name, String algorithm) {
        String value = params.get(name);
        if (value == null || value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(algorithm + " password hash: parameter " + name
                    + " missing or not a number");
        }
        long n = Long.parseLong(value);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(algorithm + " password hash: parameter " + name + " too large");
        }
        return (int) n;
    }

    /** Parameter names and values are not secret, but keep a hostile text short and printable. */
    private static String printable(String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedPasswordHash e && parameters.equals(e.parameters)
                && java.util.Arrays.equals(salt, e.salt) && java.util.Arrays.equals(hash, e.hash);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode() * 31 + java.util.Arrays.hashCode(salt);
    }

    /** Only the parameters: the salt and hash help an attacker guessing offline. */
    @Override
    public String toString() {
        return "EncodedPasswordHash[" + parameters + "]";
    }
}
