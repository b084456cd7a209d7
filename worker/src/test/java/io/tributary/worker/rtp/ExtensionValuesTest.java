package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExtensionValuesTest {

    @Test
    void absSendTimeIsSixPointEighteenSeconds() {
        assertEquals(1 << 18, AbsSendTime.fromMillis(1000));
        assertEquals(1 << 17, AbsSendTime.fromMicros(500_000));
        assertEquals(0, AbsSendTime.fromMillis(64_000), "wraps every 64 s");
        assertEquals(AbsSendTime.fromMillis(1234), AbsSendTime.fromMillis(64_000L * 1_000_000 + 1234));
        assertEquals(AbsSendTime.fromMicros(1_700_000_000_000_000L % 64_000_000L),
                AbsSendTime.fromMicros(1_700_000_000_000_000L), "epoch micros do not overflow");
        assertEquals(1_000_000, AbsSendTime.toMicros(1 << 18));
        assertEquals(63_999_996, AbsSendTime.toMicros(0xFFFFFF));
    }

    @Test
    void audioLevelByte() {
        assertTrue(AudioLevel.voice(0x85));
        assertEquals(5, AudioLevel.level(0x85));
        assertFalse(AudioLevel.voice(0x7f));
        assertEquals(127, AudioLevel.level(0x7f));
        assertEquals(0x85, AudioLevel.encode(true, 5));
        assertEquals(127, AudioLevel.encode(false, 300));
    }

    @Test
    void videoOrientationByte() {
        assertEquals(0x0f, VideoOrientation.encode(true, true, 270));
        assertEquals(0x01, VideoOrientation.encode(false, false, -270));
        assertEquals(270, VideoOrientation.rotationDegrees(0x0f));
        assertTrue(VideoOrientation.backCamera(0x08));
        assertTrue(VideoOrientation.flipped(0x04));
        assertFalse(VideoOrientation.flipped(0x03));
        assertEquals(180, VideoOrientation.rotationDegrees(0x02));
    }

    @Test
    void frameMarkingShortAndScalableForms() {
        FrameMarking fm = new FrameMarking();
        byte[] shortForm = Hex.bytes("a0");
        assertTrue(fm.wrap(shortForm, 0, 1));
        assertTrue(fm.startOfFrame());
        assertFalse(fm.endOfFrame());
        assertTrue(fm.independent());
        assertFalse(fm.discardable());
        assertFalse(fm.scalable());
        assertEquals(0, fm.temporalId());
        assertEquals(-1, fm.layerId());
        assertEquals(-1, fm.tl0PicIdx());

        byte[] scalable = Hex.bytes("5a 03 7f");
        assertTrue(fm.wrap(scalable, 0, 3));
        assertFalse(fm.startOfFrame());
        assertTrue(fm.endOfFrame());
        assertFalse(fm.independent());
        assertTrue(fm.discardable());
        assertTrue(fm.baseLayerSync());
        assertEquals(2, fm.temporalId());
        assertEquals(3, fm.layerId());
        assertEquals(0x7f, fm.tl0PicIdx());

        assertFalse(fm.wrap(scalable, 0, 2));
        assertFalse(fm.wrap(scalable, 2, 3));
    }

    @Test
    void frameMarkingFromPacket() {
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | be de 00 01 | 72 e1 00 00");
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(buf, 0, buf.length));
        FrameMarking fm = new FrameMarking();
        assertTrue(fm.wrap(packet, RtpExtensionIds.FRAME_MARKING));
        assertTrue(fm.startOfFrame());
        assertEquals(1, fm.temporalId());
        assertFalse(fm.wrap(packet, RtpExtensionIds.FRAME_MARKING_07));
    }
}
