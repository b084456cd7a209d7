package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/** A reusable view of a picture loss indication (RFC 4585 section 6.3.1): no FCI. */
public final class PliPacket {

    public static final int LENGTH = RtcpHeader.FEEDBACK_HEADER_LENGTH;

    private byte[] buf;
    private int off;

    /** Views the PLI at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        if (RtcpHeader.feedbackContent(buf, off, len, RtcpPacketType.PSFB, RtcpPacketType.FMT_PLI) < 0) {
            this.buf = null;
            return false;
        }
        this.buf = buf;
        this.off = off;
        return true;
    }

    public int senderSsrc() {
        return BigEndian.i32(buf, off + 4);
    }

    public int mediaSsrc() {
        return BigEndian.i32(buf, off + 8);
    }

    /** Writes a PLI and returns 12, or -1 when it does not fit. */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc) {
        if (!BigEndian.inBounds(dst, off, LENGTH)) {
            return -1;
        }
        RtcpHeader.writeFeedback(dst, off, RtcpPacketType.FMT_PLI, RtcpPacketType.PSFB, LENGTH, senderSsrc, mediaSsrc);
        return LENGTH;
    }
}
