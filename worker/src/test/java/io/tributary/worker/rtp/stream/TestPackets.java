package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtp.RtpPacket;

/** Builds RTP packets for the stream tests. */
final class TestPackets {

    private TestPackets() {
    }

    /** A packet with a 12-byte header and {@code payloadLength} payload bytes 0, 1, 2, ... in a 1500-byte buffer. */
    static RtpPacket rtp(int payloadType, int seq, long timestamp, int ssrc, int payloadLength) {
        return rtp(new byte[1500], payloadType, seq, timestamp, ssrc, payloadLength);
    }

    static RtpPacket rtp(byte[] buf, int payloadType, int seq, long timestamp, int ssrc, int payloadLength) {
        RtpPacket.writeHeader(buf, 0, false, payloadType, seq, timestamp, ssrc);
        for (int i = 0; i < payloadLength; i++) {
            buf[RtpPacket.FIXED_HEADER_LENGTH + i] = (byte) i;
        }
        RtpPacket packet = new RtpPacket();
        if (!packet.wrap(buf, 0, RtpPacket.FIXED_HEADER_LENGTH + payloadLength)) {
            throw new IllegalStateException("bad test packet");
        }
        return packet;
    }

    /** A padding-only packet (P bit, no payload, {@code padding} bytes). */
    static RtpPacket paddingOnly(int payloadType, int seq, long timestamp, int ssrc, int padding) {
        byte[] buf = new byte[1500];
        RtpPacket.writeHeader(buf, 0, false, payloadType, seq, timestamp, ssrc);
        buf[0] |= 0x20;
        int length = RtpPacket.FIXED_HEADER_LENGTH + padding;
        buf[length - 1] = (byte) padding;
        RtpPacket packet = new RtpPacket();
        if (!packet.wrap(buf, 0, length)) {
            throw new IllegalStateException("bad padding packet");
        }
        return packet;
    }
}
