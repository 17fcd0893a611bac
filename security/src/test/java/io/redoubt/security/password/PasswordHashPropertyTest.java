package io.redoubt.security.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * verify(hash(p), p) holds and verify(hash(p), q) fails for q ≠ p, for both algorithms, over 200
 * random pairs of passwords (any code point, 1 to 80 of them) from a fixed seed, so a failure repeats.
 */
class PasswordHashPropertyTest {
    private static final List<PasswordHasher> HASHERS = List.of(new PasswordHasher(PasswordHasherTest.CHEAP_ARGON),
            new PasswordHasher(PasswordHasherTest.CHEAP_PBKDF2));

    @Test
    void verifiesItsPasswordAndNoOther() {
        Random random = new Random(20261208);
        for (int i = 0; i < 200; i++) {
            PasswordHasher hasher = HASHERS.get(i % HASHERS.size());
            String p = password(random);
            String q = password(random);
            if (p.equals(q)) {
                continue;
            }
            String encoded = hasher.hash(Secret.of(p));
            assertThat(hasher.verify(encoded, Secret.of(p))).as("try %d", i).isTrue();
            assertThat(hasher.verify(encoded, Secret.of(q))).as("try %d", i).isFalse();
        }
    }

    /** 1 to 80 code points: mostly ASCII, some from the whole Unicode range (never a lone surrogate). */
    private static String password(Random random) {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(80);
        for (int i = 0; i < length; i++) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1) : 0x20 + random.nextInt(0x5f);
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                cp = 'x';
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
