package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/** The common 4-byte RTCP header: {@code V=2 P RC/FMT | PT | length in words minus one}. */
final class RtcpHeader {

    static final int LENGTH = 4;
    static final int VERSION = 2;
    static final int PADDING_BIT = 0x20;
    /** Common header, sender SSRC and media source SSRC of RFC 4585 feedback. */
    static final int FEEDBACK_HEADER_LENGTH = 12;

    private RtcpHeader() {
    }

    /**
     * Validates the packet at {@code buf[off]} against the {@code len} bytes available and the
     * expected type (-1 for any) and returns its total length in bytes (from the length field,
     * padding included), or -1.
     */
    static int totalLength(byte[] buf, int off, int len, int packetType) {
        if (!BigEndian.inBounds(buf, off, len) || len < LENGTH) {
            return -1;
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 >>> 6) != VERSION || (packetType >= 0 && (buf[off + 1] & 0xFF) != packetType)) {
            return -1;
        }
        int total = (BigEndian.u16(buf, off + 2) + 1) << 2;
        if (total > len) {
            return -1;
        }
        if ((b0 & PADDING_BIT) != 0) {
            int padding = buf[off + total - 1] & 0xFF;
            if (padding == 0 || padding > total - LENGTH) {
                return -1;
            }
        }
        return total;
    }

    /** Length without padding of a packet already checked by {@link #totalLength}. */
    static int contentLength(byte[] buf, int off, int total) {
        return (buf[off] & PADDING_BIT) != 0 ? total - (buf[off + total - 1] & 0xFF) : total;
    }

    /** Content length of a valid packet of this type, or -1. */
    static int validContent(byte[] buf, int off, int len, int packetType) {
        int total = totalLength(buf, off, len, packetType);
        return total < 0 ? -1 : contentLength(buf, off, total);
    }

    /** Content length of a valid RFC 4585 feedback packet with this type and FMT, or -1. */
    static int feedbackContent(byte[] buf, int off, int len, int packetType, int fmt) {
        int content = validContent(buf, off, len, packetType);
        return content >= FEEDBACK_HEADER_LENGTH && count(buf, off) == fmt ? content : -1;
    }

    /** Writes the 12-byte feedback header (common header, sender SSRC, media SSRC). */
    static void writeFeedback(byte[] dst, int off, int fmt, int packetType, int totalLength, int senderSsrc,
                              int mediaSsrc) {
        write(dst, off, fmt, packetType, totalLength);
        BigEndian.put32(dst, off + 4, senderSsrc);
        BigEndian.put32(dst, off + 8, mediaSsrc);
    }

    static int count(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    /** Writes a header without padding; {@code totalLength} is a multiple of 4. */
    static void write(byte[] dst, int off, int count, int packetType, int totalLength) {
        dst[off] = (byte) ((VERSION << 6) | (count & 0x1F));
        dst[off + 1] = (byte) packetType;
        BigEndian.put16(dst, off + 2, (totalLength >>> 2) - 1);
    }

    /** Bumps the count field and the length of the packet at off by {@code addedBytes}. */
    static void grow(byte[] dst, int off, int addedBytes) {
        dst[off] = (byte) ((dst[off] & 0xE0) | ((count(dst, off) + 1) & 0x1F));
        BigEndian.put16(dst, off + 2, BigEndian.u16(dst, off + 2) + (addedBytes >>> 2));
    }
}
