package io.tributary.worker.rtp.stream;

/**
 * What the codec layer found in one received packet: whether it starts a key frame and which
 * spatial and temporal layer it belongs to. Filled by a {@link PacketInspector}; reused per packet.
 */
public final class PacketInfo {

    private boolean keyFrame;
    private int spatialLayer;
    private int temporalLayer;

    public boolean keyFrame() {
        return keyFrame;
    }

    public int spatialLayer() {
        return spatialLayer;
    }

    public int temporalLayer() {
        return temporalLayer;
    }

    public void set(boolean keyFrame, int spatialLayer, int temporalLayer) {
        this.keyFrame = keyFrame;
        this.spatialLayer = Math.max(0, spatialLayer);
        this.temporalLayer = Math.max(0, temporalLayer);
    }

    public void clear() {
        set(false, 0, 0);
    }
}
