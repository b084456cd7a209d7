package io.tributary.worker.rtp.codec;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of an H.264 RTP payload (RFC 6184): single NAL unit, STAP-A or FU-A.
 * Other packetizations (STAP-B, MTAP, FU-B) are accepted as opaque, never key frames.
 */
public final class H264Payload {

    public static final int NAL_IDR = 5;
    public static final int NAL_SEI = 6;
    public static final int NAL_SPS = 7;
    public static final int NAL_PPS = 8;
    public static final int STAP_A = 24;
    public static final int FU_A = 28;

    private byte[] buf;
    private int off;
    private int packetType;
    private int nalType;
    private int nalCount;
    private boolean keyFrame;

    /** Views the payload {@code buf[off, off + len)}; false when empty or an aggregate/fragment is malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (!BigEndian.inBounds(buf, off, len) || len < 1) {
            return false;
        }
        int type = buf[off] & 0x1F;
        int first;
        int count = 1;
        boolean key;
        if (type == STAP_A) {
            int end = off + len;
            int p = off + 1;
            first = -1;
            count = 0;
            key = false;
            while (p < end) {
                if (p + 2 > end) {
                    return false;
                }
                int size = BigEndian.u16(buf, p);
                if (size == 0 || p + 2 + size > end) {
                    return false;
                }
                int t = buf[p + 2] & 0x1F;
                if (first < 0) {
                    first = t;
                }
                key |= isKeyNal(t);
                count++;
                p += 2 + size;
            }
            if (count == 0) {
                return false;
            }
        } else if (type == FU_A) {
            if (len < 2) {
                return false;
            }
            first = buf[off + 1] & 0x1F;
            key = fragmentStart(buf, off) && isKeyNal(first);
        } else {
            first = type;
            key = type < STAP_A && isKeyNal(type);
        }
        this.buf = buf;
        this.off = off;
        this.packetType = type;
        this.nalType = first;
        this.nalCount = count;
        this.keyFrame = key;
        return true;
    }

    /** Type from the payload's first NAL header: 1-23 single NAL, 24 STAP-A, 28 FU-A, ... */
    public int packetType() {
        return packetType;
    }

    /** Type of the (first) NAL unit carried: the aggregated one for STAP-A, the fragmented one for FU-A. */
    public int nalType() {
        return nalType;
    }

    /** NAL units carried: the aggregate's count for STAP-A, else 1. */
    public int nalCount() {
        return nalCount;
    }

    /** NRI of the payload header (0 means droppable). */
    public int nalRefIdc() {
        return (buf[off] & 0x60) >>> 5;
    }

    /**
     * True when an IDR slice or an SPS starts here: as a single NAL, anywhere in a STAP-A, or in
     * the first fragment (S = 1) of an FU-A.
     */
    public boolean isKeyFrame() {
        return keyFrame;
    }

    /** FU-A start bit; true for non-fragmented packets. */
    public boolean startOfNal() {
        return packetType != FU_A || fragmentStart(buf, off);
    }

    /** FU-A end bit; true for non-fragmented packets. */
    public boolean endOfNal() {
        return packetType != FU_A || (buf[off + 1] & 0x40) != 0;
    }

    private static boolean fragmentStart(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    private static boolean isKeyNal(int type) {
        return type == NAL_IDR || type == NAL_SPS;
    }
}
