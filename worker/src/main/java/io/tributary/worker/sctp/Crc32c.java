package io.tributary.worker.sctp;

import java.util.zip.CRC32C;

/**
 * The SCTP checksum (RFC 9260 appendix B, RFC 3309): CRC32c over the whole packet with the checksum
 * field zeroed, stored least significant byte first.
 */
final class Crc32c {

    static final int CHECKSUM_OFFSET = 8;

    private static final byte[] ZEROS = new byte[4];

    private final CRC32C crc = new CRC32C();

    /** Computes the checksum of {@code packet[off, off + len)} and writes it into the header. */
    void stamp(byte[] packet, int off, int len) {
        writeLittleEndian(packet, off + CHECKSUM_OFFSET, 0);
        writeLittleEndian(packet, off + CHECKSUM_OFFSET, compute(packet, off, len));
    }

    /** True when the stored checksum matches; the packet (which may be the caller's) is not written. */
    boolean verify(byte[] packet, int off, int len) {
        int at = off + CHECKSUM_OFFSET;
        crc.reset();
        crc.update(packet, off, CHECKSUM_OFFSET);
        crc.update(ZEROS, 0, 4);
        crc.update(packet, at + 4, len - CHECKSUM_OFFSET - 4);
        return readLittleEndian(packet, at) == (int) crc.getValue();
    }

    int compute(byte[] data, int off, int len) {
        crc.reset();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    private static int readLittleEndian(byte[] buf, int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
    }

    private static void writeLittleEndian(byte[] buf, int at, int value) {
        buf[at] = (byte) value;
        buf[at + 1] = (byte) (value >>> 8);
        buf[at + 2] = (byte) (value >>> 16);
        buf[at + 3] = (byte) (value >>> 24);
    }
}
