package io.tributary.worker.testing;

import java.util.HexFormat;

/** Hex test vectors written with free spacing, as RFCs print them. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String string(byte[] bytes, int off, int len) {
        return HexFormat.of().formatHex(bytes, off, off + len);
    }
}
