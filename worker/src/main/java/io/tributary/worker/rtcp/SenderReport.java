package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of a sender report (RFC 3550 section 6.4.1): sender SSRC, sender info and
 * report blocks. Profile extensions after the blocks are ignored.
 */
public final class SenderReport {

    /** Header, SSRC and the 20-byte sender info. */
    public static final int HEADER_LENGTH = 28;

    private byte[] buf;
    private int off;

    /** Views the SR at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        int content = RtcpHeader.validContent(buf, off, len, RtcpPacketType.SR);
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

    /** 64-bit NTP timestamp (seconds in the upper half); see {@link NtpTime}. */
    public long ntpTimestamp() {
        return (BigEndian.u32(buf, off + 8) << 32) | BigEndian.u32(buf, off + 12);
    }

    /** RTP timestamp matching the NTP timestamp, unsigned. */
    public long rtpTimestamp() {
        return BigEndian.u32(buf, off + 16);
    }

    public long packetCount() {
        return BigEndian.u32(buf, off + 20);
    }

    public long octetCount() {
        return BigEndian.u32(buf, off + 24);
    }

    public int reportCount() {
        return RtcpHeader.count(buf, off);
    }

    /** Points {@code view} at block {@code index}; false when out of range. */
    public boolean reportBlock(int index, ReportBlock view) {
        return index >= 0 && index < reportCount() && view.wrap(buf, off + HEADER_LENGTH + index * ReportBlock.LENGTH);
    }

    /**
     * Writes an SR without report blocks and returns 28, or -1 when it does not fit. Blocks are
     * appended by {@link RtcpCompoundWriter#addReportBlock}.
     */
    public static int write(byte[] dst, int off, int ssrc, long ntpTimestamp, long rtpTimestamp,
                            long packetCount, long octetCount) {
        if (!BigEndian.inBounds(dst, off, HEADER_LENGTH)) {
            return -1;
        }
        RtcpHeader.write(dst, off, 0, RtcpPacketType.SR, HEADER_LENGTH);
        BigEndian.put32(dst, off + 4, ssrc);
        BigEndian.put32(dst, off + 8, ntpTimestamp >>> 32);
        BigEndian.put32(dst, off + 12, ntpTimestamp);
        BigEndian.put32(dst, off + 16, rtpTimestamp);
        BigEndian.put32(dst, off + 20, packetCount);
        BigEndian.put32(dst, off + 24, octetCount);
        return HEADER_LENGTH;
    }
}
