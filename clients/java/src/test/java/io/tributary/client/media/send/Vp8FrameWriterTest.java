package io.tributary.client.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.SyntheticPayload;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import org.junit.jupiter.api.Test;

/** Checked with the worker's own VP8 parser, as the SFU will read it. */
class Vp8FrameWriterTest {

    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

    @Test
    void keyFrameFirstPacketCarriesEverything() {
        Vp8FrameWriter.Frame frame = new Vp8FrameWriter.Frame(0x7FFE, 200, 0, false, true, 1280, 720, 42, 9, 3);
        byte[] payload = Vp8FrameWriter.packet(frame, 0, 500, 1500, 1L);

        assertTrue(vp8.wrap(payload, 0, payload.length));
        assertTrue(vp8.isKeyFrame());
        assertTrue(vp8.startOfFrame());
        assertTrue(vp8.hasLongPictureId());
        assertEquals(0x7FFE, vp8.pictureId());
        assertEquals(200, vp8.tl0PicIdx());
        assertEquals(0, vp8.temporalId());
        assertFalse(vp8.nonReference());
        assertEquals(1280, vp8.keyFrameWidth());
        assertEquals(720, vp8.keyFrameHeight());
        int body = vp8.payloadOffset() + Vp8FrameWriter.KEY_HEADER_LENGTH;
        assertEquals(SyntheticPayload.Verdict.INTACT, SyntheticPayload.verify(payload, body, payload.length - body));
        assertEquals(0, SyntheticPayload.packetIndex(payload, body));
    }

    @Test
    void laterPacketsAndDeltaFramesAreMarkedSo() {
        Vp8FrameWriter.Frame frame = new Vp8FrameWriter.Frame(5, 7, 2, true, false, 640, 360, 42, 10, 2);
        byte[] first = Vp8FrameWriter.packet(frame, 0, 100, 200, 1L);
        byte[] second = Vp8FrameWriter.packet(frame, 1, 100, 200, 1L);

        assertTrue(vp8.wrap(first, 0, first.length));
        assertTrue(vp8.startOfFrame());
        assertFalse(vp8.isKeyFrame(), "P bit set on a delta frame");
        assertEquals(2, vp8.temporalId());
        assertTrue(vp8.layerSync());
        assertTrue(vp8.nonReference(), "TL2 frames are never referenced");
        assertTrue(vp8.wrap(second, 0, second.length));
        assertFalse(vp8.startOfPartition());
        assertEquals(5, vp8.pictureId());
        int body = vp8.payloadOffset();
        assertEquals(SyntheticPayload.Verdict.INTACT, SyntheticPayload.verify(second, body, second.length - body));
        assertEquals(1, SyntheticPayload.packetIndex(second, body));
    }
}
