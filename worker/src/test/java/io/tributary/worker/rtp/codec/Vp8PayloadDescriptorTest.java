package io.tributary.worker.rtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import org.junit.jupiter.api.Test;

class Vp8PayloadDescriptorTest {

    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

    @Test
    void minimalDescriptorOnKeyFrame() {
        // S=1 PID=0, then a key frame header: P=0, start code, 640x480.
        byte[] buf = Hex.bytes("10 | 10 02 00 9d 01 2a 80 02 e0 01");
        assertTrue(vp8.wrap(buf, 0, buf.length));
        assertEquals(1, vp8.descriptorLength());
        assertTrue(vp8.startOfPartition());
        assertEquals(0, vp8.partitionIndex());
        assertTrue(vp8.startOfFrame());
        assertTrue(vp8.isKeyFrame());
        assertFalse(vp8.hasPictureId());
        assertEquals(-1, vp8.pictureId());
        assertEquals(-1, vp8.tl0PicIdx());
        assertEquals(-1, vp8.temporalId());
        assertEquals(-1, vp8.keyIdx());
        assertFalse(vp8.layerSync());
        assertEquals(640, vp8.keyFrameWidth());
        assertEquals(480, vp8.keyFrameHeight());
        assertEquals(1, vp8.payloadOffset());
    }

    @Test
    void fullDescriptorWithLongPictureId() {
        // X S PID0 | I L T | M + 15-bit 123 | TL0PICIDX 42 | TID 1, Y | inter frame (P=1).
        byte[] buf = Hex.bytes("90 | e0 | 80 7b | 2a | 60 | 01 02");
        assertTrue(vp8.wrap(buf, 0, buf.length));
        assertEquals(6, vp8.descriptorLength());
        assertTrue(vp8.hasLongPictureId());
        assertEquals(123, vp8.pictureId());
        assertEquals(42, vp8.tl0PicIdx());
        assertEquals(1, vp8.temporalId());
        assertTrue(vp8.layerSync());
        assertEquals(-1, vp8.keyIdx());
        assertFalse(vp8.nonReference());
        assertTrue(vp8.startOfFrame());
        assertFalse(vp8.isKeyFrame());
        assertEquals(-1, vp8.keyFrameWidth());

        assertTrue(vp8.setPictureId(0x8001));
        assertTrue(vp8.setTl0PicIdx(300));
        assertEquals(Hex.normalize("90 e0 80 01 2c 60 01 02"), Hex.of(buf, 0, buf.length));
        assertTrue(vp8.setPictureId(0x7FFF));
        assertEquals(Hex.normalize("90 e0 ff ff 2c 60 01 02"), Hex.of(buf, 0, buf.length));
        assertEquals(0x7FFF, vp8.pictureId());
    }

    @Test
    void shortPictureIdKeepsItsWidth() {
        byte[] buf = Hex.bytes("ff ff | 80 | 80 | 05 | 00");
        assertTrue(vp8.wrap(buf, 2, 4));
        assertFalse(vp8.hasLongPictureId());
        assertEquals(5, vp8.pictureId());
        assertFalse(vp8.startOfFrame());
        assertFalse(vp8.isKeyFrame());
        assertTrue(vp8.setPictureId(200));
        assertEquals(200 & 0x7F, vp8.pictureId());
        assertEquals(Hex.normalize("ff ff 80 80 48 00"), Hex.of(buf, 0, buf.length));
        assertFalse(vp8.setTl0PicIdx(1), "absent field is not written");
    }

    @Test
    void keyIndexWithoutTemporalId() {
        byte[] buf = Hex.bytes("a0 | 10 | 1f | 00");
        assertTrue(vp8.wrap(buf, 0, buf.length));
        assertTrue(vp8.nonReference());
        assertEquals(31, vp8.keyIdx());
        assertEquals(-1, vp8.temporalId());
        assertFalse(vp8.layerSync());
    }

    @Test
    void laterPartitionIsNotAFrameStart() {
        byte[] buf = Hex.bytes("11 | 00");
        assertTrue(vp8.wrap(buf, 0, buf.length));
        assertEquals(1, vp8.partitionIndex());
        assertFalse(vp8.startOfFrame());
        assertFalse(vp8.isKeyFrame());
    }

    @Test
    void keyFrameWithoutStartCodeHasNoSize() {
        byte[] buf = Hex.bytes("10 | 10 02 00 00 00 00 80 02 e0 01");
        assertTrue(vp8.wrap(buf, 0, buf.length));
        assertTrue(vp8.isKeyFrame());
        assertEquals(-1, vp8.keyFrameWidth());
    }

    @Test
    void rejectsTruncatedDescriptors() {
        assertFalse(vp8.wrap(new byte[0], 0, 0), "empty");
        assertFalse(vp8.wrap(Hex.bytes("10"), 0, 1), "no VP8 data");
        assertFalse(vp8.wrap(Hex.bytes("80 80"), 0, 2), "I without PictureID");
        assertFalse(vp8.wrap(Hex.bytes("80 80 80 01"), 0, 4), "long PictureID without data");
        assertFalse(vp8.wrap(Hex.bytes("80 40"), 0, 2), "L without TL0PICIDX");
        assertFalse(vp8.wrap(Hex.bytes("80 20 00"), 0, 3), "T byte without data");
        assertFalse(vp8.wrap(Hex.bytes("10 00"), 1, 2), "out of bounds");
        assertFalse(vp8.wrap(null, 0, 2), "null");
    }
}
