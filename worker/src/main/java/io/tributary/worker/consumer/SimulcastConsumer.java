package io.tributary.worker.consumer;

import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.ScalabilityMode;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import io.tributary.worker.rtp.stream.PacketSlotPool;
import io.tributary.worker.rtp.stream.RtpStreamRecvStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * mediasoup's SimulcastConsumer: from a producer's N streams (spatial layers, each with temporal
 * layers) it forwards one, switching streams only at a key frame of the target, and rewrites SSRC,
 * sequence numbers, timestamps and the VP8 picture ids so the receiver sees one continuous stream.
 * It also serves VP8/H264 with a single temporally layered encoding (L1T3), as mediasoup does.
 */
public final class SimulcastConsumer extends Consumer {

    /** A stream silent for this long is not a candidate target. */
    private static final long STREAM_INACTIVE_MS = 1500;
    private static final long KEY_FRAME_REASK_MS = 1000;

    private final int spatialLayers;
    private final int temporalLayers;
    private final int clockRate;
    private final boolean vp8;
    private final byte[] mid;
    private final long[] lastPacketMs;
    private final SequenceRewriter sequence = new SequenceRewriter();
    private final Vp8PayloadDescriptor vp8View = new Vp8PayloadDescriptor();
    private int preferredSpatial;
    private int preferredTemporal;
    private int targetSpatial = -1;
    private int targetTemporal = -1;
    private int currentSpatial = -1;
    private int currentTemporal = -1;
    private long tsOffset;
    private long lastSentTs = -1;
    private int pictureIdOffset;
    private int lastPictureId = -1;
    private int tl0Offset;
    private int lastTl0 = -1;
    private boolean syncRequired = true;
    /** The target layer a key frame was last asked for while waiting; -1 when not waiting. */
    private int keyFrameAskedFor = -1;
    private long keyFrameAskedAtMs;

    public SimulcastConsumer(String id, Producer producer, RtpParameters rtpParameters, boolean paused,
                             ConsumerLayers preferred, PacketSlotPool pool, Output output, Map<String, Object> appData) {
        super(id, producer, rtpParameters, ConsumerType.SIMULCAST, paused, pool, output, appData);
        List<RtpEncodingParameters> consumable = producer.consumableRtpParameters().encodingsOrEmpty();
        this.spatialLayers = consumable.size();
        this.temporalLayers = ScalabilityMode.parse(consumable.get(0).scalabilityMode()).temporalLayers();
        this.clockRate = rtpParameters.codecsOrEmpty().get(0).clockRate();
        this.vp8 = rtpParameters.codecsOrEmpty().get(0).mimeType().toLowerCase(Locale.ROOT).equals("video/vp8");
        this.mid = rtpParameters.mid() == null ? null : rtpParameters.mid().getBytes(StandardCharsets.US_ASCII);
        this.lastPacketMs = new long[spatialLayers];
        Arrays.fill(lastPacketMs, -1);
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

    /** mediasoup reports the outbound stream and only the producer stream being forwarded now. */
    @Override
    public List<Object> getStats(long nowMs) {
        List<Object> stats = sendStats(nowMs);
        if (currentSpatial >= 0 && !producer.closed()) {
            RtpStreamRecvStats current = producer.getStreamStats(currentSpatial, nowMs);
            if (current != null) {
                stats.add(current);
            }
        }
        return stats;
    }

    @Override
    public ConsumerLayers currentLayers() {
        return currentSpatial < 0 ? null : new ConsumerLayers(currentSpatial, Math.max(currentTemporal, 0));
    }

    @Override
    public ConsumerScore score() {
        List<Integer> scores = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (long last : lastPacketMs) {
            scores.add(last >= 0 && now - last <= STREAM_INACTIVE_MS ? 10 : 0);
        }
        int current = currentSpatial >= 0 ? scores.get(currentSpatial) : 0;
        return new ConsumerScore(sendScore(), current, scores);
    }

    /** mediasoup clamps to the producer's layers; a missing temporal layer means the highest. */
    @Override
    protected void applyPreferredLayers(ConsumerLayers layers) {
        clampPreferred(layers);
        updateTarget(System.currentTimeMillis());
    }

    private void clampPreferred(ConsumerLayers layers) {
        preferredSpatial = Math.max(0, Math.min(layers.spatialLayer(), spatialLayers - 1));
        int temporal = layers.temporalLayer() == null ? temporalLayers - 1 : layers.temporalLayer();
        preferredTemporal = Math.max(0, Math.min(temporal, temporalLayers - 1));
    }

    @Override
    public void sendRtp(RtpPacket in, int spatial, boolean keyFrame, long nowMs) {
        boolean wasInactive = lastPacketMs[spatial] < 0 || nowMs - lastPacketMs[spatial] > STREAM_INACTIVE_MS;
        lastPacketMs[spatial] = nowMs;
        if (wasInactive || (targetSpatial >= 0 && nowMs - lastPacketMs[targetSpatial] > STREAM_INACTIVE_MS)) {
            updateTarget(nowMs);
        }
        if (!isActive() || targetSpatial < 0) {
            return;
        }
        if (spatial != currentSpatial || syncRequired) {
            if (spatial != targetSpatial) {
                return;
            }
            if (!keyFrame) {
                askForKeyFrame(nowMs);
                return;
            }
            switchTo(in, spatial);
        } else if (targetSpatial != currentSpatial) {
            askForKeyFrame(nowMs);
        }
        int tid = vp8 && vp8View.wrap(in.buffer(), in.payloadOffset(), in.payloadLength()) ? vp8View.temporalId() : -1;
        if (!acceptTemporal(tid, keyFrame)) {
            sequence.drop(in.sequenceNumber());
            return;
        }
        forward(in, nowMs);
    }

    /** While waiting for a key frame of the target, ask when the target changes and then once a second. */
    private void askForKeyFrame(long nowMs) {
        if (keyFrameAskedFor != targetSpatial || nowMs - keyFrameAskedAtMs >= KEY_FRAME_REASK_MS) {
            keyFrameAskedFor = targetSpatial;
            keyFrameAskedAtMs = nowMs;
            producer.requestKeyFrame(producer.mappedSsrc(targetSpatial), nowMs);
        }
    }

    /** Drops packets above the target temporal layer; moving up waits for a layer-sync (Y) packet. */
    private boolean acceptTemporal(int tid, boolean keyFrame) {
        if (tid < 0) {
            return true;
        }
        if (tid > targetTemporal) {
            return false;
        }
        if (tid > currentTemporal) {
            if (!keyFrame && !vp8View.layerSync() && currentTemporal >= 0) {
                return false;
            }
            currentTemporal = tid;
            events.emit(LAYERS_CHANGE, currentLayers());
            observer.emit(LAYERS_CHANGE, currentLayers());
        } else if (currentTemporal > targetTemporal) {
            currentTemporal = targetTemporal;
        }
        return true;
    }

    /** Starts forwarding {@code spatial} at this key frame: one frame interval after what was last sent. */
    private void switchTo(RtpPacket in, int spatial) {
        sequence.sync(in.sequenceNumber());
        long nextTs = lastSentTs < 0 ? in.timestamp() : (lastSentTs + clockRate / 30) & 0xffffffffL;
        tsOffset = (in.timestamp() - nextTs) & 0xffffffffL;
        if (vp8 && vp8View.wrap(in.buffer(), in.payloadOffset(), in.payloadLength())) {
            if (vp8View.hasPictureId()) {
                int next = lastPictureId < 0 ? vp8View.pictureId() : (lastPictureId + 1) & 0x7fff;
                pictureIdOffset = (next - vp8View.pictureId()) & 0x7fff;
            }
            if (vp8View.hasTl0PicIdx()) {
                int next = lastTl0 < 0 ? vp8View.tl0PicIdx() : (lastTl0 + 1) & 0xff;
                tl0Offset = (next - vp8View.tl0PicIdx()) & 0xff;
            }
        }
        syncRequired = false;
        keyFrameAskedFor = -1;
        boolean changed = currentSpatial != spatial;
        currentSpatial = spatial;
        currentTemporal = -1;
        if (changed) {
            events.emit(LAYERS_CHANGE, new ConsumerLayers(currentSpatial, 0));
            observer.emit(LAYERS_CHANGE, new ConsumerLayers(currentSpatial, 0));
        }
    }

    private void forward(RtpPacket in, long nowMs) {
        int len = in.copyTo(buffer, 0);
        if (len < 0 || !packet.wrap(buffer, 0, len)) {
            return;
        }
        packet.setSsrc(ssrc);
        packet.setSequenceNumber(sequence.rewrite(in.sequenceNumber()));
        long ts = (in.timestamp() - tsOffset) & 0xffffffffL;
        packet.setTimestamp(ts);
        lastSentTs = ts;
        if (vp8 && vp8View.wrap(buffer, packet.payloadOffset(), packet.payloadLength())) {
            if (vp8View.hasPictureId()) {
                lastPictureId = (vp8View.pictureId() + pictureIdOffset) & (vp8View.hasLongPictureId() ? 0x7fff : 0x7f);
                vp8View.setPictureId(lastPictureId);
            }
            if (vp8View.hasTl0PicIdx()) {
                lastTl0 = (vp8View.tl0PicIdx() + tl0Offset) & 0xff;
                vp8View.setTl0PicIdx(lastTl0);
            }
        }
        emit(OutgoingExtensions.apply(packet, extensionIdMap, mid), nowMs);
    }

    /**
     * The target is the highest active stream at or below the preferred spatial layer, else the lowest
     * active one; its temporal layer is the preferred one at the preferred spatial layer, else the highest.
     */
    private void updateTarget(long nowMs) {
        int target = -1;
        for (int s = 0; s < spatialLayers; s++) {
            boolean active = lastPacketMs[s] >= 0 && nowMs - lastPacketMs[s] <= STREAM_INACTIVE_MS;
            if (active && (s <= preferredSpatial || target < 0)) {
                target = s;
            }
        }
        targetSpatial = target;
        targetTemporal = target == preferredSpatial ? preferredTemporal : temporalLayers - 1;
        if (target >= 0 && target != currentSpatial && isActive()) {
            producer.requestKeyFrame(producer.mappedSsrc(target), nowMs);
        }
    }

    @Override
    public void receiveKeyFrameRequest(long nowMs) {
        int layer = currentSpatial >= 0 ? currentSpatial : targetSpatial;
        if (isActive() && layer >= 0) {
            producer.requestKeyFrame(producer.mappedSsrc(layer), nowMs);
        }
    }

    @Override
    protected void onResync(long nowMs) {
        syncRequired = true;
        if (targetSpatial >= 0) {
            producer.requestKeyFrame(producer.mappedSsrc(targetSpatial), nowMs);
        }
    }

    @Override
    public Map<String, Object> dump() {
        Map<String, Object> dump = super.dump();
        dump.put("preferredSpatialLayer", preferredSpatial);
        dump.put("targetSpatialLayer", targetSpatial);
        dump.put("currentSpatialLayer", currentSpatial);
        dump.put("preferredTemporalLayer", preferredTemporal);
        dump.put("targetTemporalLayer", targetTemporal);
        dump.put("currentTemporalLayer", currentTemporal);
        return dump;
    }
}
