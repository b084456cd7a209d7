package io.tributary.worker.consumer;

import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.ScalabilityMode;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.PacketSlotPool;
import io.tributary.worker.rtp.stream.SeqManager;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * mediasoup's SvcConsumer: forwards one VP9 or H264-SVC stream (one encoding, {@code L<S>T<T>} or
 * {@code _KEY}) cut down to target spatial and temporal layers, switching where the decoder can follow
 * ({@link SvcLayerSwitch}). Dropped packets leave the sequence space, and the last forwarded packet of a
 * picture gets the RTP marker, which the dropped higher layers carried.
 *
 * <p>The target is the highest available spatial layer up to the preferred one (else the lowest
 * available), as mediasoup picks the highest one with bitrate. A layer is available when it was seen in
 * the last 1.5 s; while the stream is younger than that, the layers it announces are presumed available,
 * so forwarding starts with all of them at the first key frame.
 */
public final class SvcConsumer extends Consumer {

    /** A layer silent for this long is not a target; the stream restarts after such a silence. */
    private static final long LAYER_INACTIVE_MS = 1500;

    private final int spatialLayers;
    private final int temporalLayers;
    private final byte[] mid;
    private final SvcLayerView view;
    private final SvcLayerSwitch layers;
    /** Starts between 1000 and 32767, as mediasoup (a libsrtp issue with low initial numbers). */
    private final SeqManager sequence =
            SeqManager.forSequenceNumbers(ThreadLocalRandom.current().nextInt(1000, 0x8000));
    private final long[] layerSeenMs;
    private final boolean[] available;
    private long streamStartMs = -1;
    private long lastPacketMs = -1;
    private int preferredSpatial;
    private int preferredTemporal;
    private boolean syncRequired = true;

    public SvcConsumer(String id, Producer producer, RtpParameters rtpParameters, boolean paused,
                       ConsumerLayers preferred, PacketSlotPool pool, Output output, Map<String, Object> appData) {
        super(id, producer, rtpParameters, ConsumerType.SVC, paused, pool, output, appData);
        ScalabilityMode mode = ScalabilityMode.parse(rtpParameters.encodingsOrEmpty().get(0).scalabilityMode());
        this.spatialLayers = mode.spatialLayers();
        this.temporalLayers = mode.temporalLayers();
        this.layers = new SvcLayerSwitch(spatialLayers, temporalLayers, mode.ksvc());
        this.view = rtpParameters.codecsOrEmpty().get(0).mimeType().toLowerCase(Locale.ROOT).equals("video/vp9")
                ? new Vp9LayerView() : new H264SvcLayerView();
        this.mid = rtpParameters.mid() == null ? null : rtpParameters.mid().getBytes(StandardCharsets.US_ASCII);
        this.layerSeenMs = new long[spatialLayers];
        this.available = new boolean[spatialLayers];
        Arrays.fill(layerSeenMs, -1);
        this.preferredSpatial = spatialLayers - 1;
        this.preferredTemporal = temporalLayers - 1;
        if (preferred != null) {
            clampPreferred(preferred);
        }
    }

    @Override
    public ConsumerLayers preferredLayers() {
        return new ConsumerLayers(preferredSpatial, preferredTemporal);
    }

    @Override
    public ConsumerLayers currentLayers() {
        return layers.currentSpatial() < 0 ? null
                : new ConsumerLayers(layers.currentSpatial(), Math.max(layers.currentTemporal(), 0));
    }

    @Override
    public ConsumerScore score() {
        int producerScore = producer.score().isEmpty() ? 0 : producer.score().get(0).score();
        return new ConsumerScore(sendScore(), producerScore, List.of(producerScore));
    }

    /** mediasoup clamps to the stream's layers; a missing temporal layer means the highest. */
    @Override
    protected void applyPreferredLayers(ConsumerLayers preferred) {
        clampPreferred(preferred);
        updateTarget(System.currentTimeMillis());
    }

    private void clampPreferred(ConsumerLayers preferred) {
        preferredSpatial = Math.max(0, Math.min(preferred.spatialLayer(), spatialLayers - 1));
        int temporal = preferred.temporalLayer() == null ? temporalLayers - 1 : preferred.temporalLayer();
        preferredTemporal = Math.max(0, Math.min(temporal, temporalLayers - 1));
    }

    @Override
    public void sendRtp(RtpPacket in, int encodingIndex, boolean keyFrame, long nowMs) {
        boolean readable = !in.isPaddingOnly() && view.read(in);
        if (readable) {
            noteLayer(view.spatialId(), nowMs);
        }
        if (!isActive() || layers.targetSpatial() < 0) {
            return;
        }
        boolean key = readable && view.keyFrame(keyFrame);
        if (syncRequired && !key) {
            return;
        }
        if (!readable) {
            sequence.drop(in.sequenceNumber());
            return;
        }
        if (syncRequired) {
            sequence.sync(in.sequenceNumber() - 1);
            layers.sync(view);
            syncRequired = false;
        }
        int previousSpatial = layers.currentSpatial();
        int previousTemporal = layers.currentTemporal();
        if (!layers.accept(view, key)) {
            sequence.drop(in.sequenceNumber());
            return;
        }
        if (layers.currentSpatial() != previousSpatial || layers.currentTemporal() != previousTemporal) {
            emitLayersChange();
        }
        int seq = sequence.input(in.sequenceNumber());
        if (seq >= 0) {
            forward(in, seq, layers.endsPicture(), nowMs);
        }
    }

    private void forward(RtpPacket in, int seq, boolean endsPicture, long nowMs) {
        int len = in.copyTo(buffer, 0);
        if (len < 0 || !packet.wrap(buffer, 0, len)) {
            return;
        }
        packet.setSsrc(ssrc);
        packet.setSequenceNumber(seq);
        if (endsPicture) {
            packet.setMarker(true);
        }
        emit(OutgoingExtensions.apply(packet, extensionIdMap, mid), nowMs);
    }

    /** Records a packet of {@code spatial}; the target moves when a layer becomes available or goes silent. */
    private void noteLayer(int spatial, long nowMs) {
        if (lastPacketMs < 0 || nowMs - lastPacketMs > LAYER_INACTIVE_MS) {
            streamStartMs = nowMs;
        }
        lastPacketMs = nowMs;
        if (spatial < spatialLayers) {
            layerSeenMs[spatial] = nowMs;
        }
        boolean young = nowMs - streamStartMs <= LAYER_INACTIVE_MS;
        boolean changed = false;
        for (int s = 0; s < spatialLayers; s++) {
            boolean now = young || (layerSeenMs[s] >= 0 && nowMs - layerSeenMs[s] <= LAYER_INACTIVE_MS);
            if (now != available[s]) {
                available[s] = now;
                changed = true;
            }
        }
        if (changed) {
            updateTarget(nowMs);
        }
    }

    /**
     * mediasoup's target choice without BWE: the highest available spatial layer up to the preferred one;
     * the preferred temporal layer at the preferred spatial layer, the highest below it, 0 above it. A new
     * spatial target asks for a key frame when only a key frame can reach it.
     */
    private void updateTarget(long nowMs) {
        int spatial = -1;
        if (isActive()) {
            for (int s = 0; s < spatialLayers; s++) {
                if (available[s]) {
                    spatial = s;
                    if (s >= preferredSpatial) {
                        break;
                    }
                }
            }
        }
        int temporal = spatial < 0 ? -1
                : spatial == preferredSpatial ? preferredTemporal
                : spatial < preferredSpatial ? temporalLayers - 1 : 0;
        if (spatial == layers.targetSpatial() && temporal == layers.targetTemporal()) {
            return;
        }
        layers.setTarget(spatial, temporal);
        int current = layers.currentSpatial();
        if (spatial >= 0 && spatial != current && (layers.ksvc() || spatial > current)) {
            producer.requestKeyFrame(producer.mappedSsrc(0), nowMs);
        }
    }

    private void emitLayersChange() {
        ConsumerLayers current = currentLayers();
        events.emit(LAYERS_CHANGE, current);
        observer.emit(LAYERS_CHANGE, current);
    }

    @Override
    public void receiveKeyFrameRequest(long nowMs) {
        if (isActive()) {
            producer.requestKeyFrame(producer.mappedSsrc(0), nowMs);
        }
    }

    @Override
    protected void onStopped() {
        boolean hadLayers = layers.currentSpatial() >= 0;
        layers.reset();
        if (hadLayers) {
            emitLayersChange();
        }
    }

    @Override
    protected void onResync(long nowMs) {
        syncRequired = true;
        updateTarget(nowMs);
    }

    @Override
    public Map<String, Object> dump() {
        Map<String, Object> dump = super.dump();
        dump.put("preferredSpatialLayer", preferredSpatial);
        dump.put("targetSpatialLayer", layers.targetSpatial());
        dump.put("currentSpatialLayer", layers.currentSpatial());
        dump.put("preferredTemporalLayer", preferredTemporal);
        dump.put("targetTemporalLayer", layers.targetTemporal());
        dump.put("currentTemporalLayer", layers.currentTemporal());
        return dump;
    }
}
