package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of a full intra request (RFC 5104 section 4.3.1): entries of a target SSRC and
 * an 8-bit command sequence number, which the sender increments per new request.
 */
public final class FirPacket {

    private static final int ENTRY_LENGTH = 8;
    /** A FIR with one entry. */
    public static final int LENGTH = RtcpHeader.FEEDBACK_HEADER_LENGTH + ENTRY_LENGTH;

    private byte[] buf;
    private int off;
    private int entryCount;

    /** Views the FIR at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        int content = RtcpHeader.feedbackContent(buf, off, len, RtcpPacketType.PSFB, RtcpPacketType.FMT_FIR);
        if (content < 0) {
            return false;
        }
        int entries = (content - RtcpHeader.FEEDBACK_HEADER_LENGTH) / ENTRY_LENGTH;
        if (entries == 0) {
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.entryCount = entries;
        return true;
    }

    public int senderSsrc() {
        return BigEndian.i32(buf, off + 4);
    }

    /** Media source SSRC of the header; RFC 5104 says 0, some senders put the target there. */
    public int mediaSsrc() {
        return BigEndian.i32(buf, off + 8);
    }

    public int entryCount() {
        return entryCount;
    }

    /** SSRC of the stream entry {@code index} asks a key frame for. */
    public int entrySsrc(int index) {
        return BigEndian.i32(buf, entryOffset(index));
    }

    public int entrySequenceNumber(int index) {
        return buf[entryOffset(index) + 4] & 0xFF;
    }

    /** Writes a one-entry FIR and returns 20, or -1 when it does not fit. */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc, int targetSsrc, int sequenceNumber) {
        if (!BigEndian.inBounds(dst, off, LENGTH)) {
            return -1;
        }
        RtcpHeader.writeFeedback(dst, off, RtcpPacketType.FMT_FIR, RtcpPacketType.PSFB, LENGTH, senderSsrc, mediaSsrc);
        int p = off + RtcpHeader.FEEDBACK_HEADER_LENGTH;
        BigEndian.put32(dst, p, targetSsrc);
        dst[p + 4] = (byte) sequenceNumber;
        dst[p + 5] = 0;
        dst[p + 6] = 0;
        dst[p + 7] = 0;
        return LENGTH;
    }

    private int entryOffset(int index) {
        return off + RtcpHeader.FEEDBACK_HEADER_LENGTH + index * ENTRY_LENGTH;
    }
}
