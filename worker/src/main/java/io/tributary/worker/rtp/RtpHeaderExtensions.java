package io.tributary.worker.rtp;

/**
 * RFC 8285 extension elements inside the data of an RTP header extension block.
 *
 * <p>Every method works on the element area {@code [start, end)} (the bytes after the 4-byte
 * block header) in one of the two forms. A zero id byte is one byte of padding in both forms; in
 * the one-byte form id 15 ends processing (RFC 8285 section 4.2). Nothing here allocates.
 */
public final class RtpHeaderExtensions {

    /** The "defined by profile" value of the one-byte form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The two-byte form is 0x100 followed by 4 application bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    public static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;

    public static final int ONE_BYTE_MAX_ID = 14;
    public static final int ONE_BYTE_MAX_LENGTH = 16;
    public static final int TWO_BYTE_MAX_ID = 255;
    public static final int TWO_BYTE_MAX_LENGTH = 255;

    private static final int ONE_BYTE_STOP_ID = 15;
    private static final int END = -1;
    private static final int MALFORMED = -2;

    private RtpHeaderExtensions() {
    }

    /** Receives one element per call: its id, and where its value lies in the buffer. */
    @FunctionalInterface
    public interface Visitor {
        void element(int id, int valueOffset, int valueLength);
    }

    public static boolean isOneByteProfile(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    public static boolean isTwoByteProfile(int profile) {
        return (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE;
    }

    /** Whether an element with this id and value length can be written in the one-byte form. */
    public static boolean fitsOneByte(int id, int length) {
        return id >= 1 && id <= ONE_BYTE_MAX_ID && length >= 1 && length <= ONE_BYTE_MAX_LENGTH;
    }

    /** Whether an element with this id and value length can be written in the two-byte form. */
    public static boolean fitsTwoByte(int id, int length) {
        return id >= 1 && id <= TWO_BYTE_MAX_ID && length >= 0 && length <= TWO_BYTE_MAX_LENGTH;
    }

    /** Size of an element header: 1 byte in the one-byte form, 2 in the two-byte form. */
    public static int elementHeaderSize(boolean twoByte) {
        return twoByte ? 2 : 1;
    }

    /** True when every element lies inside {@code [start, end)}. */
    public static boolean validate(byte[] buf, int start, int end, boolean twoByte) {
        int p = nextElement(buf, start, end, twoByte);
        while (p >= 0) {
            p = nextElement(buf, elementEnd(buf, p, end, twoByte), end, twoByte);
        }
        return p != MALFORMED;
    }

    /** Value offset of the first element with this id, or -1. */
    public static int find(byte[] buf, int start, int end, boolean twoByte, int id) {
        if (id <= 0) {
            return -1;
        }
        for (int p = nextElement(buf, start, end, twoByte); p >= 0;
                p = nextElement(buf, elementEnd(buf, p, end, twoByte), end, twoByte)) {
            if (elementId(buf, p, twoByte) == id) {
                return p + elementHeaderSize(twoByte);
            }
        }
        return -1;
    }

    /** Length of the value at an offset returned by {@link #find}; the length sits just before it. */
    public static int valueLength(byte[] buf, int valueOffset, boolean twoByte) {
        int header = buf[valueOffset - 1] & 0xFF;
        return twoByte ? header : (header & 0x0F) + 1;
    }

    /** Calls the visitor for each element in order. */
    public static void forEach(byte[] buf, int start, int end, boolean twoByte, Visitor visitor) {
        int headerSize = elementHeaderSize(twoByte);
        for (int p = nextElement(buf, start, end, twoByte); p >= 0; ) {
            int valueEnd = elementEnd(buf, p, end, twoByte);
            visitor.element(elementId(buf, p, twoByte), p + headerSize, valueEnd - p - headerSize);
            p = nextElement(buf, valueEnd, end, twoByte);
        }
    }

    /**
     * Rewrites each element's id to {@code idMap[id]} in place. A missing or zero mapping, or a
     * one-byte-form target above 14, turns the element into padding (it is removed, length kept).
     */
    public static void rewriteIds(byte[] buf, int start, int end, boolean twoByte, byte[] idMap) {
        for (int p = nextElement(buf, start, end, twoByte); p >= 0; ) {
            int eid = elementId(buf, p, twoByte);
            int valueEnd = elementEnd(buf, p, end, twoByte);
            int target = eid < idMap.length ? idMap[eid] & 0xFF : 0;
            if (target == 0 || (!twoByte && target > ONE_BYTE_MAX_ID)) {
                zero(buf, p, valueEnd);
            } else if (twoByte) {
                buf[p] = (byte) target;
            } else {
                buf[p] = (byte) ((target << 4) | (buf[p] & 0x0F));
            }
            p = nextElement(buf, valueEnd, end, twoByte);
        }
    }

    /** Turns the first element with this id into padding; false when absent. */
    public static boolean remove(byte[] buf, int start, int end, boolean twoByte, int id) {
        int valueOffset = find(buf, start, end, twoByte, id);
        if (valueOffset < 0) {
            return false;
        }
        int elementStart = valueOffset - elementHeaderSize(twoByte);
        zero(buf, elementStart, valueOffset + valueLength(buf, valueOffset, twoByte));
        return true;
    }

    /**
     * Moves all elements to the front of the area, dropping padding and anything after a one-byte
     * stop id, and zeroes the freed tail. Returns the number of bytes the elements now use.
     */
    public static int compact(byte[] buf, int start, int end, boolean twoByte) {
        int write = start;
        for (int read = nextElement(buf, start, end, twoByte); read >= 0; ) {
            int valueEnd = elementEnd(buf, read, end, twoByte);
            int size = valueEnd - read;
            if (write != read) {
                System.arraycopy(buf, read, buf, write, size);
            }
            write += size;
            read = nextElement(buf, valueEnd, end, twoByte);
        }
        zero(buf, write, end);
        return write - start;
    }

    /** Offset just past the last element (trailing padding and a one-byte stop id excluded). */
    public static int usedEnd(byte[] buf, int start, int end, boolean twoByte) {
        int used = start;
        for (int p = nextElement(buf, start, end, twoByte); p >= 0; p = nextElement(buf, used, end, twoByte)) {
            used = elementEnd(buf, p, end, twoByte);
        }
        return used;
    }

    /**
     * Writes an element header at {@code pos} and returns the value offset. The caller checked
     * that the id and length fit the form and that there is room.
     */
    public static int writeElementHeader(byte[] buf, int pos, boolean twoByte, int id, int length) {
        if (twoByte) {
            buf[pos] = (byte) id;
            buf[pos + 1] = (byte) length;
            return pos + 2;
        }
        buf[pos] = (byte) ((id << 4) | (length - 1));
        return pos + 1;
    }

    /**
     * Sets a variable-length value in place. The element may shrink, or grow into zero padding
     * that directly follows it; freed bytes become padding. False when absent or it cannot fit.
     */
    public static boolean setValue(byte[] buf, int start, int end, boolean twoByte, int id,
                                   byte[] src, int srcOff, int length) {
        int valueOffset = find(buf, start, end, twoByte, id);
        if (valueOffset < 0 || (twoByte ? !fitsTwoByte(id, length) : !fitsOneByte(id, length))) {
            return false;
        }
        int oldEnd = valueOffset + valueLength(buf, valueOffset, twoByte);
        int room = oldEnd;
        while (room < end && buf[room] == 0) {
            room++;
        }
        if (valueOffset + length > room) {
            return false;
        }
        writeElementHeader(buf, valueOffset - elementHeaderSize(twoByte), twoByte, id, length);
        System.arraycopy(src, srcOff, buf, valueOffset, length);
        zero(buf, valueOffset + length, oldEnd);
        return true;
    }

    /** End offset of the element starting at p (not padding), or -1 when it overruns end. */
    private static int elementEnd(byte[] buf, int p, int end, boolean twoByte) {
        if (twoByte) {
            if (p + 2 > end) {
                return -1;
            }
            int valueEnd = p + 2 + (buf[p + 1] & 0xFF);
            return valueEnd <= end ? valueEnd : -1;
        }
        int valueEnd = p + 2 + (buf[p] & 0x0F);
        return valueEnd <= end ? valueEnd : -1;
    }

    private static int elementId(byte[] buf, int p, boolean twoByte) {
        int b = buf[p] & 0xFF;
        return twoByte ? b : b >>> 4;
    }

    /**
     * Start of the next element at or after {@code p}, padding skipped; {@link #END} at the end of the
     * area or a one-byte stop id, {@link #MALFORMED} when the element would run past {@code end}.
     * The one walk every method shares, allocation-free for the per-packet rewrites.
     */
    private static int nextElement(byte[] buf, int p, int end, boolean twoByte) {
        while (p < end) {
            int eid = elementId(buf, p, twoByte);
            if (eid == 0) {
                p++;
                continue;
            }
            if (!twoByte && eid == ONE_BYTE_STOP_ID) {
                return END;
            }
            return elementEnd(buf, p, end, twoByte) < 0 ? MALFORMED : p;
        }
        return END;
    }

    private static void zero(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            buf[i] = 0;
        }
    }
}
