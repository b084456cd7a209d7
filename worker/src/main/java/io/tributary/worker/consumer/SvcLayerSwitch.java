package io.tributary.worker.consumer;

/**
 * The layer state of an SVC consumer (mediasoup's VP9/H264-SVC encoding context): the current spatial
 * and temporal layers follow the targets only where the receiver's decoder can follow, and each packet
 * is forwarded only when its layers are within the current ones.
 *
 * <ul>
 * <li>A key frame starts a picture with no references, so both layers jump to the targets there.</li>
 * <li>Without a key frame, a spatial upgrade waits. A downgrade happens in full SVC at the end of a frame of
 * the target layer (the rest of that picture is higher layers, now dropped); in K-SVC it waits for a key
 * frame, since the lower layers of delta pictures were never forwarded.</li>
 * <li>A temporal upgrade happens at the start of a frame marked as a switching-up point; a downgrade at
 * the end of a frame at or below the target (the rest of that picture shares its temporal layer).</li>
 * <li>K-SVC delta frames of spatial layers other than the current one are dropped: nothing needs them.</li>
 * </ul>
 *
 * Packets of pictures older than the newest one seen (retransmissions repaired by the producer) skip the
 * switching and filtering, as in mediasoup: they fill places left when their picture was forwarded.
 */
final class SvcLayerSwitch {

    private final int spatialLayers;
    private final int temporalLayers;
    private final boolean ksvc;
    private int targetSpatial = -1;
    private int targetTemporal = -1;
    private int currentSpatial = -1;
    private int currentTemporal = -1;
    /** Newest picture id seen since the last sync, or -1. */
    private int maxPictureId = -1;
    private boolean endsPicture;

    SvcLayerSwitch(int spatialLayers, int temporalLayers, boolean ksvc) {
        this.spatialLayers = spatialLayers;
        this.temporalLayers = temporalLayers;
        this.ksvc = ksvc;
    }

    int targetSpatial() {
        return targetSpatial;
    }

    int targetTemporal() {
        return targetTemporal;
    }

    int currentSpatial() {
        return currentSpatial;
    }

    int currentTemporal() {
        return currentTemporal;
    }

    boolean ksvc() {
        return ksvc;
    }

    void setTarget(int spatial, int temporal) {
        targetSpatial = spatial;
        targetTemporal = temporal;
    }

    /** No target and no current layers: the consumer stopped, and restarts at a key frame. */
    void reset() {
        targetSpatial = -1;
        targetTemporal = -1;
        currentSpatial = -1;
        currentTemporal = -1;
    }

    /** Forwarding restarts at this packet: earlier picture ids are no longer known. */
    void sync(SvcLayerView packet) {
        int pictureId = packet.pictureId();
        maxPictureId = pictureId < 0 ? -1 : (pictureId - 1) & packet.pictureIdMask();
    }

    /**
     * Decides whether the packet is forwarded, moving the current layers when it is a switching point.
     * {@link #endsPicture()} then tells whether it is the last packet of the picture being forwarded.
     */
    boolean accept(SvcLayerView packet, boolean keyFrame) {
        int spatial = packet.spatialId();
        int temporal = packet.temporalId();
        if (spatial >= spatialLayers || temporal >= temporalLayers) {
            return false;
        }
        boolean old = isOldPicture(packet);
        int newSpatial = currentSpatial;
        int newTemporal = currentTemporal;
        if (!old) {
            if (keyFrame) {
                newSpatial = targetSpatial;
                newTemporal = targetTemporal;
            } else {
                if (!ksvc && targetSpatial < currentSpatial && spatial == targetSpatial && packet.endOfFrame()) {
                    newSpatial = targetSpatial;
                }
                if (targetTemporal > currentTemporal && temporal > currentTemporal && temporal <= targetTemporal
                        && packet.startOfFrame() && packet.switchingUpPoint()) {
                    newTemporal = temporal;
                } else if (targetTemporal < currentTemporal && temporal <= targetTemporal && packet.endOfFrame()) {
                    newTemporal = targetTemporal;
                }
            }
            if (spatial > newSpatial || temporal > newTemporal
                    || (ksvc && packet.interPicturePredicted() && spatial != newSpatial)) {
                return false;
            }
        }
        endsPicture = spatial == newSpatial && packet.endOfFrame();
        currentSpatial = newSpatial;
        currentTemporal = newTemporal;
        if (!old && packet.pictureId() >= 0) {
            maxPictureId = packet.pictureId();
        }
        return true;
    }

    /** The last accepted packet ends the highest forwarded layer of its picture: it needs the RTP marker. */
    boolean endsPicture() {
        return endsPicture;
    }

    private boolean isOldPicture(SvcLayerView packet) {
        int pictureId = packet.pictureId();
        if (pictureId < 0 || maxPictureId < 0) {
            return false;
        }
        int mask = packet.pictureIdMask();
        int behind = (maxPictureId - pictureId) & mask;
        return behind != 0 && behind <= (mask >>> 1);
    }
}
