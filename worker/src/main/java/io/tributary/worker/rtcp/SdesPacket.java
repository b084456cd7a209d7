package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * A reusable view of a source description packet (RFC 3550 section 6.5): up to 31 chunks, each
 * an SSRC followed by items ({@code type, length, text}) ending with a null octet and padding to
 * the next 32-bit boundary. {@link #wrap} checks every chunk and item.
 */
public final class SdesPacket {

    public static final int ITEM_END = 0;
    public static final int ITEM_CNAME = 1;
    public static final int ITEM_NAME = 2;
    public static final int ITEM_EMAIL = 3;
    public static final int ITEM_PHONE = 4;
    public static final int ITEM_LOC = 5;
    public static final int ITEM_TOOL = 6;
    public static final int ITEM_NOTE = 7;
    public static final int ITEM_PRIV = 8;

    private static final int MAX_CHUNKS = 31;
    private static final int MAX_TEXT = 255;

    private final int[] chunkStart = new int[MAX_CHUNKS];
    private final int[] chunkEnd = new int[MAX_CHUNKS];
    private byte[] buf;
    private int chunkCount;

    /** Views the SDES at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        chunkCount = 0;
        int content = RtcpHeader.validContent(buf, off, len, RtcpPacketType.SDES);
        if (content < 0) {
            return false;
        }
        int end = off + content;
        int count = RtcpHeader.count(buf, off);
        int p = off + RtcpHeader.LENGTH;
        for (int i = 0; i < count; i++) {
            if (p + 4 > end) {
                return false;
            }
            chunkStart[i] = p;
            p += 4;
            while (true) {
                if (p >= end) {
                    return false;
                }
                if (buf[p] == ITEM_END) {
                    break;
                }
                if (p + 2 > end || p + 2 + (buf[p + 1] & 0xFF) > end) {
                    return false;
                }
                p += 2 + (buf[p + 1] & 0xFF);
            }
            chunkEnd[i] = p;
            p = off + (((p + 1 - off) + 3) & ~3);
            if (p > end) {
                return false;
            }
        }
        this.buf = buf;
        this.chunkCount = count;
        return true;
    }

    public int chunkCount() {
        return chunkCount;
    }

    public int chunkSsrc(int chunk) {
        return BigEndian.i32(buf, chunkStart[chunk]);
    }

    /** Absolute offset of the text of the first item of this type in the chunk, or -1. */
    public int findItem(int chunk, int itemType) {
        if (chunk < 0 || chunk >= chunkCount) {
            return -1;
        }
        int p = chunkStart[chunk] + 4;
        int end = chunkEnd[chunk];
        while (p < end) {
            if ((buf[p] & 0xFF) == itemType) {
                return p + 2;
            }
            p += 2 + (buf[p + 1] & 0xFF);
        }
        return -1;
    }

    /** Length of the item text at an offset returned by {@link #findItem}. */
    public int itemLength(int textOffset) {
        return buf[textOffset - 1] & 0xFF;
    }

    /** Offset of the chunk's CNAME text, or -1. */
    public int cname(int chunk) {
        return findItem(chunk, ITEM_CNAME);
    }

    /** Bytes a one-chunk CNAME SDES takes for a CNAME of {@code cnameLength} bytes. */
    public static int cnameSize(int cnameLength) {
        return RtcpHeader.LENGTH + ((4 + 2 + cnameLength + 1 + 3) & ~3);
    }

    /** Writes an SDES with one chunk holding a CNAME; returns its length, or -1 when it does not fit. */
    public static int writeCname(byte[] dst, int off, int ssrc, byte[] cname, int cnameOff, int cnameLength) {
        int size = cnameSize(cnameLength);
        if (cnameLength < 0 || cnameLength > MAX_TEXT || !BigEndian.inBounds(dst, off, size)
                || !BigEndian.inBounds(cname, cnameOff, cnameLength)) {
            return -1;
        }
        RtcpHeader.write(dst, off, 1, RtcpPacketType.SDES, size);
        BigEndian.put32(dst, off + 4, ssrc);
        dst[off + 8] = ITEM_CNAME;
        dst[off + 9] = (byte) cnameLength;
        System.arraycopy(cname, cnameOff, dst, off + 10, cnameLength);
        for (int i = off + 10 + cnameLength; i < off + size; i++) {
            dst[i] = 0;
        }
        return size;
    }
}
