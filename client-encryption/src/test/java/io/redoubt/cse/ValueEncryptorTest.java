package io.redoubt.cse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueEncryptorTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void randomizedValuesRoundTripWithAFreshNonceEachTime() {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(1).encryptor(1);

        byte[] first = enc.seal(b("user:1"), b("secret"));
        byte[] second = enc.seal(b("user:1"), b("secret"));

        assertThat(first).isNotEqualTo(second);
        assertThat(first).hasSize(6 + 12 + 6 + 16);
        assertThat(Arrays.copyOf(first, 6)).containsExactly(1, 0, 0, 0, 0, 1);
        assertThat(enc.open(b("user:1"), first)).isEqualTo(b("secret"));
        assertThat(enc.open(b("user:1"), second)).isEqualTo(b("secret"));
        assertThat(enc.open(b("empty"), enc.seal(b("empty"), new byte[0]))).isEmpty();
    }

    @Test
    void everyChangedByteIsDetected() {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(1).encryptor(1);
        byte[] sealed = enc.seal(b("k"), b("value"));

        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertThatThrownBy(() -> enc.open(b("k"), changed)).as("byte %d", i)
                    .isInstanceOf(TamperedValueException.class);
        }
    }

    @Test
    void aValueCopiedToAnotherKeyOrFieldDoesNotOpen() {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(1).encryptor(1);

        assertThatThrownBy(() -> enc.open(b("other"), enc.seal(b("k"), b("v"))))
                .isInstanceOf(TamperedValueException.class);
        assertThatThrownBy(() -> enc.openField(b("h"), b("f2"), enc.sealField(b("h"), b("f1"), b("v"))))
                .isInstanceOf(TamperedValueException.class);
        assertThatThrownBy(() -> enc.openField(b("h2"), b("f"), enc.sealField(b("h"), b("f"), b("v"))))
                .isInstanceOf(TamperedValueException.class);
        // a hash field's value is not a string's value even when the bytes of key and field line up
        assertThatThrownBy(() -> enc.open(b("h"), enc.sealField(b("h"), new byte[0], b("v"))))
                .isInstanceOf(TamperedValueException.class);
        assertThat(enc.openField(b("h"), b("f"), enc.sealField(b("h"), b("f"), b("v")))).isEqualTo(b("v"));
    }

    @Test
    void truncatedOrForeignValuesAreRefusedWithAReason() {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(1).encryptor(1);
        byte[] sealed = enc.seal(b("k"), b("value"));

        for (int length = 0; length < sealed.length; length++) {
            byte[] cut = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> enc.open(b("k"), cut)).isInstanceOf(TamperedValueException.class);
        }
        assertThatThrownBy(() -> enc.open(b("k"), b("plain text that was never encrypted")))
                .isInstanceOf(TamperedValueException.class).hasMessageContaining("format version");
        assertThatThrownBy(() -> enc.open(b("k"), enc.sealDeterministic(b("k"), b("value"))))
                .isInstanceOf(TamperedValueException.class).hasMessageContaining("deterministic");
    }

    @Test
    void deterministicValuesAreEqualForEqualPlaintextsInOneNamespaceOnly() {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(7).encryptor(7);

        byte[] a = enc.sealDeterministic(b("emails"), b("ann@example.com"));
        assertThat(enc.sealDeterministic(b("emails"), b("ann@example.com"))).isEqualTo(a);
        assertThat(enc.sealDeterministic(b("emails"), b("bob@example.com"))).isNotEqualTo(a);
        assertThat(enc.sealDeterministic(b("other"), b("ann@example.com"))).isNotEqualTo(a);
        assertThat(a).hasSize(6 + 15 + 16);
        assertThat(enc.openDeterministic(b("emails"), a)).isEqualTo(b("ann@example.com"));
        assertThatThrownBy(() -> enc.openDeterministic(b("other"), a)).isInstanceOf(TamperedValueException.class);
        byte[] changed = a.clone();
        changed[10] ^= 4;
        assertThatThrownBy(() -> enc.openDeterministic(b("emails"), changed))
                .isInstanceOf(TamperedValueException.class);
    }

    @Test
    void rotationKeepsOldValuesReadableAndSealsNewOnesUnderTheNewKey() {
        TestKeys keys = new TestKeys(dir).withDataKey(1);
        byte[] old = keys.encryptor(1).seal(b("k"), b("old"));

        ValueEncryptor rotated = keys.withDataKey(2).encryptor(2);
        byte[] fresh = rotated.seal(b("k"), b("new"));

        assertThat(ValueEncryptor.keyIdOf(old)).isEqualTo(1);
        assertThat(ValueEncryptor.keyIdOf(fresh)).isEqualTo(2);
        assertThat(rotated.needsReencryption(old)).isTrue();
        assertThat(rotated.needsReencryption(fresh)).isFalse();
        assertThat(rotated.open(b("k"), old)).isEqualTo(b("old"));
        assertThat(rotated.open(b("k"), fresh)).isEqualTo(b("new"));

        ValueEncryptor withoutOldKey = new ValueEncryptor(
                Keyring.unwrap(keys.source("kek-1"), keys.wrapped.subList(1, 2), 2));
        assertThatThrownBy(() -> withoutOldKey.open(b("k"), old)).isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("data key id 1");
    }

    @Test
    void lookupCandidatesFindADeterministicValueWrittenBeforeTheRotation() {
        TestKeys keys = new TestKeys(dir).withDataKey(1);
        byte[] writtenBefore = keys.encryptor(1).sealDeterministic(b("emails"), b("ann@example.com"));

        ValueEncryptor rotated = keys.withDataKey(2).withDataKey(3).encryptor(2);
        java.util.List<byte[]> candidates = rotated.lookupCandidates(b("emails"), b("ann@example.com"));

        assertThat(candidates).hasSize(3);
        assertThat(candidates.get(0)).isEqualTo(rotated.sealDeterministic(b("emails"), b("ann@example.com")));
        assertThat(candidates.stream().map(ValueEncryptor::keyIdOf)).containsExactly(2, 3, 1);
        assertThat(candidates).anySatisfy(c -> assertThat(c).isEqualTo(writtenBefore));
    }

    @Test
    void aValueSealedUnderOneDataKeyDoesNotOpenWhenItsHeaderNamesAnother() {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(1).withDataKey(2).encryptor(1);
        byte[] sealed = enc.seal(b("k"), b("v"));
        sealed[5] = 2;

        assertThatThrownBy(() -> enc.open(b("k"), sealed)).isInstanceOf(TamperedValueException.class);
    }

    @Test
    void oneInstanceServesManyThreadsAtOnce() throws Exception {
        ValueEncryptor enc = new TestKeys(dir).withDataKey(1).encryptor(1);
        java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        byte[] key = b("k" + thread + ":" + i);
                        byte[] value = b("v" + thread + ":" + i);
                        if (Arrays.equals(enc.open(key, enc.seal(key, value)), value)
                                && Arrays.equals(enc.openDeterministic(key, enc.sealDeterministic(key, value)), value)) {
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isEqualTo(2_000);
            }
        }
    }
}
