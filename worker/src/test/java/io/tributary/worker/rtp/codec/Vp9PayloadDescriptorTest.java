package io.tributary.worker.rtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import org.junit.jupiter.api.Test;

class Vp9PayloadDescriptorTest {

    private final Vp9PayloadDescriptor vp9 = new Vp9PayloadDescriptor();

    // I L B V | PID 0x123 | TID0 SID0 | TL0PICIDX 7 | SS: N_S=2 Y G | 3 resolutions | N_G=1: R=1, P_DIFF 1 | data
    private static final String KEY_FRAME_WITH_SS =
            "aa | 81 23 | 00 | 07 | 58 | 01 40 00 b4 02 80 01 68 05 00 02 d0 | 01 | 04 01 | ff";

    @Test
    void nonFlexibleKeyFrameWithScalabilityStructure() {
        byte[] buf = Hex.bytes(KEY_FRAME_WITH_SS);
        assertTrue(vp9.wrap(buf, 0, buf.length));
        assertEquals(buf.length - 1, vp9.descriptorLength());
        assertFalse(vp9.flexibleMode());
        assertFalse(vp9.interPicturePredicted());
        assertTrue(vp9.startOfFrame());
        assertFalse(vp9.endOfFrame());
        assertTrue(vp9.isKeyFrame());
        assertEquals(0x123, vp9.pictureId());
        assertTrue(vp9.hasLayerIndices());
        assertEquals(0, vp9.temporalId());
        assertEquals(0, vp9.spatialId());
        assertEquals(7, vp9.tl0PicIdx());
        assertTrue(vp9.hasScalabilityStructure());
        assertEquals(3, vp9.spatialLayerCount());
        assertTrue(vp9.hasResolutions());
        assertEquals(320, vp9.width(0));
        assertEquals(180, vp9.height(0));
        assertEquals(360, vp9.height(1));
        assertEquals(1280, vp9.width(2));
        assertEquals(720, vp9.height(2));
        assertEquals(-1, vp9.width(3));
        assertEquals(0, vp9.referenceCount());

        assertTrue(vp9.setPictureId(0x7FFE));
        assertTrue(vp9.setTl0PicIdx(0x80));
        assertEquals(Hex.normalize("aa ff fe 00 80"), Hex.of(buf, 0, 5));
    }

    @Test
    void flexibleModeWithReferences() {
        // I P L F E Z | 7-bit PID 0x12 | TID2 U SID1 D | P_DIFF 1 (N) | P_DIFF 2 | data
        byte[] buf = Hex.bytes("f5 | 12 | 53 | 03 | 04 | aa");
        assertTrue(vp9.wrap(buf, 0, buf.length));
        assertTrue(vp9.flexibleMode());
        assertTrue(vp9.interPicturePredicted());
        assertFalse(vp9.isKeyFrame());
        assertTrue(vp9.endOfFrame());
        assertTrue(vp9.notReferenceForUpperLayers());
        assertEquals(0x12, vp9.pictureId());
        assertFalse(vp9.hasLongPictureId());
        assertEquals(2, vp9.temporalId());
        assertTrue(vp9.switchingUpPoint());
        assertEquals(1, vp9.spatialId());
        assertTrue(vp9.interLayerDependency());
        assertEquals(-1, vp9.tl0PicIdx(), "no TL0PICIDX in flexible mode");
        assertFalse(vp9.setTl0PicIdx(1));
        assertEquals(2, vp9.referenceCount());
        assertEquals(1, vp9.referenceDiff(0));
        assertEquals(2, vp9.referenceDiff(1));
        assertEquals(-1, vp9.spatialLayerCount());
        assertEquals(-1, vp9.width(0));
        assertEquals(5, vp9.payloadOffset());
        assertTrue(vp9.setPictureId(0x85));
        assertEquals(0x05, vp9.pictureId());
    }

    @Test
    void intraFrameOnUpperSpatialLayerIsNotAKeyFrame() {
        byte[] buf = Hex.bytes("28 | 02 | 00 | ee");
        assertTrue(vp9.wrap(buf, 0, buf.length));
        assertEquals(1, vp9.spatialId());
        assertFalse(vp9.isKeyFrame());
    }

    @Test
    void keyFrameWithoutLayerIndices() {
        byte[] buf = Hex.bytes("08 | ee");
        assertTrue(vp9.wrap(buf, 0, buf.length));
        assertTrue(vp9.isKeyFrame());
        assertEquals(-1, vp9.pictureId());
        assertEquals(-1, vp9.temporalId());
        assertEquals(-1, vp9.spatialId());
        assertFalse(vp9.switchingUpPoint());
        assertFalse(vp9.setPictureId(1));
        assertEquals(1, vp9.descriptorLength());
    }

    @Test
    void scalabilityStructureWithoutResolutions() {
        byte[] buf = Hex.bytes("0a | 20 | ee");
        assertTrue(vp9.wrap(buf, 0, buf.length));
        assertEquals(2, vp9.spatialLayerCount());
        assertFalse(vp9.hasResolutions());
        assertEquals(-1, vp9.width(0));
    }

    @Test
    void rejectsTruncatedDescriptors() {
        assertFalse(vp9.wrap(new byte[0], 0, 0), "empty");
        assertFalse(vp9.wrap(Hex.bytes("08"), 0, 1), "no data");
        assertFalse(vp9.wrap(Hex.bytes("80 80"), 0, 2), "long picture id cut");
        assertFalse(vp9.wrap(Hex.bytes("20 00"), 0, 2), "TL0PICIDX missing");
        assertFalse(vp9.wrap(Hex.bytes("50 03 03 03 03 aa"), 0, 6), "four references");
        assertFalse(vp9.wrap(Hex.bytes("50 03 03"), 0, 3), "reference chain runs off the end");
        assertFalse(vp9.wrap(Hex.bytes("02 50 01 40 00"), 0, 5), "resolutions cut");
        assertFalse(vp9.wrap(Hex.bytes("02 08 02 04"), 0, 4), "picture group cut");
        assertFalse(vp9.wrap(Hex.bytes("02 08"), 0, 2), "N_G missing");
        byte[] good = Hex.bytes(KEY_FRAME_WITH_SS);
        for (int n = 0; n < good.length; n++) {
            assertFalse(vp9.wrap(good, 0, n), "prefix of " + n + " bytes");
        }
    }
}
