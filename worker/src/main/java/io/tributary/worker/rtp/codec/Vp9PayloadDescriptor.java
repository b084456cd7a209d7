package io.tributary.worker.rtp.codec;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of the VP9 payload descriptor (RFC 9628, formerly draft-ietf-payload-vp9).
 *
 * <pre>
 *      |I|P|L|F|B|E|V|Z|
 *  I:  |M| PICTURE ID  |   (second byte when M = 1)
 *  L:  | TID |U| SID |D|
 *      |   TL0PICIDX   |   (non-flexible mode, F = 0, only)
 *  P,F:| P_DIFF      |N|   (flexible mode with P = 1, up to 3 times)
 *  V:  | SS ...        |   (scalability structure)
 * </pre>
 */
public final class Vp9PayloadDescriptor {

    private static final int MAX_REFERENCES = 3;

    private byte[] buf;
    private int off;
    private int descriptorLength;
    private int pictureIdOffset;
    private int layerOffset;
    private int tl0PicIdxOffset;
    private int referenceCount;
    private int ssOffset;

    /** Views the payload {@code buf[off, off + len)}; false when the descriptor is truncated or has no data after it. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (!BigEndian.inBounds(buf, off, len) || len < 2) {
            return false;
        }
        int end = off + len;
        int b0 = buf[off] & 0xFF;
        boolean flexible = (b0 & 0x10) != 0;
        int p = off + 1;
        int picture = -1;
        int layer = -1;
        int tl0 = -1;
        int references = 0;
        int ss = -1;
        if ((b0 & 0x80) != 0) {
            picture = p;
            p += (buf[p] & 0x80) != 0 ? 2 : 1;
        }
        if ((b0 & 0x20) != 0) {
            layer = p++;
            if (!flexible) {
                tl0 = p++;
            }
        }
        if (flexible && (b0 & 0x40) != 0) {
            boolean more = true;
            while (more) {
                if (p >= end || references == MAX_REFERENCES) {
                    return false;
                }
                more = (buf[p++] & 0x01) != 0;
                references++;
            }
        }
        if ((b0 & 0x02) != 0) {
            ss = p;
            p = skipScalabilityStructure(buf, p, end);
            if (p < 0) {
                return false;
            }
        }
        if (p >= end) {
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.descriptorLength = p - off;
        this.pictureIdOffset = picture;
        this.layerOffset = layer;
        this.tl0PicIdxOffset = tl0;
        this.referenceCount = references;
        this.ssOffset = ss;
        return true;
    }

    public int descriptorLength() {
        return descriptorLength;
    }

    /** P: inter-picture predicted. */
    public boolean interPicturePredicted() {
        return (buf[off] & 0x40) != 0;
    }

    /** F: flexible mode. */
    public boolean flexibleMode() {
        return (buf[off] & 0x10) != 0;
    }

    /** B: first packet of a layer frame. */
    public boolean startOfFrame() {
        return (buf[off] & 0x08) != 0;
    }

    /** E: last packet of a layer frame. */
    public boolean endOfFrame() {
        return (buf[off] & 0x04) != 0;
    }

    /** V: a scalability structure follows. */
    public boolean hasScalabilityStructure() {
        return ssOffset >= 0;
    }

    /** Z: the frame is not used for prediction by upper spatial layers. */
    public boolean notReferenceForUpperLayers() {
        return (buf[off] & 0x01) != 0;
    }

    /** Key frame start: P = 0 with B = 1 on the first spatial layer (SID 0 or no layer indices). */
    public boolean isKeyFrame() {
        return !interPicturePredicted() && startOfFrame() && (layerOffset < 0 || spatialId() == 0);
    }

    public boolean hasPictureId() {
        return pictureIdOffset >= 0;
    }

    public boolean hasLongPictureId() {
        return pictureIdOffset >= 0 && (buf[pictureIdOffset] & 0x80) != 0;
    }

    /** PICTURE ID (7 or 15 bits), or -1. */
    public int pictureId() {
        if (pictureIdOffset < 0) {
            return -1;
        }
        return hasLongPictureId() ? BigEndian.u16(buf, pictureIdOffset) & 0x7FFF : buf[pictureIdOffset] & 0x7F;
    }

    /** Rewrites PICTURE ID in place keeping the field width; false when absent. */
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

    /** L: layer indices present. */
    public boolean hasLayerIndices() {
        return layerOffset >= 0;
    }

    /** TID, or -1 without layer indices. */
    public int temporalId() {
        return layerOffset < 0 ? -1 : (buf[layerOffset] & 0xE0) >>> 5;
    }

    /** U: switching up point. */
    public boolean switchingUpPoint() {
        return layerOffset >= 0 && (buf[layerOffset] & 0x10) != 0;
    }

    /** SID, or -1 without layer indices. */
    public int spatialId() {
        return layerOffset < 0 ? -1 : (buf[layerOffset] & 0x0E) >>> 1;
    }

    /** D: inter-layer dependency on the spatial layer below. */
    public boolean interLayerDependency() {
        return layerOffset >= 0 && (buf[layerOffset] & 0x01) != 0;
    }

    /** TL0PICIDX (non-flexible mode), or -1. */
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

    /** Number of P_DIFF reference indices (flexible mode). */
    public int referenceCount() {
        return referenceCount;
    }

    /** The i-th P_DIFF (flexible mode). */
    public int referenceDiff(int index) {
        return (buf[referenceStart() + index] & 0xFF) >>> 1;
    }

    /** Number of spatial layers announced by the scalability structure (N_S + 1), or -1. */
    public int spatialLayerCount() {
        return ssOffset < 0 ? -1 : ((buf[ssOffset] & 0xE0) >>> 5) + 1;
    }

    /** True when the scalability structure carries the resolution of each spatial layer (Y). */
    public boolean hasResolutions() {
        return ssOffset >= 0 && (buf[ssOffset] & 0x10) != 0;
    }

    /** Width of spatial layer i from the scalability structure, or -1. */
    public int width(int spatialLayer) {
        return resolution(spatialLayer, 0);
    }

    /** Height of spatial layer i from the scalability structure, or -1. */
    public int height(int spatialLayer) {
        return resolution(spatialLayer, 2);
    }

    /** Absolute offset of the VP9 payload after the descriptor. */
    public int payloadOffset() {
        return off + descriptorLength;
    }

    private int resolution(int spatialLayer, int field) {
        if (!hasResolutions() || spatialLayer < 0 || spatialLayer >= spatialLayerCount()) {
            return -1;
        }
        return BigEndian.u16(buf, ssOffset + 1 + spatialLayer * 4 + field);
    }

    private int referenceStart() {
        int p = off + 1;
        if (pictureIdOffset >= 0) {
            p += hasLongPictureId() ? 2 : 1;
        }
        return layerOffset >= 0 ? p + 1 : p;
    }

    /** Offset after the scalability structure starting at p, or -1 when it overruns end. */
    private static int skipScalabilityStructure(byte[] buf, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int v = buf[p++] & 0xFF;
        int layers = (v >>> 5) + 1;
        if ((v & 0x10) != 0) {
            p += layers * 4;
        }
        if ((v & 0x08) != 0) {
            if (p >= end) {
                return -1;
            }
            int groupSize = buf[p++] & 0xFF;
            for (int i = 0; i < groupSize; i++) {
                if (p >= end) {
                    return -1;
                }
                int refs = (buf[p] & 0x0C) >>> 2;
                p += 1 + refs;
            }
        }
        return p <= end ? p : -1;
    }
}
