package io.tributary.worker.rtp;

/**
 * A reusable view of the frame-marking extension (draft-ietf-avtext-framemarking): one byte
 * {@code S E I D 0 0 0 0} for non-scalable streams, or three bytes
 * {@code S E I D B TID | LID | TL0PICIDX} for scalable ones.
 */
public final class FrameMarking {

    private byte[] buf;
    private int off;
    private int len;

    /** Views the extension value {@code buf[off, off + len)}; false unless len is 1 or 3. */
    public boolean wrap(byte[] buf, int off, int len) {
        if ((len != 1 && len != 3) || !BigEndian.inBounds(buf, off, len)) {
            this.buf = null;
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        return true;
    }

    /** Views the extension {@code id} of a packet; false when absent or malformed. */
    public boolean wrap(RtpPacket packet, int id) {
        int valueOffset = packet.findExtension(id);
        if (valueOffset < 0) {
            this.buf = null;
            return false;
        }
        return wrap(packet.buffer(), valueOffset, packet.extensionLength(valueOffset));
    }

    public boolean startOfFrame() {
        return (buf[off] & 0x80) != 0;
    }

    public boolean endOfFrame() {
        return (buf[off] & 0x40) != 0;
    }

    /** The frame can be decoded without earlier frames. */
    public boolean independent() {
        return (buf[off] & 0x20) != 0;
    }

    /** Nothing depends on the frame; it can be dropped. */
    public boolean discardable() {
        return (buf[off] & 0x10) != 0;
    }

    /** Base layer sync (scalable form only). */
    public boolean baseLayerSync() {
        return len == 3 && (buf[off] & 0x08) != 0;
    }

    /** Temporal layer id, 0 in the non-scalable form. */
    public int temporalId() {
        return len == 3 ? buf[off] & 0x07 : 0;
    }

    public boolean scalable() {
        return len == 3;
    }

    /** Layer id, or -1 in the non-scalable form. */
    public int layerId() {
        return len == 3 ? buf[off + 1] & 0xFF : -1;
    }

    /** TL0PICIDX, or -1 in the non-scalable form. */
    public int tl0PicIdx() {
        return len == 3 ? buf[off + 2] & 0xFF : -1;
    }
}
