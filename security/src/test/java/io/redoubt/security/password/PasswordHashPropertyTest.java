package io.redoubt.security.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** verify(hash(p), p) holds and verify(hash(p), q) fails for q ≠ p, for both algorithms. */
class PasswordHashPropertyTest {
    @Provide
    Arbitrary<PasswordHasher> hashers() {
        return Arbitraries.of(new PasswordHasher(PasswordHasherTest.CHEAP_ARGON),
                new PasswordHasher(PasswordHasherTest.CHEAP_PBKDF2));
    }

    @Property(tries = 200)
    void verifiesItsPasswordAndNoOther(@ForAll("hashers") PasswordHasher hasher,
                                       @ForAll @StringLength(min = 1, max = 80) String p,
                                       @ForAll @StringLength(min = 1, max = 80) String q) {
        Assume.that(!p.equals(q) && unicode(p) && unicode(q));
        String encoded = hasher.hash(Secret.of(p));
        assertThat(hasher.verify(encoded, Secret.of(p))).isTrue();
        assertThat(hasher.verify(encoded, Secret.of(q))).isFalse();
    }

    /** Lone surrogates are refused by the hasher (see PasswordHasherTest), not hashed. */
    private static boolean unicode(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }
}
