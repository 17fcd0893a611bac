package io.redoubt.cse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySourceTest {
    @TempDir
    Path dir;

    @Test
    void wrappedDataKeysSurviveTheirTextFormAndAKekRotation() {
        TestKeys keys = new TestKeys(dir).withDataKey(3);
        byte[] sealed = keys.encryptor(3).seal(new byte[] {'k'}, new byte[] {'v'});

        WrappedDataKey decoded = WrappedDataKey.decode(keys.wrapped.get(0).encode());
        assertThat(decoded).isEqualTo(keys.wrapped.get(0));
        assertThat(decoded.toString()).doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(decoded.wrapped()));

        Pkcs12KeySource.addNewKek(keys.keystore, TestKeys.PASSWORD, "kek-2");
        Pkcs12KeySource source = keys.source("kek-2");
        WrappedDataKey rewrapped = Keyring.rewrap(source, decoded);
        assertThat(rewrapped.kekName()).isEqualTo("kek-2");
        assertThat(rewrapped.wrapped()).isNotEqualTo(decoded.wrapped());

        ValueEncryptor afterKekRotation = new ValueEncryptor(Keyring.unwrap(source, List.of(rewrapped), 3));
        assertThat(afterKekRotation.open(new byte[] {'k'}, sealed)).containsExactly('v');
    }

    @Test
    void aWrappedKeyPassedOffUnderAnotherIdOrChangedDoesNotUnwrap() {
        TestKeys keys = new TestKeys(dir).withDataKey(1);
        WrappedDataKey w = keys.wrapped.get(0);

        assertThatThrownBy(() -> Keyring.unwrap(keys.source("kek-1"),
                List.of(new WrappedDataKey(2, w.kekName(), w.wrapped())), 2))
                .isInstanceOf(TamperedValueException.class);
        byte[] changed = w.wrapped();
        changed[20] ^= 1;
        assertThatThrownBy(() -> Keyring.unwrap(keys.source("kek-1"),
                List.of(new WrappedDataKey(1, w.kekName(), changed)), 1))
                .isInstanceOf(TamperedValueException.class);
    }

    @Test
    void aWrongPasswordOrAMissingKekIsAClearError() {
        TestKeys keys = new TestKeys(dir);

        assertThatThrownBy(() -> Pkcs12KeySource.open(keys.keystore, "wrong".toCharArray(), "kek-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot open keystore");
        assertThatThrownBy(() -> keys.source("kek-9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no AES-256 entry 'kek-9'");
    }
}
