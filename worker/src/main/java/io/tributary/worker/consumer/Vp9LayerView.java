package io.tributary.worker.consumer;

import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.codec.Vp9PayloadDescriptor;

/** VP9 layers from the payload descriptor; a packet without layer indices is spatial and temporal layer 0. */
final class Vp9LayerView implements SvcLayerView {

    private final Vp9PayloadDescriptor vp9 = new Vp9PayloadDescriptor();

    @Override
    public boolean read(RtpPacket packet) {
        return vp9.wrap(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
    }

    @Override
    public int spatialId() {
        return Math.max(0, vp9.spatialId());
    }

    @Override
    public int temporalId() {
        return Math.max(0, vp9.temporalId());
    }

    @Override
    public boolean startOfFrame() {
        return vp9.startOfFrame();
    }

    @Override
    public boolean endOfFrame() {
        return vp9.endOfFrame();
    }

    @Override
    public boolean switchingUpPoint() {
        return vp9.switchingUpPoint();
    }

    @Override
    public boolean interPicturePredicted() {
        return vp9.interPicturePredicted();
    }

    @Override
    public boolean keyFrame(boolean producerKeyFrame) {
        return vp9.isKeyFrame();
    }

    @Override
    public int pictureId() {
        return vp9.pictureId();
    }

    @Override
    public int pictureIdMask() {
        return vp9.hasLongPictureId() ? 0x7FFF : 0x7F;
    }
}
