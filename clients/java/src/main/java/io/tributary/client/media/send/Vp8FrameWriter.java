package io.tributary.client.media.send;

import io.tributary.client.media.SyntheticPayload;
import io.tributary.worker.rtp.BigEndian;

/**
 * Builds the RTP payloads of one synthetic VP8 frame: the RFC 7741 payload descriptor (X, I with a
 * 15-bit PictureID, L, T), on the first packet the VP8 frame header (with the key frame start code
 * and size on key frames), then the synthetic body.
 *
 * <pre>
 *  |X|R|N|S|R| PID |   |I|L|T|K| RSV |   |M| PictureID (15) |   | TL0PICIDX |   |TID|Y| KEYIDX |
 * </pre>
 */
final class Vp8FrameWriter {

    static final int DESCRIPTOR_LENGTH = 6;
    static final int INTER_HEADER_LENGTH = 3;
    static final int KEY_HEADER_LENGTH = 10;

    /** Everything the packets of one frame share. */
    record Frame(int pictureId, int tl0PicIdx, int temporalId, boolean layerSync, boolean keyFrame, int width,
                 int height, int streamTag, int frameNumber, int packetCount) {
    }

    private Vp8FrameWriter() {
    }

    /** Header bytes before the synthetic body of packet {@code index}. */
    static int headerLength(Frame frame, int index) {
        if (index > 0) {
            return DESCRIPTOR_LENGTH;
        }
        return DESCRIPTOR_LENGTH + (frame.keyFrame() ? KEY_HEADER_LENGTH : INTER_HEADER_LENGTH);
    }

    /** The payload of packet {@code index} with a synthetic body of {@code bodyLength} bytes. */
    static byte[] packet(Frame frame, int index, int bodyLength, int frameBytes, long sendMicros) {
        int header = headerLength(frame, index);
        byte[] payload = new byte[header + bodyLength];
        boolean first = index == 0;
        // N: the top temporal layer is never referenced; S with PID 0 opens the frame.
        payload[0] = (byte) (0x80 | (frame.temporalId() == 2 ? 0x20 : 0) | (first ? 0x10 : 0));
        payload[1] = (byte) (0x80 | 0x40 | 0x20);
        BigEndian.put16(payload, 2, 0x8000 | (frame.pictureId() & 0x7FFF));
        payload[4] = (byte) frame.tl0PicIdx();
        payload[5] = (byte) ((frame.temporalId() << 6) | (frame.layerSync() ? 0x20 : 0));
        if (first) {
            writeFrameHeader(payload, DESCRIPTOR_LENGTH, frame, frameBytes);
        }
        SyntheticPayload.write(payload, header, bodyLength, frame.streamTag(), frame.frameNumber(), index,
                frame.packetCount(), sendMicros, frame.keyFrame() ? SyntheticPayload.FLAG_KEY_FRAME : 0);
        return payload;
    }

    /**
     * RFC 6386 §9.1 frame tag: P (0 = key frame), version 0, show_frame, 19-bit first partition size;
     * key frames add the start code 9d 01 2a and the 14-bit little-endian width and height.
     */
    private static void writeFrameHeader(byte[] dst, int off, Frame frame, int frameBytes) {
        int partitionSize = Math.min(frameBytes, 0x7FFFF);
        dst[off] = (byte) ((frame.keyFrame() ? 0 : 1) | 0x10 | ((partitionSize & 0x7) << 5));
        dst[off + 1] = (byte) (partitionSize >>> 3);
        dst[off + 2] = (byte) (partitionSize >>> 11);
        if (frame.keyFrame()) {
            dst[off + 3] = (byte) 0x9D;
            dst[off + 4] = 0x01;
            dst[off + 5] = 0x2A;
            dst[off + 6] = (byte) frame.width();
            dst[off + 7] = (byte) ((frame.width() >>> 8) & 0x3F);
            dst[off + 8] = (byte) frame.height();
            dst[off + 9] = (byte) ((frame.height() >>> 8) & 0x3F);
        }
    }
}
