package io.tributary.worker.rtp;

import static io.tributary.worker.rtp.BigEndian.i32;
import static io.tributary.worker.rtp.BigEndian.put16;
import static io.tributary.worker.rtp.BigEndian.put24;
import static io.tributary.worker.rtp.BigEndian.put32;
import static io.tributary.worker.rtp.BigEndian.u16;
import static io.tributary.worker.rtp.BigEndian.u24;

/**
 * A reusable view over one RTP packet held in a byte[] (RFC 3550, extensions per RFC 8285).
 *
 * <p>{@link #wrap} validates and indexes the packet without allocating and returns false on
 * malformed input. Getters and setters read and write the bytes in place. Operations that change
 * the packet size ({@link #addExtension}, {@link #compactExtensions}, {@link #removePadding})
 * move the bytes after the header and may grow the packet up to the end of the array.
 * Not thread safe: one view per thread.
 */
public final class RtpPacket {

    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int VERSION = 2;

    /** {@link #extensionForm()}: no header extension. */
    public static final int EXTENSION_NONE = 0;
    /** {@link #extensionForm()}: RFC 8285 one-byte form (0xBEDE). */
    public static final int EXTENSION_ONE_BYTE = 1;
    /** {@link #extensionForm()}: RFC 8285 two-byte form (0x100x). */
    public static final int EXTENSION_TWO_BYTE = 2;
    /** {@link #extensionForm()}: a non RFC 8285 extension, kept opaque. */
    public static final int EXTENSION_OTHER = 3;

    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;
    private static final int MARKER_BIT = 0x80;

    private byte[] buf;
    private int off;
    private int len;
    private int headerLength;
    private int paddingLength;
    /** Offset of the 4-byte extension block header, or -1. */
    private int extensionOffset = -1;
    private int extensionForm;

    /** Views the packet {@code buf[off, off + len)}; false (and an empty view) when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        if (!BigEndian.inBounds(buf, off, len) || len < FIXED_HEADER_LENGTH) {
            return clear();
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 >>> 6) != VERSION) {
            return clear();
        }
        int header = FIXED_HEADER_LENGTH + ((b0 & 0x0F) << 2);
        if (header > len) {
            return clear();
        }
        int extOff = -1;
        int form = EXTENSION_NONE;
        if ((b0 & EXTENSION_BIT) != 0) {
            if (header + 4 > len) {
                return clear();
            }
            extOff = off + header;
            header += 4 + (u16(buf, extOff + 2) << 2);
            if (header > len) {
                return clear();
            }
            form = formOf(u16(buf, extOff));
            if (form != EXTENSION_OTHER
                    && !RtpHeaderExtensions.validate(buf, extOff + 4, off + header, form == EXTENSION_TWO_BYTE)) {
                return clear();
            }
        }
        int padding = 0;
        if ((b0 & PADDING_BIT) != 0) {
            padding = buf[off + len - 1] & 0xFF;
            if (padding == 0 || padding > len - header) {
                return clear();
            }
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.headerLength = header;
        this.paddingLength = padding;
        this.extensionOffset = extOff;
        this.extensionForm = form;
        return true;
    }

    /**
     * Writes a 12-byte fixed header (no CSRC, extension or padding) and returns its length, or -1
     * when it does not fit. Build the rest with {@link #wrap} and the mutators.
     */
    public static int writeHeader(byte[] dst, int off, boolean marker, int payloadType, int sequenceNumber,
                                  long timestamp, int ssrc) {
        if (!BigEndian.inBounds(dst, off, FIXED_HEADER_LENGTH)) {
            return -1;
        }
        dst[off] = (byte) (VERSION << 6);
        dst[off + 1] = (byte) ((marker ? MARKER_BIT : 0) | (payloadType & 0x7F));
        put16(dst, off + 2, sequenceNumber);
        put32(dst, off + 4, timestamp);
        put32(dst, off + 8, ssrc);
        return FIXED_HEADER_LENGTH;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Total packet length, padding included. */
    public int length() {
        return len;
    }

    /** Fixed header + CSRCs + extension block. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength;
    }

    public int payloadLength() {
        return len - headerLength - paddingLength;
    }

    /** Number of padding bytes at the end, 0 without the P bit. */
    public int paddingLength() {
        return paddingLength;
    }

    public boolean hasPadding() {
        return (buf[off] & PADDING_BIT) != 0;
    }

    public boolean hasExtension() {
        return (buf[off] & EXTENSION_BIT) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0F;
    }

    public int csrc(int index) {
        return i32(buf, off + FIXED_HEADER_LENGTH + (index << 2));
    }

    public boolean marker() {
        return (buf[off + 1] & MARKER_BIT) != 0;
    }

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? buf[off + 1] | MARKER_BIT : buf[off + 1] & ~MARKER_BIT);
    }

    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    public void setPayloadType(int payloadType) {
        buf[off + 1] = (byte) ((buf[off + 1] & MARKER_BIT) | (payloadType & 0x7F));
    }

    public int sequenceNumber() {
        return u16(buf, off + 2);
    }

    public void setSequenceNumber(int sequenceNumber) {
        put16(buf, off + 2, sequenceNumber);
    }

    /** The 32-bit timestamp as an unsigned value. */
    public long timestamp() {
        return BigEndian.u32(buf, off + 4);
    }

    public void setTimestamp(long timestamp) {
        put32(buf, off + 4, timestamp);
    }

    public int ssrc() {
        return i32(buf, off + 8);
    }

    public void setSsrc(int ssrc) {
        put32(buf, off + 8, ssrc);
    }

    /** True for a packet with padding and no payload (bandwidth probing). */
    public boolean isPaddingOnly() {
        return payloadLength() == 0;
    }

    /** Drops the padding bytes and clears the P bit. */
    public void removePadding() {
        len -= paddingLength;
        paddingLength = 0;
        buf[off] = (byte) (buf[off] & ~PADDING_BIT);
    }

    /** Copies the whole packet to dst and returns its length, or -1 when it does not fit. */
    public int copyTo(byte[] dst, int dstOff) {
        if (!BigEndian.inBounds(dst, dstOff, len)) {
            return -1;
        }
        System.arraycopy(buf, off, dst, dstOff, len);
        return len;
    }

    // ---- header extensions -------------------------------------------------------------------

    /** One of {@link #EXTENSION_NONE}, {@link #EXTENSION_ONE_BYTE}, {@link #EXTENSION_TWO_BYTE}, {@link #EXTENSION_OTHER}. */
    public int extensionForm() {
        return extensionForm;
    }

    /** The 16-bit "defined by profile" field, or -1 without an extension block. */
    public int extensionProfile() {
        return extensionOffset < 0 ? -1 : u16(buf, extensionOffset);
    }

    /** Absolute offset of the extension data (after the 4-byte block header), or -1. */
    public int extensionDataOffset() {
        return extensionOffset < 0 ? -1 : extensionOffset + 4;
    }

    /** Length in bytes of the extension data, 0 without an extension block. */
    public int extensionDataLength() {
        return extensionOffset < 0 ? 0 : u16(buf, extensionOffset + 2) << 2;
    }

    /** Absolute offset of the value of extension {@code id}, or -1 when absent. */
    public int findExtension(int id) {
        if (!hasElements()) {
            return -1;
        }
        return RtpHeaderExtensions.find(buf, extensionOffset + 4, elementsEnd(), twoByte(), id);
    }

    /** Length of the extension value at an offset returned by {@link #findExtension}. */
    public int extensionLength(int valueOffset) {
        return RtpHeaderExtensions.valueLength(buf, valueOffset, twoByte());
    }

    /** Calls the visitor once per extension element. */
    public void forEachExtension(RtpHeaderExtensions.Visitor visitor) {
        if (hasElements()) {
            RtpHeaderExtensions.forEach(buf, extensionOffset + 4, elementsEnd(), twoByte(), visitor);
        }
    }

    /**
     * Rewrites every extension id to {@code idMap[id]} in place (a producer maps the browser's
     * ids to the router's). Unmapped ids (0, or beyond the map) are removed, leaving padding; to
     * keep only some ids (a consumer), map each of them to itself. Follow with
     * {@link #compactExtensions} to reclaim the space.
     */
    public void rewriteExtensionIds(byte[] idMap) {
        if (hasElements()) {
            RtpHeaderExtensions.rewriteIds(buf, extensionOffset + 4, elementsEnd(), twoByte(), idMap);
        }
    }

    /** Removes extension {@code id} by turning it into padding; the size is unchanged. */
    public boolean removeExtension(int id) {
        return hasElements()
                && RtpHeaderExtensions.remove(buf, extensionOffset + 4, elementsEnd(), twoByte(), id);
    }

    /**
     * Squeezes out padding between extension elements and shrinks the block (dropping it and the
     * X bit when nothing is left), moving the payload back. Returns the new packet length.
     */
    public int compactExtensions() {
        if (!hasElements()) {
            return len;
        }
        int dataStart = extensionOffset + 4;
        int used = RtpHeaderExtensions.compact(buf, dataStart, elementsEnd(), twoByte());
        int newData = (used + 3) & ~3;
        int removed = extensionDataLength() - newData;
        if (newData == 0) {
            removed += 4;
        }
        if (removed == 0) {
            return len;
        }
        int tail = off + headerLength;
        System.arraycopy(buf, tail, buf, tail - removed, off + len - tail);
        len -= removed;
        headerLength -= removed;
        if (newData == 0) {
            buf[off] = (byte) (buf[off] & ~EXTENSION_BIT);
            extensionOffset = -1;
            extensionForm = EXTENSION_NONE;
        } else {
            put16(buf, extensionOffset + 2, newData >>> 2);
        }
        return len;
    }

    /**
     * Appends an extension element of {@code length} bytes and returns the offset of its (zeroed)
     * value, or -1. It reuses trailing padding of the block or grows the block (moving the payload
     * up to the end of the array). Without a block it creates one, one-byte form when the element
     * fits it. It does not convert a one-byte block to the two-byte form, and refuses an id that
     * is already present or a non RFC 8285 block.
     */
    public int addExtension(int id, int length) {
        if (extensionForm == EXTENSION_NONE) {
            return createExtensionBlock(id, length);
        }
        boolean two = twoByte();
        if (extensionForm == EXTENSION_OTHER
                || (two ? !RtpHeaderExtensions.fitsTwoByte(id, length) : !RtpHeaderExtensions.fitsOneByte(id, length))
                || findExtension(id) >= 0) {
            return -1;
        }
        int dataStart = extensionOffset + 4;
        int dataEnd = elementsEnd();
        int used = RtpHeaderExtensions.usedEnd(buf, dataStart, dataEnd, two);
        int need = RtpHeaderExtensions.elementHeaderSize(two) + length;
        if (used + need > dataEnd) {
            int grow = (((used + need - dataStart) + 3) & ~3) - (dataEnd - dataStart);
            if (!makeRoom(dataEnd, grow)) {
                return -1;
            }
            put16(buf, extensionOffset + 2, (dataEnd - dataStart + grow) >>> 2);
            dataEnd += grow;
        }
        zero(used, dataEnd);
        return RtpHeaderExtensions.writeElementHeader(buf, used, two, id, length);
    }

    /** Sets a variable-length value (e.g. MID) in place if it fits; see {@link RtpHeaderExtensions#setValue}. */
    public boolean setExtensionValue(int id, byte[] src, int srcOff, int length) {
        return hasElements() && RtpHeaderExtensions.setValue(buf, extensionOffset + 4, elementsEnd(), twoByte(),
                id, src, srcOff, length);
    }

    /** True when extension {@code id} holds exactly the given bytes (trailing NULs ignored). */
    public boolean extensionEquals(int id, byte[] expected) {
        int valueOffset = findExtension(id);
        if (valueOffset < 0) {
            return false;
        }
        int n = trimmedLength(valueOffset);
        if (n != expected.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[valueOffset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies a string extension (MID, RID, repaired RID) to dst without trailing NULs and returns
     * its length, or -1 when absent or dst is too small.
     */
    public int copyExtension(int id, byte[] dst, int dstOff) {
        int valueOffset = findExtension(id);
        if (valueOffset < 0) {
            return -1;
        }
        int n = trimmedLength(valueOffset);
        if (!BigEndian.inBounds(dst, dstOff, n)) {
            return -1;
        }
        System.arraycopy(buf, valueOffset, dst, dstOff, n);
        return n;
    }

    /** abs-send-time (24-bit 6.18 fixed point seconds), or -1 when absent or not 3 bytes. */
    public int absSendTime(int id) {
        int v = fixedExtension(id, 3);
        return v < 0 ? -1 : u24(buf, v);
    }

    public boolean setAbsSendTime(int id, int value) {
        int v = fixedExtension(id, 3);
        if (v < 0) {
            return false;
        }
        put24(buf, v, value);
        return true;
    }

    /** Transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01), or -1. */
    public int transportWideSequenceNumber(int id) {
        int v = fixedExtension(id, 2);
        return v < 0 ? -1 : u16(buf, v);
    }

    public boolean setTransportWideSequenceNumber(int id, int sequenceNumber) {
        int v = fixedExtension(id, 2);
        if (v < 0) {
            return false;
        }
        put16(buf, v, sequenceNumber);
        return true;
    }

    /** The raw ssrc-audio-level byte (RFC 6464), or -1; decode with {@link AudioLevel}. */
    public int audioLevel(int id) {
        int v = fixedExtension(id, 1);
        return v < 0 ? -1 : buf[v] & 0xFF;
    }

    /** The raw video-orientation byte (3GPP CVO), or -1; decode with {@link VideoOrientation}. */
    public int videoOrientation(int id) {
        int v = fixedExtension(id, 1);
        return v < 0 ? -1 : buf[v] & 0xFF;
    }

    // ---- internals -----------------------------------------------------------------------------

    private int fixedExtension(int id, int size) {
        int v = findExtension(id);
        return v >= 0 && extensionLength(v) == size ? v : -1;
    }

    private int trimmedLength(int valueOffset) {
        int n = extensionLength(valueOffset);
        while (n > 0 && buf[valueOffset + n - 1] == 0) {
            n--;
        }
        return n;
    }

    private int createExtensionBlock(int id, int length) {
        boolean two;
        if (RtpHeaderExtensions.fitsOneByte(id, length)) {
            two = false;
        } else if (RtpHeaderExtensions.fitsTwoByte(id, length)) {
            two = true;
        } else {
            return -1;
        }
        int at = off + FIXED_HEADER_LENGTH + (csrcCount() << 2);
        int data = (RtpHeaderExtensions.elementHeaderSize(two) + length + 3) & ~3;
        if (!makeRoom(at, 4 + data)) {
            return -1;
        }
        put16(buf, at, two ? RtpHeaderExtensions.TWO_BYTE_PROFILE : RtpHeaderExtensions.ONE_BYTE_PROFILE);
        put16(buf, at + 2, data >>> 2);
        zero(at + 4, at + 4 + data);
        buf[off] = (byte) (buf[off] | EXTENSION_BIT);
        extensionOffset = at;
        extensionForm = two ? EXTENSION_TWO_BYTE : EXTENSION_ONE_BYTE;
        return RtpHeaderExtensions.writeElementHeader(buf, at + 4, two, id, length);
    }

    /** Opens {@code size} bytes at {@code at} (inside the header) by moving what follows. */
    private boolean makeRoom(int at, int size) {
        if (size > buf.length - off - len) {
            return false;
        }
        System.arraycopy(buf, at, buf, at + size, off + len - at);
        len += size;
        headerLength += size;
        return true;
    }

    private boolean hasElements() {
        return extensionForm == EXTENSION_ONE_BYTE || extensionForm == EXTENSION_TWO_BYTE;
    }

    private boolean twoByte() {
        return extensionForm == EXTENSION_TWO_BYTE;
    }

    private int elementsEnd() {
        return off + headerLength;
    }

    private void zero(int from, int to) {
        for (int i = from; i < to; i++) {
            buf[i] = 0;
        }
    }

    private static int formOf(int profile) {
        if (RtpHeaderExtensions.isOneByteProfile(profile)) {
            return EXTENSION_ONE_BYTE;
        }
        return RtpHeaderExtensions.isTwoByteProfile(profile) ? EXTENSION_TWO_BYTE : EXTENSION_OTHER;
    }

    private boolean clear() {
        buf = null;
        off = 0;
        len = 0;
        headerLength = 0;
        paddingLength = 0;
        extensionOffset = -1;
        extensionForm = EXTENSION_NONE;
        return false;
    }
}
