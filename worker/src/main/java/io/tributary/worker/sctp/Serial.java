package io.tributary.worker.sctp;

/**
 * Serial number arithmetic: 32-bit TSNs are unwrapped to longs next to a reference, and 16-bit SSNs
 * compared modulo 2^16 (RFC 1982, as RFC 9260 §1.6 asks).
 */
final class Serial {

    private Serial() {
    }

    /** The unwrapped TSN closest to {@code reference} whose low 32 bits are {@code wire}. */
    static long unwrap(long reference, int wire) {
        return reference + (wire - (int) reference);
    }

    /** True when SSN {@code a} comes after {@code b}. */
    static boolean ssnAfter(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        return diff != 0 && diff < 0x8000;
    }

    static int nextSsn(int ssn) {
        return (ssn + 1) & 0xFFFF;
    }
}
