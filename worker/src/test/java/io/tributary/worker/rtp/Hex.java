package io.tributary.worker.rtp;

/** Test helper: hex strings (spaces and '|' ignored) to bytes and back. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String hex) {
        String clean = hex.replaceAll("[\\s|]", "");
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length: " + hex);
        }
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static String of(byte[] buf, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", buf[off + i] & 0xFF));
        }
        return sb.toString();
    }

    /** Normalises a hex string to the spacing {@link #of} produces. */
    public static String normalize(String hex) {
        byte[] b = bytes(hex);
        return of(b, 0, b.length);
    }

    /** Copies src into a larger array at the given offset, leaving spare capacity after it. */
    public static byte[] placed(byte[] src, int offset, int spare) {
        byte[] out = new byte[offset + src.length + spare];
        System.arraycopy(src, 0, out, offset, src.length);
        return out;
    }
}
