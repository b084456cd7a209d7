package io.tributary.worker.rtp.codec;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of the VP8 payload descriptor (RFC 7741 section 4.2) at the start of an RTP
 * payload, plus the key-frame bit of the VP8 payload header that follows it.
 *
 * <pre>
 *      |X|R|N|S|R| PID |
 *  X:  |I|L|T|K| RSV   |
 *  I:  |M| PictureID   |   (second byte when M = 1: 15-bit PictureID)
 *  L:  |   TL0PICIDX   |
 *  T/K:|TID|Y| KEYIDX  |
 * </pre>
 */
public final class Vp8PayloadDescriptor {

    private byte[] buf;
    private int off;
    private int len;
    private int descriptorLength;
    /** Absolute offsets of optional fields, -1 when absent. */
    private int pictureIdOffset;
    private int tl0PicIdxOffset;
    private int tidKeyIdxOffset;

    /** Views the payload {@code buf[off, off + len)}; false when the descriptor is truncated or has no data after it. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (!BigEndian.inBounds(buf, off, len) || len < 2) {
            return false;
        }
        int end = off + len;
        int p = off + 1;
        int picture = -1;
        int tl0 = -1;
        int tk = -1;
        if ((buf[off] & 0x80) != 0) {
            int x = buf[p++];
            if ((x & 0x80) != 0) {
                if (p >= end) {
                    return false;
                }
                picture = p;
                p += (buf[p] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                tl0 = p++;
            }
            if ((x & 0x30) != 0) {
                tk = p++;
            }
        }
        if (p >= end) {
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.descriptorLength = p - off;
        this.pictureIdOffset = picture;
        this.tl0PicIdxOffset = tl0;
        this.tidKeyIdxOffset = tk;
        return true;
    }

    public int descriptorLength() {
        return descriptorLength;
    }

    /** N: the frame can be discarded without affecting others. */
    public boolean nonReference() {
        return (buf[off] & 0x20) != 0;
    }

    /** S: the packet starts a VP8 partition. */
    public boolean startOfPartition() {
        return (buf[off] & 0x10) != 0;
    }

    /** PID: the partition index. */
    public int partitionIndex() {
        return buf[off] & 0x07;
    }

    /** True at the first packet of a frame (S = 1 and PID = 0). */
    public boolean startOfFrame() {
        return startOfPartition() && partitionIndex() == 0;
    }

    /** First packet of a key frame: S = 1, PID = 0 and the P bit of the VP8 payload header is 0. */
    public boolean isKeyFrame() {
        return startOfFrame() && (buf[off + descriptorLength] & 0x01) == 0;
    }

    public boolean hasPictureId() {
        return pictureIdOffset >= 0;
    }

    /** True for the 15-bit (M = 1) PictureID. */
    public boolean hasLongPictureId() {
        return pictureIdOffset >= 0 && (buf[pictureIdOffset] & 0x80) != 0;
    }

    /** PictureID (7 or 15 bits), or -1. */
    public int pictureId() {
        if (pictureIdOffset < 0) {
            return -1;
        }
        return hasLongPictureId() ? BigEndian.u16(buf, pictureIdOffset) & 0x7FFF : buf[pictureIdOffset] & 0x7F;
    }

    /** Rewrites PictureID in place, truncated to the field's existing width; false when absent. */
    public boolean setPictureId(int pictureId) {
        if (pictureIdOffset < 0) {
            return false;
        }
        if (hasLongPictureId()) {
            BigEndian.put16(buf, pictureIdOffset, 0x8000 | (pictureId & 0x7FFF));
        } else {
            buf[pictureIdOffset] = (byte) (pictureId & 0x7F);
        }
        return true;
    }

    public boolean hasTl0PicIdx() {
        return tl0PicIdxOffset >= 0;
    }

    /** TL0PICIDX, or -1. */
    public int tl0PicIdx() {
        return tl0PicIdxOffset < 0 ? -1 : buf[tl0PicIdxOffset] & 0xFF;
    }

    /** Rewrites TL0PICIDX in place; false when absent. */
    public boolean setTl0PicIdx(int tl0PicIdx) {
        if (tl0PicIdxOffset < 0) {
            return false;
        }
        buf[tl0PicIdxOffset] = (byte) tl0PicIdx;
        return true;
    }

    /** TID (T = 1), or -1. */
    public int temporalId() {
        return hasT() ? (buf[tidKeyIdxOffset] & 0xC0) >>> 6 : -1;
    }

    /** Y: layer sync, the frame depends only on the base temporal layer (T = 1). */
    public boolean layerSync() {
        return hasT() && (buf[tidKeyIdxOffset] & 0x20) != 0;
    }

    /** KEYIDX (K = 1), or -1. */
    public int keyIdx() {
        return hasK() ? buf[tidKeyIdxOffset] & 0x1F : -1;
    }

    /** Absolute offset of the VP8 payload after the descriptor. */
    public int payloadOffset() {
        return off + descriptorLength;
    }

    /** Width from a key frame header (start code 9d 01 2a), or -1. */
    public int keyFrameWidth() {
        int p = keyFrameHeader();
        return p < 0 ? -1 : ((buf[p + 7] & 0x3F) << 8 | (buf[p + 6] & 0xFF));
    }

    /** Height from a key frame header, or -1. */
    public int keyFrameHeight() {
        int p = keyFrameHeader();
        return p < 0 ? -1 : ((buf[p + 9] & 0x3F) << 8 | (buf[p + 8] & 0xFF));
    }

    private int keyFrameHeader() {
        int p = off + descriptorLength;
        if (!isKeyFrame() || off + len - p < 10) {
            return -1;
        }
        boolean startCode = (buf[p + 3] & 0xFF) == 0x9D && (buf[p + 4] & 0xFF) == 0x01 && (buf[p + 5] & 0xFF) == 0x2A;
        return startCode ? p : -1;
    }

    private boolean hasT() {
        return tidKeyIdxOffset >= 0 && (buf[off + 1] & 0x20) != 0;
    }

    private boolean hasK() {
        return tidKeyIdxOffset >= 0 && (buf[off + 1] & 0x10) != 0;
    }
}
