package io.tributary.worker.testing;

import java.nio.charset.StandardCharsets;

/**
 * Writes synthetic RTP packets for in-process media tests: a plain RTP header, optionally a one-byte
 * header extension with one element (a MID, frame marking), and a VP8 or VP9 payload descriptor or an
 * H264 NAL header in front of a few payload bytes.
 */
public final class SyntheticRtp {

    private static final byte[] FILLER = {0x11, 0x22, 0x33, 0x44};

    private SyntheticRtp() {
    }

    /** An RTP packet without header extensions. */
    public static byte[] packet(int payloadType, int seq, long timestamp, int ssrc, boolean marker, byte[] payload) {
        return packet(payloadType, seq, timestamp, ssrc, marker, 0, (byte[]) null, payload);
    }

    /** An RTP packet with a MID extension. */
    public static byte[] packet(int payloadType, int seq, long timestamp, int ssrc, boolean marker, int midId,
                                String mid, byte[] payload) {
        return packet(payloadType, seq, timestamp, ssrc, marker, midId,
                mid.getBytes(StandardCharsets.US_ASCII), payload);
    }

    /** An RTP packet with one header extension element; {@code extensionId} 0 means none. */
    public static byte[] packet(int payloadType, int seq, long timestamp, int ssrc, boolean marker, int extensionId,
                                byte[] extensionValue, byte[] payload) {
        byte[] extension = extensionId == 0 ? new byte[0] : oneByteExtension(extensionId, extensionValue);
        byte[] out = new byte[12 + extension.length + payload.length];
        out[0] = (byte) (0x80 | (extension.length > 0 ? 0x10 : 0));
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[2] = (byte) (seq >>> 8);
        out[3] = (byte) seq;
        put32(out, 4, (int) timestamp);
        put32(out, 8, ssrc);
        System.arraycopy(extension, 0, out, 12, extension.length);
        System.arraycopy(payload, 0, out, 12 + extension.length, payload.length);
        return out;
    }

    /** A padding-only packet (bandwidth probing): the P bit and 4 bytes of padding, no payload. */
    public static byte[] padding(int payloadType, int seq, long timestamp, int ssrc) {
        byte[] out = packet(payloadType, seq, timestamp, ssrc, false, new byte[] {0, 0, 0, 4});
        out[0] |= 0x20;
        return out;
    }

    /**
     * A VP9 payload in non-flexible mode with a 15-bit picture id and layer indices (RFC 9628):
     * {@code interPicture} is P, {@code start}/{@code end} are B/E, {@code switchingUp} is U and
     * {@code interLayer} is D.
     */
    public static byte[] vp9(boolean interPicture, boolean start, boolean end, int pictureId, int temporalId,
                             boolean switchingUp, int spatialId, boolean interLayer, int tl0PicIdx) {
        byte[] out = new byte[5 + FILLER.length];
        out[0] = (byte) (0x80 | 0x20 | (interPicture ? 0x40 : 0) | (start ? 0x08 : 0) | (end ? 0x04 : 0));
        out[1] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
        out[2] = (byte) pictureId;
        out[3] = (byte) ((temporalId << 5) | (switchingUp ? 0x10 : 0) | (spatialId << 1) | (interLayer ? 1 : 0));
        out[4] = (byte) tl0PicIdx;
        System.arraycopy(FILLER, 0, out, 5, FILLER.length);
        return out;
    }

    /** A one-packet VP8 frame with a 15-bit picture id; a key frame clears the P bit of the payload header. */
    public static byte[] vp8(boolean keyFrame, int pictureId) {
        byte[] out = new byte[4 + FILLER.length];
        out[0] = (byte) 0x90;
        out[1] = (byte) 0x80;
        out[2] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
        out[3] = (byte) pictureId;
        System.arraycopy(FILLER, 0, out, 4, FILLER.length);
        out[4] = (byte) (keyFrame ? 0x10 : 0x11);
        return out;
    }

    /**
     * An H264 single-NAL payload (an IDR slice for a key frame, else a non-IDR one) and its scalable
     * frame-marking value: S, E, I, B and TID, then LID (dependency id in the upper bits) and TL0PICIDX.
     */
    public static byte[] h264(boolean keyFrame) {
        byte[] out = new byte[1 + FILLER.length];
        out[0] = (byte) (keyFrame ? 0x65 : 0x41);
        System.arraycopy(FILLER, 0, out, 1, FILLER.length);
        return out;
    }

    public static byte[] frameMarking(boolean start, boolean end, boolean independent, int temporalId, int spatialId,
                                      int tl0PicIdx) {
        return new byte[] {
            (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (independent ? 0x20 : 0) | temporalId),
            (byte) (spatialId << 4),
            (byte) tl0PicIdx};
    }

    /** RFC 8285 one-byte extension block with a single element, padded to 32 bits. */
    private static byte[] oneByteExtension(int id, byte[] value) {
        int words = (1 + value.length + 3) / 4;
        byte[] out = new byte[4 + words * 4];
        out[0] = (byte) 0xBE;
        out[1] = (byte) 0xDE;
        out[2] = (byte) (words >>> 8);
        out[3] = (byte) words;
        out[4] = (byte) ((id << 4) | (value.length - 1));
        System.arraycopy(value, 0, out, 5, value.length);
        return out;
    }

    private static void put32(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
