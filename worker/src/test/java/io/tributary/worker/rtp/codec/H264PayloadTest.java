package io.tributary.worker.rtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import org.junit.jupiter.api.Test;

class H264PayloadTest {

    private final H264Payload h264 = new H264Payload();

    private boolean wrap(String hex) {
        byte[] buf = Hex.bytes(hex);
        return h264.wrap(buf, 0, buf.length);
    }

    @Test
    void singleNalUnits() {
        assertTrue(wrap("65 88 84 00"));
        assertEquals(H264Payload.NAL_IDR, h264.nalType());
        assertEquals(H264Payload.NAL_IDR, h264.packetType());
        assertEquals(3, h264.nalRefIdc());
        assertTrue(h264.isKeyFrame());
        assertTrue(h264.startOfNal());
        assertTrue(h264.endOfNal());
        assertEquals(1, h264.nalCount());

        assertTrue(wrap("67 42 c0 1f"));
        assertTrue(h264.isKeyFrame(), "SPS");

        assertTrue(wrap("41 9a 00"));
        assertEquals(1, h264.nalType());
        assertFalse(h264.isKeyFrame());

        assertTrue(wrap("68 ce 3c 80"));
        assertFalse(h264.isKeyFrame(), "PPS alone");
    }

    @Test
    void stapAWithParameterSets() {
        assertTrue(wrap("78 | 00 04 67 42 c0 1f | 00 02 68 ce | 00 03 65 88 84"));
        assertEquals(H264Payload.STAP_A, h264.packetType());
        assertEquals(H264Payload.NAL_SPS, h264.nalType());
        assertEquals(3, h264.nalCount());
        assertTrue(h264.isKeyFrame());

        assertTrue(wrap("78 | 00 02 06 05 | 00 02 41 9a"));
        assertFalse(h264.isKeyFrame());
        assertEquals(H264Payload.NAL_SEI, h264.nalType());
    }

    @Test
    void fuAFragments() {
        assertTrue(wrap("7c 85 88 84"));
        assertEquals(H264Payload.FU_A, h264.packetType());
        assertEquals(H264Payload.NAL_IDR, h264.nalType());
        assertTrue(h264.isKeyFrame());
        assertTrue(h264.startOfNal());
        assertFalse(h264.endOfNal());

        assertTrue(wrap("7c 05 aa"));
        assertFalse(h264.isKeyFrame(), "middle fragment of an IDR is not where a key frame starts");
        assertFalse(h264.startOfNal());

        assertTrue(wrap("7c 45 aa"));
        assertTrue(h264.endOfNal());

        assertTrue(wrap("5c 81 aa"));
        assertFalse(h264.isKeyFrame());
        assertEquals(2, h264.nalRefIdc());
    }

    @Test
    void otherPacketizationsAreOpaque() {
        assertTrue(wrap("79 00 00 01 02"));
        assertEquals(25, h264.packetType());
        assertFalse(h264.isKeyFrame());
        assertTrue(wrap("7d 85 00 00"));
        assertFalse(h264.isKeyFrame(), "FU-B is not parsed");
    }

    @Test
    void rejectsMalformedPayloads() {
        assertFalse(h264.wrap(new byte[0], 0, 0), "empty");
        assertFalse(wrap("78"), "STAP-A without units");
        assertFalse(wrap("78 00 00 67"), "zero-size unit");
        assertFalse(wrap("78 00 05 67 42"), "unit past the end");
        assertFalse(wrap("78 00 01 67 00"), "dangling size byte");
        assertFalse(wrap("7c"), "FU-A without header");
        assertFalse(h264.wrap(Hex.bytes("65 00"), 1, 2), "out of bounds");
    }
}
