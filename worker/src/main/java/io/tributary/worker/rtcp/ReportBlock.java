package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/** A reusable view of one 24-byte reception report block (RFC 3550 section 6.4.1). */
public final class ReportBlock {

    public static final int LENGTH = 24;

    private static final int MAX_LOST = 0x7F_FFFF;
    private static final int MIN_LOST = -0x80_0000;

    private byte[] buf;
    private int off;

    /** Views the block at {@code buf[off]}; false when 24 bytes are not there. */
    public boolean wrap(byte[] buf, int off) {
        if (!BigEndian.inBounds(buf, off, LENGTH)) {
            this.buf = null;
            return false;
        }
        this.buf = buf;
        this.off = off;
        return true;
    }

    /** SSRC of the source this block reports on. */
    public int ssrc() {
        return BigEndian.i32(buf, off);
    }

    /** Fraction lost since the previous report, in 1/256 units. */
    public int fractionLost() {
        return buf[off + 4] & 0xFF;
    }

    /** Cumulative number of packets lost: 24-bit signed (duplicates can make it negative). */
    public int cumulativeLost() {
        return (BigEndian.u24(buf, off + 5) << 8) >> 8;
    }

    /** Extended highest sequence number received (cycles in the upper 16 bits). */
    public long extendedHighestSequenceNumber() {
        return BigEndian.u32(buf, off + 8);
    }

    /** Interarrival jitter in timestamp units. */
    public long jitter() {
        return BigEndian.u32(buf, off + 12);
    }

    /** LSR: middle 32 bits of the NTP timestamp of the last SR received, 0 if none. */
    public int lastSenderReport() {
        return BigEndian.i32(buf, off + 16);
    }

    /** DLSR: delay since that SR in 1/65536 s. */
    public int delaySinceLastSenderReport() {
        return BigEndian.i32(buf, off + 20);
    }

    /** Writes a block and returns 24, or -1 when it does not fit. cumulativeLost is clamped to 24 bits. */
    public static int write(byte[] dst, int off, int ssrc, int fractionLost, int cumulativeLost,
                            long extendedHighestSequenceNumber, long jitter, int lastSenderReport,
                            int delaySinceLastSenderReport) {
        if (!BigEndian.inBounds(dst, off, LENGTH)) {
            return -1;
        }
        BigEndian.put32(dst, off, ssrc);
        dst[off + 4] = (byte) fractionLost;
        BigEndian.put24(dst, off + 5, Math.max(MIN_LOST, Math.min(MAX_LOST, cumulativeLost)));
        BigEndian.put32(dst, off + 8, extendedHighestSequenceNumber);
        BigEndian.put32(dst, off + 12, jitter);
        BigEndian.put32(dst, off + 16, lastSenderReport);
        BigEndian.put32(dst, off + 20, delaySinceLastSenderReport);
        return LENGTH;
    }
}
