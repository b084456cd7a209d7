package io.tributary.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.testing.SyntheticRtp;
import org.junit.jupiter.api.Test;

/** Without frame marking, H264-SVC layers come from the SVC extension of NAL units 14 and 20. */
class H264SvcLayerViewTest {

    private final H264SvcLayerView view = new H264SvcLayerView();

    /** The NAL header and SVC extension: IDR flag, dependency id 2, temporal id 1. */
    private static final byte[] SLICE_EXTENSION = {0x14, (byte) 0xC0, 0x20, 0x20, 0x01, 0x02};

    @Test
    void aSingleNalUnitTellsItsLayersAndIdrFlag() {
        assertTrue(view.read(packet(SLICE_EXTENSION)));
        assertEquals(2, view.spatialId());
        assertEquals(1, view.temporalId());
        assertTrue(view.keyFrame(false));
        assertFalse(view.startOfFrame(), "frame boundaries are unknown without frame marking");
    }

    @Test
    void theFirstUnitOfAStapAAndTheStartOfAnFuACount() {
        byte[] stapA = new byte[3 + SLICE_EXTENSION.length];
        stapA[0] = 24;
        stapA[2] = (byte) SLICE_EXTENSION.length;
        System.arraycopy(SLICE_EXTENSION, 0, stapA, 3, SLICE_EXTENSION.length);
        assertTrue(view.read(packet(stapA)));
        assertEquals(2, view.spatialId());
        assertEquals(1, view.temporalId());

        byte[] fuAStart = {28, (byte) 0x94, 0x00, 0x30, 0x40, 0x01};
        assertTrue(view.read(packet(fuAStart)));
        assertEquals(3, view.spatialId());
        assertEquals(2, view.temporalId());
        assertFalse(view.keyFrame(false));

        byte[] fuAMiddle = {28, 0x14, 0x00, 0x30, 0x40, 0x01};
        assertTrue(view.read(packet(fuAMiddle)));
        assertEquals(0, view.spatialId());
    }

    @Test
    void plainSlicesAreTheBaseLayers() {
        assertTrue(view.read(packet(SyntheticRtp.h264(true))));
        assertEquals(0, view.spatialId());
        assertEquals(0, view.temporalId());
        assertTrue(view.keyFrame(true));
        assertFalse(view.keyFrame(false));
    }

    private static RtpPacket packet(byte[] payload) {
        byte[] bytes = SyntheticRtp.packet(104, 1, 0, 1, false, payload);
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(bytes, 0, bytes.length));
        return packet;
    }
}
