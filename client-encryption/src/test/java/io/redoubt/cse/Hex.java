package io.redoubt.cse;

import java.util.HexFormat;

/** Test vectors are written in hex, as in the standards they come from. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String text(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
