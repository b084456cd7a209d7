package io.tributary.worker.rtp;

/**
 * RTX (RFC 4588) in session-multiplexed form: the retransmission carries the original
 * sequence number (OSN) in the first two payload bytes, under its own SSRC, PT and sequence.
 * Headers (CSRCs, extensions) are kept; padding is dropped because it belongs to one packet.
 */
public final class RtxCodec {

    public static final int OSN_LENGTH = 2;

    private RtxCodec() {
    }

    /**
     * Writes the RTX form of {@code original} at {@code dst[dstOff]} and returns its length, or -1
     * when it does not fit. dst may be the original's own buffer at the same offset (in place);
     * other overlaps are not supported.
     */
    public static int encode(RtpPacket original, byte[] dst, int dstOff, int rtxPayloadType, int rtxSsrc,
                             int rtxSequenceNumber) {
        int header = original.headerLength();
        int payload = original.payloadLength();
        int total = header + OSN_LENGTH + payload;
        if (!BigEndian.inBounds(dst, dstOff, total)) {
            return -1;
        }
        byte[] src = original.buffer();
        int osn = original.sequenceNumber();
        System.arraycopy(src, original.payloadOffset(), dst, dstOff + header + OSN_LENGTH, payload);
        System.arraycopy(src, original.offset(), dst, dstOff, header);
        BigEndian.put16(dst, dstOff + header, osn);
        finishHeader(dst, dstOff, rtxPayloadType, rtxSequenceNumber, rtxSsrc);
        return total;
    }

    /**
     * Writes the original packet carried by {@code rtx} at {@code dst[dstOff]} and returns its
     * length, or -1 when the RTX payload has no OSN (padding-only probes) or it does not fit.
     * dst may be the RTX packet's own buffer at the same offset (in place).
     */
    public static int decode(RtpPacket rtx, byte[] dst, int dstOff, int originalPayloadType, int originalSsrc) {
        int payload = rtx.payloadLength() - OSN_LENGTH;
        if (payload < 0) {
            return -1;
        }
        int header = rtx.headerLength();
        int total = header + payload;
        if (!BigEndian.inBounds(dst, dstOff, total)) {
            return -1;
        }
        byte[] src = rtx.buffer();
        int osn = BigEndian.u16(src, rtx.payloadOffset());
        System.arraycopy(src, rtx.offset(), dst, dstOff, header);
        System.arraycopy(src, rtx.payloadOffset() + OSN_LENGTH, dst, dstOff + header, payload);
        finishHeader(dst, dstOff, originalPayloadType, osn, originalSsrc);
        return total;
    }

    /** The OSN of an RTX packet, or -1 when its payload is too short. */
    public static int originalSequenceNumber(RtpPacket rtx) {
        return rtx.payloadLength() < OSN_LENGTH ? -1 : BigEndian.u16(rtx.buffer(), rtx.payloadOffset());
    }

    private static void finishHeader(byte[] dst, int off, int payloadType, int sequenceNumber, int ssrc) {
        dst[off] = (byte) (dst[off] & ~0x20);
        dst[off + 1] = (byte) ((dst[off + 1] & 0x80) | (payloadType & 0x7F));
        BigEndian.put16(dst, off + 2, sequenceNumber);
        BigEndian.put32(dst, off + 8, ssrc);
    }
}
