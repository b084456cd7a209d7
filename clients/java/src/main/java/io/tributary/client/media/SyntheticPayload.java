package io.tributary.client.media;

import io.tributary.worker.rtp.BigEndian;
import java.util.zip.CRC32;

/**
 * The self-describing body every synthetic packet carries after its codec header, so a receiver can
 * tell what it got, whether it is intact, and how long it travelled:
 *
 * <pre>
 *  0 'T' 'B'  2 version  3 flags  4 stream tag (32)  8 frame number (32)
 * 12 packet index (16)  14 packet count (16)  16 send time, epoch µs (64)  24 body length (16)
 * 26 deterministic pattern ...  last 4: CRC-32 of everything before it
 * </pre>
 */
public final class SyntheticPayload {

    public static final int HEADER_LENGTH = 26;
    public static final int CRC_LENGTH = 4;
    public static final int MIN_LENGTH = HEADER_LENGTH + CRC_LENGTH;
    public static final int FLAG_KEY_FRAME = 0x01;

    private static final int VERSION = 1;

    /** Outcome of {@link #verify}. */
    public enum Verdict {
        /** Not a synthetic body (another sender, or a codec header we did not skip). */
        ABSENT,
        /** Magic present but length or CRC wrong: the payload was altered. */
        CORRUPT,
        INTACT
    }

    private SyntheticPayload() {
    }

    /** Writes a body of exactly {@code length} (at least {@link #MIN_LENGTH}) bytes at {@code dst[off]}. */
    public static int write(byte[] dst, int off, int length, int streamTag, int frameNumber, int packetIndex,
                            int packetCount, long sendMicros, int flags) {
        if (length < MIN_LENGTH || length > 0xFFFF || !BigEndian.inBounds(dst, off, length)) {
            throw new IllegalArgumentException("synthetic body of " + length + " bytes does not fit");
        }
        dst[off] = 'T';
        dst[off + 1] = 'B';
        dst[off + 2] = VERSION;
        dst[off + 3] = (byte) flags;
        BigEndian.put32(dst, off + 4, streamTag);
        BigEndian.put32(dst, off + 8, frameNumber);
        BigEndian.put16(dst, off + 12, packetIndex);
        BigEndian.put16(dst, off + 14, packetCount);
        BigEndian.put32(dst, off + 16, sendMicros >>> 32);
        BigEndian.put32(dst, off + 20, sendMicros);
        BigEndian.put16(dst, off + 24, length);
        int seed = frameNumber * 131 + packetIndex * 17 + streamTag;
        int crcAt = off + length - CRC_LENGTH;
        for (int i = off + HEADER_LENGTH; i < crcAt; i++) {
            dst[i] = (byte) (seed + i * 7);
        }
        BigEndian.put32(dst, crcAt, crc(dst, off, length - CRC_LENGTH));
        return length;
    }

    /** Checks a body that should fill {@code buf[off, off + len)} exactly. */
    public static Verdict verify(byte[] buf, int off, int len) {
        if (len < MIN_LENGTH || buf[off] != 'T' || buf[off + 1] != 'B' || buf[off + 2] != VERSION) {
            return Verdict.ABSENT;
        }
        if (BigEndian.u16(buf, off + 24) != len
                || BigEndian.i32(buf, off + len - CRC_LENGTH) != crc(buf, off, len - CRC_LENGTH)) {
            return Verdict.CORRUPT;
        }
        return Verdict.INTACT;
    }

    public static int flags(byte[] buf, int off) {
        return buf[off + 3] & 0xFF;
    }

    public static int streamTag(byte[] buf, int off) {
        return BigEndian.i32(buf, off + 4);
    }

    public static int frameNumber(byte[] buf, int off) {
        return BigEndian.i32(buf, off + 8);
    }

    public static int packetIndex(byte[] buf, int off) {
        return BigEndian.u16(buf, off + 12);
    }

    public static int packetCount(byte[] buf, int off) {
        return BigEndian.u16(buf, off + 14);
    }

    public static long sendMicros(byte[] buf, int off) {
        return (BigEndian.u32(buf, off + 16) << 32) | BigEndian.u32(buf, off + 20);
    }

    private static int crc(byte[] buf, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, len);
        return (int) crc.getValue();
    }
}
