package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of REMB (draft-alvestrand-rmcat-remb): payload-specific application layer
 * feedback with the identifier 'REMB', a bitrate as 6-bit exponent and 18-bit mantissa, and the
 * SSRCs it applies to.
 */
public final class RembPacket {

    private static final int FIXED_LENGTH = RtcpHeader.FEEDBACK_HEADER_LENGTH + 8;
    private static final int MAX_MANTISSA = 0x3_FFFF;
    private static final int MAX_SSRCS = 255;

    private byte[] buf;
    private int off;

    /** Views the REMB at {@code buf[off]} with {@code len} bytes available; false for other AFB or when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        int content = RtcpHeader.feedbackContent(buf, off, len, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB);
        if (content < FIXED_LENGTH || buf[off + 12] != 'R' || buf[off + 13] != 'E' || buf[off + 14] != 'M'
                || buf[off + 15] != 'B') {
            return false;
        }
        if (content < FIXED_LENGTH + (buf[off + 16] & 0xFF) * 4) {
            return false;
        }
        this.buf = buf;
        this.off = off;
        return true;
    }

    public int senderSsrc() {
        return BigEndian.i32(buf, off + 4);
    }

    /** Bits per second, saturating at Long.MAX_VALUE for absurd exponents. */
    public long bitrate() {
        int exponent = (buf[off + 17] & 0xFC) >>> 2;
        long mantissa = BigEndian.u24(buf, off + 17) & MAX_MANTISSA;
        if (mantissa != 0 && exponent > Long.numberOfLeadingZeros(mantissa) - 1) {
            return Long.MAX_VALUE;
        }
        return mantissa << exponent;
    }

    public int ssrcCount() {
        return buf[off + 16] & 0xFF;
    }

    public int ssrc(int index) {
        return BigEndian.i32(buf, off + FIXED_LENGTH + index * 4);
    }

    public static int size(int ssrcCount) {
        return FIXED_LENGTH + ssrcCount * 4;
    }

    /** Writes a REMB for {@code count} SSRCs; returns its length, or -1. The bitrate is rounded down. */
    public static int write(byte[] dst, int off, int senderSsrc, long bitrate, int[] ssrcs, int count) {
        int size = size(count);
        if (count < 0 || count > MAX_SSRCS || (count > 0 && (ssrcs == null || count > ssrcs.length))
                || !BigEndian.inBounds(dst, off, size)) {
            return -1;
        }
        long value = Math.max(bitrate, 0);
        int exponent = 0;
        while ((value >>> exponent) > MAX_MANTISSA) {
            exponent++;
        }
        RtcpHeader.writeFeedback(dst, off, RtcpPacketType.FMT_AFB, RtcpPacketType.PSFB, size, senderSsrc, 0);
        dst[off + 12] = 'R';
        dst[off + 13] = 'E';
        dst[off + 14] = 'M';
        dst[off + 15] = 'B';
        dst[off + 16] = (byte) count;
        BigEndian.put24(dst, off + 17, (exponent << 18) | (int) (value >>> exponent));
        for (int i = 0; i < count; i++) {
            BigEndian.put32(dst, off + FIXED_LENGTH + i * 4, ssrcs[i]);
        }
        return size;
    }
}
