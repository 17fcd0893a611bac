package io.redoubt.security.password;

/**
 * How a password hash is computed: the algorithm and its cost. Stored inside every encoded hash, so a
 * hash made under older parameters still verifies after the defaults change; {@link
 * PasswordHasher#needsRehash} tells when to re-hash it (at the next successful sign-in).
 */
public sealed interface HashParameters permits HashParameters.Argon2id, HashParameters.Pbkdf2Sha256 {
    /** Salt length in bytes for new hashes (128 bits, as RFC 9106 recommends). */
    int SALT_BYTES = 16;
    /** Hash length in bytes (256 bits). */
    int HASH_BYTES = 32;

    /** The algorithm's name in the encoded form, e.g. {@code argon2id}. */
    String algorithm();

    /**
     * Argon2id (RFC 9106, version 0x13), the default: memory-hard, so guessing on GPUs costs memory as
     * well as time.
     *
     * @param memoryKiB   memory per hash in KiB (at least 8 × parallelism)
     * @param iterations  passes over the memory (at least 1)
     * @param parallelism lanes (at least 1)
     */
    record Argon2id(int memoryKiB, int iterations, int parallelism) implements HashParameters {
        /**
         * 19 MiB, 2 passes, 1 lane: OWASP's first Argon2id configuration. Measured with Bouncy Castle
         * 1.87 on JDK 25 on the shared 2-core build machine (load average 2.6): 46 ms per verify.
         */
        public static final Argon2id DEFAULT = new Argon2id(19 * 1024, 2, 1);

        public Argon2id {
            if (parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("argon2id parallelism must be 1..16, got " + parallelism);
            }
            if (iterations < 1 || iterations > 100) {
                throw new IllegalArgumentException("argon2id iterations must be 1..100, got " + iterations);
            }
            if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) {
                throw new IllegalArgumentException("argon2id memory must be 8*parallelism KiB..4 GiB, got "
                        + memoryKiB + " KiB");
            }
        }

        @Override
        public String algorithm() {
            return "argon2id";
        }
    }

    /**
     * PBKDF2 with HMAC-SHA256 (RFC 8018), the alternative where a FIPS-approved algorithm is required.
     *
     * @param iterations HMAC iterations (at least 1000)
     */
    record Pbkdf2Sha256(int iterations) implements HashParameters {
        /**
         * 310 000 iterations (OWASP's 2021 figure): 84 ms per verify with the JDK's provider on the shared
         * 2-core build machine (load average 2.6), where OWASP's 2023 figure of 600 000 took 134 ms, beyond
         * the "tens of milliseconds" a sign-in may cost. Raise it with the hardware: old hashes still
         * verify and {@link PasswordHasher#needsRehash} upgrades them.
         */
        public static final Pbkdf2Sha256 DEFAULT = new Pbkdf2Sha256(310_000);

        public Pbkdf2Sha256 {
            if (iterations < 1000 || iterations > 100_000_000) {
                throw new IllegalArgumentException("pbkdf2 iterations must be 1000..100000000, got " + iterations);
            }
        }

        @Override
        public String algorithm() {
            return "pbkdf2-sha256";
        }
    }
}
