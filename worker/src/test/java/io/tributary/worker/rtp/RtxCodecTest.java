package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtxCodecTest {

    // Marker set, PT 96, seq 0x1234, ts 1, ssrc 0x11111111, one-byte extension, payload "abc", 2 padding bytes.
    private static final String ORIGINAL =
            "b0 e0 12 34 00 00 00 01 11 11 11 11 | be de 00 01 | 10 30 00 00 | 61 62 63 | 00 02";
    private static final String RTX =
            "90 e1 00 07 00 00 00 01 22 22 22 22 | be de 00 01 | 10 30 00 00 | 12 34 | 61 62 63";
    private static final String RESTORED =
            "90 e0 12 34 00 00 00 01 11 11 11 11 | be de 00 01 | 10 30 00 00 | 61 62 63";

    private final RtpPacket packet = new RtpPacket();

    @Test
    void encodesOriginalSequenceNumberAndRtxHeader() {
        byte[] original = Hex.bytes(ORIGINAL);
        assertTrue(packet.wrap(original, 0, original.length));
        byte[] dst = new byte[40];
        int n = RtxCodec.encode(packet, dst, 3, 97, 0x22222222, 7);
        assertEquals(Hex.normalize(RTX), Hex.of(dst, 3, n));
        assertTrue(packet.wrap(dst, 3, n));
        assertEquals(0x1234, RtxCodec.originalSequenceNumber(packet));
    }

    @Test
    void decodesBackToTheOriginalWithoutPadding() {
        byte[] rtx = Hex.bytes(RTX);
        assertTrue(packet.wrap(rtx, 0, rtx.length));
        byte[] dst = new byte[40];
        int n = RtxCodec.decode(packet, dst, 1, 96, 0x11111111);
        assertEquals(Hex.normalize(RESTORED), Hex.of(dst, 1, n));
    }

    @Test
    void worksInPlace() {
        byte[] buf = Hex.placed(Hex.bytes(ORIGINAL), 0, 4);
        assertTrue(packet.wrap(buf, 0, Hex.bytes(ORIGINAL).length));
        int n = RtxCodec.encode(packet, buf, 0, 97, 0x22222222, 7);
        assertEquals(Hex.normalize(RTX), Hex.of(buf, 0, n));
        assertTrue(packet.wrap(buf, 0, n));
        int m = RtxCodec.decode(packet, buf, 0, 96, 0x11111111);
        assertEquals(Hex.normalize(RESTORED), Hex.of(buf, 0, m));
    }

    @Test
    void refusesWhatDoesNotFitOrCarriesNoOsn() {
        byte[] original = Hex.bytes(ORIGINAL);
        assertTrue(packet.wrap(original, 0, original.length));
        assertEquals(-1, RtxCodec.encode(packet, new byte[24], 0, 97, 1, 1));
        assertEquals(25, RtxCodec.encode(packet, new byte[25], 0, 97, 1, 1));

        byte[] probe = Hex.bytes("a0 61 00 01 00 00 00 01 22 22 22 22 | 00 00 00 04");
        assertTrue(packet.wrap(probe, 0, probe.length));
        assertEquals(-1, RtxCodec.originalSequenceNumber(packet));
        assertEquals(-1, RtxCodec.decode(packet, new byte[64], 0, 96, 1));

        byte[] rtx = Hex.bytes(RTX);
        assertTrue(packet.wrap(rtx, 0, rtx.length));
        assertEquals(-1, RtxCodec.decode(packet, new byte[22], 0, 96, 1));
    }
}
