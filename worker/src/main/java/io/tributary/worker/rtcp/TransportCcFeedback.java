package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01, RTPFB FMT 15).
 *
 * <pre>
 *  base sequence number (16) | packet status count (16)
 *  reference time (24, signed, x64 ms) | feedback packet count (8)
 *  packet chunks (16 bits each) ... | receive deltas (8 or 16 bits, x250 us) ...
 * </pre>
 *
 * {@link #wrap} checks that the chunks cover the status count and that every delta they call
 * for is present; {@link #forEachPacket} then walks them without further checks.
 */
public final class TransportCcFeedback {

    public static final int STATUS_NOT_RECEIVED = 0;
    public static final int STATUS_SMALL_DELTA = 1;
    public static final int STATUS_LARGE_DELTA = 2;

    /** Microseconds per receive delta tick. */
    public static final int DELTA_TICK_MICROS = 250;
    /** Microseconds per reference time unit. */
    public static final long REFERENCE_TIME_UNIT_MICROS = 64_000L;

    private static final int FIXED_LENGTH = RtcpHeader.FEEDBACK_HEADER_LENGTH + 8;
    private static final int STATUS_RESERVED = 3;

    /** Receives one reported packet per call; the delta is 0 for packets not received. */
    @FunctionalInterface
    public interface PacketListener {
        void packet(int sequenceNumber, int status, int deltaTicks);
    }

    private byte[] buf;
    private int off;
    private int deltasOffset;
    private int receivedCount;

    /** Views the feedback at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        int content = RtcpHeader.feedbackContent(buf, off, len, RtcpPacketType.RTPFB,
                RtcpPacketType.FMT_TRANSPORT_CC);
        if (content < FIXED_LENGTH) {
            return false;
        }
        int end = off + content;
        int remaining = BigEndian.u16(buf, off + 14);
        int p = off + FIXED_LENGTH;
        int small = 0;
        int large = 0;
        while (remaining > 0) {
            if (p + 2 > end) {
                return false;
            }
            int chunk = BigEndian.u16(buf, p);
            p += 2;
            int covered = Math.min(symbolCount(chunk), remaining);
            for (int i = 0; i < covered; i++) {
                int status = symbol(chunk, i);
                if (status == STATUS_SMALL_DELTA) {
                    small++;
                } else if (status == STATUS_LARGE_DELTA) {
                    large++;
                } else if (status == STATUS_RESERVED) {
                    return false;
                }
            }
            remaining -= covered;
        }
        if (p + small + 2 * large > end) {
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.deltasOffset = p;
        this.receivedCount = small + large;
        return true;
    }

    public int senderSsrc() {
        return BigEndian.i32(buf, off + 4);
    }

    public int mediaSsrc() {
        return BigEndian.i32(buf, off + 8);
    }

    public int baseSequenceNumber() {
        return BigEndian.u16(buf, off + 12);
    }

    public int packetStatusCount() {
        return BigEndian.u16(buf, off + 14);
    }

    /** Reference time in units of 64 ms, sign extended from 24 bits. */
    public int referenceTime() {
        return (BigEndian.u24(buf, off + 16) << 8) >> 8;
    }

    public long referenceTimeMicros() {
        return referenceTime() * REFERENCE_TIME_UNIT_MICROS;
    }

    /** Feedback packet count, 8 bits, incremented per feedback sent (detects lost feedback). */
    public int feedbackPacketCount() {
        return buf[off + 19] & 0xFF;
    }

    /** Number of packets reported as received. */
    public int receivedCount() {
        return receivedCount;
    }

    /** Walks the reported packets in sequence order. */
    public void forEachPacket(PacketListener listener) {
        int remaining = packetStatusCount();
        int seq = baseSequenceNumber();
        int p = off + FIXED_LENGTH;
        int d = deltasOffset;
        while (remaining > 0) {
            int chunk = BigEndian.u16(buf, p);
            p += 2;
            int covered = Math.min(symbolCount(chunk), remaining);
            for (int i = 0; i < covered; i++) {
                int status = symbol(chunk, i);
                int delta = 0;
                if (status == STATUS_SMALL_DELTA) {
                    delta = buf[d] & 0xFF;
                    d++;
                } else if (status == STATUS_LARGE_DELTA) {
                    delta = (short) BigEndian.u16(buf, d);
                    d += 2;
                }
                listener.packet(seq, status, delta);
                seq = (seq + 1) & 0xFFFF;
            }
            remaining -= covered;
        }
    }

    /** Symbols a chunk describes: run length, 14 one-bit or 7 two-bit symbols. */
    static int symbolCount(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & 0x1FFF;
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    /** Status of symbol i of a chunk. */
    static int symbol(int chunk, int i) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 0x03;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >>> (13 - i)) & 0x01;
        }
        return (chunk >>> (12 - 2 * i)) & 0x03;
    }
}
