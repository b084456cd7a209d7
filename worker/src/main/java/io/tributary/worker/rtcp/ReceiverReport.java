package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/** A reusable view of a receiver report (RFC 3550 section 6.4.2): sender SSRC and report blocks. */
public final class ReceiverReport {

    /** Header and SSRC. */
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;

    /** Views the RR at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        int content = RtcpHeader.validContent(buf, off, len, RtcpPacketType.RR);
        if (content < 0 || content < HEADER_LENGTH + RtcpHeader.count(buf, off) * ReportBlock.LENGTH) {
            this.buf = null;
            return false;
        }
        this.buf = buf;
        this.off = off;
        return true;
    }

    public int ssrc() {
        return BigEndian.i32(buf, off + 4);
    }

    public int reportCount() {
        return RtcpHeader.count(buf, off);
    }

    /** Points {@code view} at block {@code index}; false when out of range. */
    public boolean reportBlock(int index, ReportBlock view) {
        return index >= 0 && index < reportCount() && view.wrap(buf, off + HEADER_LENGTH + index * ReportBlock.LENGTH);
    }

    /** Writes an RR without report blocks and returns 8, or -1 when it does not fit. */
    public static int write(byte[] dst, int off, int ssrc) {
        if (!BigEndian.inBounds(dst, off, HEADER_LENGTH)) {
            return -1;
        }
        RtcpHeader.write(dst, off, 0, RtcpPacketType.RR, HEADER_LENGTH);
        BigEndian.put32(dst, off + 4, ssrc);
        return HEADER_LENGTH;
    }
}
