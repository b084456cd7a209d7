package io.tributary.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

/** The layer switch alone, fed layer facts directly: the cases the in-process tests do not reach. */
class SvcLayerSwitchTest {

    /** One layer frame in one packet (B and E) of a VP9-like stream with 15-bit picture ids. */
    private record Frame(int pictureId, int spatialId, int temporalId, boolean interPicture) implements SvcLayerView {
        @Override
        public boolean read(RtpPacket packet) {
            return true;
        }

        @Override
        public boolean startOfFrame() {
            return true;
        }

        @Override
        public boolean endOfFrame() {
            return true;
        }

        @Override
        public boolean switchingUpPoint() {
            return true;
        }

        @Override
        public boolean interPicturePredicted() {
            return interPicture;
        }

        @Override
        public boolean keyFrame(boolean producerKeyFrame) {
            return !interPicture && spatialId == 0;
        }

        @Override
        public int pictureIdMask() {
            return 0x7FFF;
        }
    }

    private static boolean accept(SvcLayerSwitch layers, Frame frame) {
        return layers.accept(frame, frame.keyFrame(false));
    }

    @Test
    void layersBeyondTheStreamsAreDropped() {
        SvcLayerSwitch layers = new SvcLayerSwitch(2, 2, false);
        layers.setTarget(1, 1);
        Frame key = new Frame(10, 0, 0, false);
        layers.sync(key);
        assertTrue(accept(layers, key));
        assertFalse(accept(layers, new Frame(10, 2, 0, false)));
        assertFalse(accept(layers, new Frame(11, 0, 2, true)));
    }

    @Test
    void aRepairedPacketOfAnEarlierPictureSkipsTheFilter() {
        SvcLayerSwitch layers = new SvcLayerSwitch(3, 3, false);
        layers.setTarget(2, 2);
        Frame key = new Frame(0x7FFF, 0, 0, false);
        layers.sync(key);
        assertTrue(accept(layers, key));
        layers.setTarget(1, 2);
        assertTrue(accept(layers, new Frame(0, 0, 2, true)));
        assertTrue(accept(layers, new Frame(0, 1, 2, true)));
        assertEquals(1, layers.currentSpatial());
        assertFalse(accept(layers, new Frame(0, 2, 2, true)));

        assertTrue(accept(layers, new Frame(0x7FFF, 2, 0, false)), "picture 0x7FFF precedes picture 0 after the wrap");
        assertEquals(1, layers.currentSpatial());
        assertFalse(layers.endsPicture(), "the marker stays with the current layer");
    }

    @Test
    void aTemporalDowngradeHappensAtTheEndOfAFrameAtOrBelowTheTarget() {
        SvcLayerSwitch layers = new SvcLayerSwitch(1, 3, false);
        layers.setTarget(0, 2);
        Frame key = new Frame(1, 0, 0, false);
        layers.sync(key);
        assertTrue(accept(layers, key));
        layers.setTarget(0, 0);
        assertTrue(accept(layers, new Frame(2, 0, 0, true)));
        assertEquals(0, layers.currentTemporal());
        assertFalse(accept(layers, new Frame(3, 0, 2, true)));
        assertFalse(accept(layers, new Frame(4, 0, 1, true)));
    }
}
