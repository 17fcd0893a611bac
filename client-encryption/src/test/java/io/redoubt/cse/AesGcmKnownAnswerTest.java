package io.redoubt.cse;

import static io.redoubt.cse.Hex.bytes;
import static io.redoubt.cse.Hex.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AES-256-GCM against published vectors: test cases 13, 14 and 16 of McGrew and Viega's GCM specification
 * (the vectors NIST SP 800-38D validation builds on) and one CAVP GCMVS vector with AAD.
 */
class AesGcmKnownAnswerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        gcm-spec 13 | 0000000000000000000000000000000000000000000000000000000000000000 | 000000000000000000000000 | '' | '' | '' | 530f8afbc74536b9a963b4f1c4cb738b
        gcm-spec 14 | 0000000000000000000000000000000000000000000000000000000000000000 | 000000000000000000000000 | '' | 00000000000000000000000000000000 | cea7403d4d606b6e074ec5d3baf39d18 | d0d1c8a799996bf0265b98b5d48ab919
        gcm-spec 16 | feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308 | cafebabefacedbaddecaf888 | feedfacedeadbeeffeedfacedeadbeefabaddad2 | d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39 | 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662 | 76fc6ece0f4e1768cddf8853bb2d551b
        CAVP GCMVS 256/96/128/160 | 83688deb4af8007f9b713b47cfa6c73e35ea7a3aa4ecdb414dded03bf7a0fd3a | 0b459724904e010a46901cf3 | 794a14ccd178c8ebfd1379dc704c5e208f9d8424 | 33d893a2114ce06fc15d55e454cf90c3 | cc66bee423e3fcd4c0865715e9586696 | 0fb291bd3dba94a1dfd8b286cfb97ac5
        """)
    void sealsAndOpensThePublishedVector(String name, String key, String nonce, String aad, String plaintext,
            String ciphertext, String tag) {
        byte[] sealed = AesGcm.seal(bytes(key), bytes(nonce), bytes(aad), bytes(plaintext));

        assertThat(text(sealed)).isEqualTo(ciphertext + tag);
        assertThat(text(AesGcm.open(bytes(key), bytes(nonce), bytes(aad), sealed, 0, sealed.length)))
                .isEqualTo(plaintext);

        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> AesGcm.open(bytes(key), bytes(nonce), bytes(aad), sealed, 0, sealed.length))
                .isInstanceOf(TamperedValueException.class);
    }
}
