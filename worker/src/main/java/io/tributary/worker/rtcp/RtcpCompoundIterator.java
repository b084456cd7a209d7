package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * Walks the packets of a compound RTCP packet in a byte[] without allocating. Each step checks
 * the version, the length field against what is left and the padding; the walk stops cleanly at
 * the end or at the first malformed packet ({@link #isMalformed()}). Reduced-size packets
 * (RFC 5506) are accepted: the first packet need not be SR or RR.
 *
 * <pre>
 * it.wrap(buf, off, len);
 * while (it.next()) {
 *     switch (it.packetType()) { case RtcpPacketType.SR -> sr.wrap(it.buffer(), it.offset(), it.length()); ... }
 * }
 * </pre>
 */
public final class RtcpCompoundIterator {

    private byte[] buf;
    private int position;
    private int end;
    private int current;
    private int currentLength;
    private boolean malformed;

    /** Starts a walk over {@code buf[off, off + len)}; false (and no packets) when the bounds are invalid. */
    public boolean wrap(byte[] buf, int off, int len) {
        current = -1;
        currentLength = 0;
        if (!BigEndian.inBounds(buf, off, len)) {
            this.buf = null;
            position = 0;
            end = 0;
            malformed = true;
            return false;
        }
        this.buf = buf;
        position = off;
        end = off + len;
        malformed = false;
        return true;
    }

    /** Moves to the next packet; false at the end or on a malformed packet. */
    public boolean next() {
        if (malformed || position >= end) {
            return false;
        }
        int total = RtcpHeader.totalLength(buf, position, end - position, -1);
        if (total < 0) {
            malformed = true;
            return false;
        }
        current = position;
        currentLength = total;
        position += total;
        return true;
    }

    /** True when the walk stopped on bytes that are not a valid RTCP packet. */
    public boolean isMalformed() {
        return malformed;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Absolute offset of the current packet. */
    public int offset() {
        return current;
    }

    /** Total length of the current packet in bytes, padding included. */
    public int length() {
        return currentLength;
    }

    /** Length of the current packet without its padding. */
    public int contentLength() {
        return RtcpHeader.contentLength(buf, current, currentLength);
    }

    public int packetType() {
        return buf[current + 1] & 0xFF;
    }

    /** The 5-bit RC / SC / FMT field. */
    public int count() {
        return RtcpHeader.count(buf, current);
    }

    public boolean hasPadding() {
        return (buf[current] & RtcpHeader.PADDING_BIT) != 0;
    }
}
