package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/** A reusable view of a BYE packet (RFC 3550 section 6.6): SSRC list and optional reason. */
public final class ByePacket {

    private byte[] buf;
    private int off;
    private int reasonOffset;

    /** Views the BYE at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        int content = RtcpHeader.validContent(buf, off, len, RtcpPacketType.BYE);
        if (content < 0) {
            return false;
        }
        int listEnd = RtcpHeader.LENGTH + RtcpHeader.count(buf, off) * 4;
        if (content < listEnd) {
            return false;
        }
        int reason = -1;
        if (content > listEnd) {
            int reasonLength = buf[off + listEnd] & 0xFF;
            if (listEnd + 1 + reasonLength > content) {
                return false;
            }
            reason = off + listEnd + 1;
        }
        this.buf = buf;
        this.off = off;
        this.reasonOffset = reason;
        return true;
    }

    public int ssrcCount() {
        return RtcpHeader.count(buf, off);
    }

    public int ssrc(int index) {
        return BigEndian.i32(buf, off + RtcpHeader.LENGTH + index * 4);
    }

    /** Absolute offset of the reason text, or -1 without one. */
    public int reasonOffset() {
        return reasonOffset;
    }

    public int reasonLength() {
        return reasonOffset < 0 ? 0 : buf[reasonOffset - 1] & 0xFF;
    }

    /** Writes a BYE for {@code count} SSRCs (no reason); returns its length, or -1. */
    public static int write(byte[] dst, int off, int[] ssrcs, int count) {
        int size = RtcpHeader.LENGTH + count * 4;
        if (ssrcs == null || count < 1 || count > 31 || count > ssrcs.length || !BigEndian.inBounds(dst, off, size)) {
            return -1;
        }
        RtcpHeader.write(dst, off, count, RtcpPacketType.BYE, size);
        for (int i = 0; i < count; i++) {
            BigEndian.put32(dst, off + RtcpHeader.LENGTH + i * 4, ssrcs[i]);
        }
        return size;
    }

    /** Writes a BYE for one SSRC; returns 8, or -1. */
    public static int write(byte[] dst, int off, int ssrc) {
        if (!BigEndian.inBounds(dst, off, 8)) {
            return -1;
        }
        RtcpHeader.write(dst, off, 1, RtcpPacketType.BYE, 8);
        BigEndian.put32(dst, off + 4, ssrc);
        return 8;
    }
}
