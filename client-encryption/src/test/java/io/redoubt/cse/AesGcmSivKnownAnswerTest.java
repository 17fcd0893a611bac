package io.redoubt.cse;

import static io.redoubt.cse.Hex.bytes;
import static io.redoubt.cse.Hex.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AES-256-GCM-SIV (Bouncy Castle) against RFC 8452 appendix C.2, AEAD_AES_256_GCM_SIV. */
class AesGcmSivKnownAnswerTest {
    private static final String KEY = "0100000000000000000000000000000000000000000000000000000000000000";
    private static final String NONCE = "030000000000000000000000";

    @ParameterizedTest(name = "aad={0} plaintext={1}")
    @CsvSource(delimiter = '|', textBlock = """
        '' | '' | 07f5f4169bbf55a8400cd47ea6fd400f
        '' | 0100000000000000 | c2ef328e5c71c83b843122130f7364b761e0b97427e3df28
        '' | 010000000000000000000000 | 9aab2aeb3faa0a34aea8e2b18ca50da9ae6559e48fd10f6e5c9ca17e
        '' | 01000000000000000000000000000000 | 85a01b63025ba19b7fd3ddfc033b3e76c9eac6fa700942702e90862383c6c366
        '' | 0100000000000000000000000000000002000000000000000000000000000000 | 4a6a9db4c8c6549201b9edb53006cba821ec9cf850948a7c86c68ac7539d027fe819e63abcd020b006a976397632eb5d
        '' | 010000000000000000000000000000000200000000000000000000000000000003000000000000000000000000000000 | c00d121893a9fa603f48ccc1ca3c57ce7499245ea0046db16c53c7c66fe717e39cf6c748837b61f6ee3adcee17534ed5790bc96880a99ba804bd12c0e6a22cc4
        01 | 0200000000000000 | 1de22967237a813291213f267e3b452f02d01ae33e4ec854
        01 | 020000000000000000000000 | 163d6f9cc1b346cd453a2e4cc1a4a19ae800941ccdc57cc8413c277f
        """)
    void sealsAndOpensTheRfcVector(String aad, String plaintext, String expected) {
        byte[] sealed = AesGcmSiv.seal(bytes(KEY), bytes(NONCE), bytes(aad), bytes(plaintext));

        assertThat(text(sealed)).isEqualTo(expected);
        assertThat(text(AesGcmSiv.open(bytes(KEY), bytes(NONCE), bytes(aad), sealed, 0, sealed.length)))
                .isEqualTo(plaintext);

        sealed[0] ^= 1;
        assertThatThrownBy(() -> AesGcmSiv.open(bytes(KEY), bytes(NONCE), bytes(aad), sealed, 0, sealed.length))
                .isInstanceOf(TamperedValueException.class);
    }
}
