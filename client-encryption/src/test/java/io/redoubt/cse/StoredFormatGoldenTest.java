package io.redoubt.cse;

import static io.redoubt.cse.Hex.bytes;
import static io.redoubt.cse.Hex.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins stored format version 1: values written today must open with every later version of the library,
 * so the header layout, the associated data and the subkey derivation may never change silently. The
 * values below were produced by this library with data key 00 01 02 … 1f under id 7.
 */
class StoredFormatGoldenTest {
    private static final byte[] DATA_KEY = bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /** Hands the data key over unwrapped: only so that the test can fix the key; never do this. */
    private static final class UnwrappedKeySource implements KeySource {
        @Override
        public String currentKekName() {
            return "none";
        }

        @Override
        public byte[] wrap(String kekName, byte[] dataKey, byte[] context) {
            return dataKey.clone();
        }

        @Override
        public byte[] unwrap(String kekName, byte[] wrapped, byte[] context) {
            return wrapped.clone();
        }
    }

    private final ValueEncryptor encryptor = new ValueEncryptor(Keyring.unwrap(new UnwrappedKeySource(),
            List.of(new WrappedDataKey(7, "none", DATA_KEY)), 7));

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void randomizedValuesWrittenByVersionOneStillOpen() {
        assertThat(encryptor.open(b("user:1"), bytes(
                "0100000000078eeee61caf7dfbc54e1e15da440ad4c5956e45cf11b6e4ba9021f5c185a337"))).isEqualTo(b("Ann"));
        assertThat(encryptor.openField(b("user:1"), b("card"), bytes(
                "0100000000079b441eeda03a3ecec6a504dca36ffb2d316563a3c4057023032411b8a770d8b3")))
                .isEqualTo(b("4111"));
    }

    @Test
    void deterministicValuesSealToExactlyWhatVersionOneWrote() {
        // lookups depend on this: a changed byte here means existing indexes stop finding anything
        assertThat(text(encryptor.sealDeterministic(b("emails"), b("ann@example.com"))))
                .isEqualTo("010100000007ccaf8be918aaa9d2c9dcd381d3472871719ca43d2c5fad131f5013091bfecc");
        assertThat(text(encryptor.sealMember(b("tags"), b("vip"))))
                .isEqualTo("010100000007eff57dba60ee14cb980a17791b1358aae231b7");
    }
}
