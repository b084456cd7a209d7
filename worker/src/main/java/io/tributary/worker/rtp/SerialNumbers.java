package io.tributary.worker.rtp;

/**
 * Serial number arithmetic (RFC 1982) for 16-bit RTP sequence numbers and 32-bit timestamps.
 * At exactly half the space apart the larger raw value counts as newer, so the relation stays
 * antisymmetric.
 */
public final class SerialNumbers {

    private SerialNumbers() {
    }

    /** True when sequence number {@code a} comes after {@code b}. */
    public static boolean isNewerSeq(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        if (diff == 0x8000) {
            return (a & 0xFFFF) > (b & 0xFFFF);
        }
        return diff != 0 && diff < 0x8000;
    }

    /** Signed distance {@code a - b} in [-32768, 32767]. */
    public static int seqDiff(int a, int b) {
        return (short) (a - b);
    }

    /** The newer of two sequence numbers. */
    public static int latestSeq(int a, int b) {
        return isNewerSeq(a, b) ? a & 0xFFFF : b & 0xFFFF;
    }

    /** True when timestamp {@code a} comes after {@code b}. */
    public static boolean isNewerTimestamp(long a, long b) {
        long diff = (a - b) & 0xFFFF_FFFFL;
        if (diff == 0x8000_0000L) {
            return (a & 0xFFFF_FFFFL) > (b & 0xFFFF_FFFFL);
        }
        return diff != 0 && diff < 0x8000_0000L;
    }

    /** Signed distance {@code a - b} between two 32-bit timestamps. */
    public static int timestampDiff(long a, long b) {
        return (int) (a - b);
    }
}
