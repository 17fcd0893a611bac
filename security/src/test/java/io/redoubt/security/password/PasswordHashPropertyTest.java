package io.redoubt.security.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.security.Secret;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class PasswordHashPropertyTest {
    private static final PasswordHasher ARGON = new PasswordHasher(PasswordHasherTest.CHEAP_ARGON);
    private static final PasswordHasher PBKDF2 = new PasswordHasher(PasswordHasherTest.CHEAP_PBKDF2);

    @Property(tries = 100)
    void argon2idVerifiesItsPasswordAndNoOther(@ForAll @StringLength(min = 1, max = 80) String p,
                                               @ForAll @StringLength(min = 1, max = 80) String q) {
        Assume.that(!p.equals(q) && unicode(p) && unicode(q));
        String encoded = ARGON.hash(Secret.of(p));
        assertThat(ARGON.verify(encoded, Secret.of(p))).isTrue();
        assertThat(ARGON.verify(encoded, Secret.of(q))).isFalse();
    }

    @Property(tries = 100)
    void pbkdf2VerifiesItsPasswordAndNoOther(@ForAll @StringLength(min = 1, max = 80) String p,
                                             @ForAll @StringLength(min = 1, max = 80) String q) {
        Assume.that(!p.equals(q) && unicode(p) && unicode(q));
        String encoded = PBKDF2.hash(Secret.of(p));
        assertThat(PBKDF2.verify(encoded, Secret.of(p))).isTrue();
        assertThat(PBKDF2.verify(encoded, Secret.of(q))).isFalse();
    }

    /** Lone surrogates are refused by the hasher (see PasswordHasherTest), not hashed. */
    private static boolean unicode(String s) {
        return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }
}
