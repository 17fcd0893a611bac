package io.redoubt.security.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Cheap parameters keep the tests fast; the defaults are measured in the timing test below. */
    static final HashParameters.Argon2id CHEAP_ARGON = new HashParameters.Argon2id(64, 1, 1);
    static final HashParameters.Pbkdf2Sha256 CHEAP_PBKDF2 = new HashParameters.Pbkdf2Sha256(1000);

    @Test
    void argon2idHashIsSelfDescribingAndVerifies() {
        PasswordHasher hasher = new PasswordHasher(CHEAP_ARGON);
        String encoded = hasher.hash(Secret.of("Correct-Horse-9"));
        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify(encoded, Secret.of("Correct-Horse-9"))).isTrue();
        assertThat(hasher.verify(encoded, Secret.of("Correct-Horse-8"))).isFalse();
        assertThat(hasher.hash(Secret.of("Correct-Horse-9"))).as("a new salt every time").isNotEqualTo(encoded);
    }

    @Test
    void pbkdf2HashIsSelfDescribingAndVerifies() {
        PasswordHasher hasher = new PasswordHasher(CHEAP_PBKDF2);
        String encoded = hasher.hash(Secret.of("pässwörd-ü"));
        assertThat(encoded).matches("\\$pbkdf2-sha256\\$v=1\\$i=1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify(encoded, Secret.of("pässwörd-ü"))).isTrue();
        assertThat(hasher.verify(encoded, Secret.of("passwörd-ü"))).isFalse();
    }

    /** Hashes made by other implementations verify, so the encoded form means what it says. */
    @Test
    void verifiesHashesFromIndependentImplementations() {
        PasswordHasher hasher = new PasswordHasher(CHEAP_ARGON);
        // Debian's argon2 package (0~20171227, RFC 9106's reference code):
        //   echo -n password | argon2 somesaltsomesalt -id -t 2 -k 1024 -p 1 -e
        String argon = "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CKGe5/bX9YnCq2rxjW5yQXKxn31v1GKzhDCrMc6r6vA";
        assertThat(hasher.verify(argon, Secret.of("password"))).isTrue();
        assertThat(hasher.verify(argon, Secret.of("Password"))).isFalse();
        // OpenSSL 3.0: openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:password
        //   -kdfopt salt:somesaltsomesalt -kdfopt iter:1000 PBKDF2 (hex B392D0...E904, here in Base64)
        String pbkdf2 = "$pbkdf2-sha256$v=1$i=1000$c29tZXNhbHRzb21lc2FsdA$s5LQUeAEZUMuFVrnmF3OMNPXs3QWnF8SO/5BXmCj6QQ";
        assertThat(hasher.verify(pbkdf2, Secret.of("password"))).isTrue();
        assertThat(hasher.verify(pbkdf2, Secret.of("password "))).isFalse();
    }

    @Test
    void oldParametersStillVerifyAndAskForARehash() {
        PasswordHasher old = new PasswordHasher(CHEAP_PBKDF2);
        PasswordHasher current = new PasswordHasher(CHEAP_ARGON);
        PasswordHasher stronger = new PasswordHasher(new HashParameters.Argon2id(128, 2, 1));
        String fromPbkdf2 = old.hash(Secret.of("rotate-me-1A"));
        String fromArgon = current.hash(Secret.of("rotate-me-1A"));

        assertThat(current.verify(fromPbkdf2, Secret.of("rotate-me-1A"))).isTrue();
        assertThat(current.needsRehash(fromPbkdf2)).as("another algorithm").isTrue();
        assertThat(current.needsRehash(fromArgon)).isFalse();
        assertThat(stronger.needsRehash(fromArgon)).as("cheaper parameters").isTrue();
        assertThat(stronger.verify(fromArgon, Secret.of("rotate-me-1A"))).isTrue();
        assertThat(new PasswordHasher(new HashParameters.Pbkdf2Sha256(2000)).needsRehash(fromPbkdf2)).isTrue();
    }

    @Test
    void encodedFormRoundTripsAndRefusesBrokenTextsWithoutEchoingThem() {
        String encoded = new PasswordHasher(CHEAP_ARGON).hash(Secret.of("x"));
        EncodedPasswordHash parsed = EncodedPasswordHash.parse(encoded);
        assertThat(parsed.encode()).isEqualTo(encoded);
        assertThat(parsed.toString()).doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(parsed.salt()));

        assertThatThrownBy(() -> EncodedPasswordHash.parse("5f4dcc3b5aa765d61d8327deb882cf99"))
                .hasMessageContaining("not an encoded password hash").hasMessageNotContaining("5f4dcc");
        assertThatThrownBy(() -> EncodedPasswordHash.parse("$bcrypt$v=1$i=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"))
                .hasMessageContaining("unknown password hash algorithm 'bcrypt'");
        assertThatThrownBy(() -> EncodedPasswordHash.parse(encoded.replace("v=19", "v=16")))
                .hasMessageContaining("unsupported argon2id version 16");
        assertThatThrownBy(() -> EncodedPasswordHash.parse(encoded.replace("t=1", "t=x")))
                .hasMessageContaining("parameter t missing or not a number");
        assertThatThrownBy(() -> EncodedPasswordHash.parse(encoded.replace("m=64", "m=4")))
                .hasMessageContaining("argon2id memory");
        assertThatThrownBy(() -> EncodedPasswordHash.parse("$pbkdf2-sha256$v=1$i=999$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"))
                .hasMessageContaining("pbkdf2 iterations must be 1000..");
        assertThatThrownBy(() -> EncodedPasswordHash.parse("$pbkdf2-sha256$v=1$i=1000$AAAA$AAAAAAAAAAAAAAAAAAAAAA"))
                .hasMessageContaining("salt must be 8..64 bytes");
        assertThatThrownBy(() -> EncodedPasswordHash.parse(encoded + "$extra"))
                .hasMessageContaining("5 $-separated fields");
        assertThatThrownBy(() -> new PasswordHasher(CHEAP_ARGON).verify("$argon2id$v=19$m=64,t=1,p=1$%%%$%%%",
                Secret.of("x"))).hasMessageContaining("bad argon2id password hash");
    }

    /** A lenient encoder would read a lone surrogate as '?', so "\ud800" and "?" would share a hash. */
    @Test
    void refusesPasswordsThatAreNotUnicode() {
        PasswordHasher hasher = new PasswordHasher(CHEAP_ARGON);
        assertThatThrownBy(() -> hasher.hash(Secret.of("ab\ud800cd"))).hasMessageContaining("not valid Unicode");
        String question = hasher.hash(Secret.of("ab?cd"));
        assertThatThrownBy(() -> hasher.verify(question, Secret.of("ab\ud800cd")))
                .hasMessageContaining("not valid Unicode");
        assertThat(hasher.verify(question, Secret.of("ab?cd"))).isTrue();
    }

    /**
     * The defaults must cost tens of milliseconds per verify on this kind of machine: cheaper means
     * faster offline guessing, dearer lets a burst of sign-ins take the node's CPU. Bounds are wide
     * (2 shared cores, other builds running); the measured values are in HashParameters' Javadoc.
     */
    @Test
    void defaultParametersCostTensOfMilliseconds() {
        for (PasswordHasher hasher : new PasswordHasher[] {PasswordHasher.argon2id(), PasswordHasher.pbkdf2()}) {
            String encoded = hasher.hash(Secret.of("Correct-Horse-9"));
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThat(hasher.verify(encoded, Secret.of("Correct-Horse-9"))).isTrue();
                best = Math.min(best, System.nanoTime() - start);
            }
            assertThat(best / 1_000_000).as(hasher.parameters() + " verify ms").isBetween(5L, 1000L);
        }
    }

    /** Redis's ACL documentation: {@code ACL SETUSER u #c3ab8f...} is the hash of "foobar". */
    @Test
    void redisDigestIsTheAclHashRedisDocuments() {
        assertThat(RedisPasswordDigest.sha256Hex(Secret.of("foobar")))
                .isEqualTo("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2");
    }
}
