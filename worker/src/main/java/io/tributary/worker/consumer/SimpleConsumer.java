package io.tributary.worker.consumer;

import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.PacketSlotPool;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's SimpleConsumer: forwards a single-stream producer (audio, or video without layers)
 * with its own SSRC, a continuous sequence number space, only the negotiated header extensions, and
 * its MID. Video restarts only at a key frame after resuming, so the decoder never sees a broken frame.
 */
public final class SimpleConsumer extends Consumer {

    private final byte[] mid;
    private final SequenceRewriter sequence = new SequenceRewriter();
    private boolean syncRequired = true;
    private boolean keyFrameRequested;

    public SimpleConsumer(String id, Producer producer, RtpParameters rtpParameters, boolean paused,
                          PacketSlotPool pool, Output output, Map<String, Object> appData) {
        super(id, producer, rtpParameters, ConsumerType.SIMPLE, paused, pool, output, appData);
        this.mid = rtpParameters.mid() == null ? null : rtpParameters.mid().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ConsumerScore score() {
        return new ConsumerScore(sendScore(), producer.score().isEmpty() ? 0 : producer.score().get(0).score(),
                List.of(producer.score().isEmpty() ? 0 : producer.score().get(0).score()));
    }

    @Override
    public void sendRtp(RtpPacket in, int encodingIndex, boolean keyFrame, long nowMs) {
        if (!isActive()) {
            return;
        }
        if (syncRequired && kind == MediaKind.VIDEO && !keyFrame) {
            if (!keyFrameRequested) {
                keyFrameRequested = true;
                producer.requestKeyFrame(producer.mappedSsrc(0), nowMs);
            }
            return;
        }
        if (syncRequired) {
            sequence.sync(in.sequenceNumber());
            syncRequired = false;
            keyFrameRequested = false;
        }
        int len = in.copyTo(buffer, 0);
        if (len < 0 || !packet.wrap(buffer, 0, len)) {
            return;
        }
        packet.setSsrc(ssrc);
        packet.setSequenceNumber(sequence.rewrite(in.sequenceNumber()));
        len = OutgoingExtensions.apply(packet, extensionIdMap, mid);
        emit(len, nowMs);
    }

    @Override
    public void receiveKeyFrameRequest(long nowMs) {
        if (isActive() && kind == MediaKind.VIDEO) {
            producer.requestKeyFrame(producer.mappedSsrc(0), nowMs);
        }
    }

    @Override
    protected void onResync(long nowMs) {
        syncRequired = true;
        keyFrameRequested = false;
        if (kind == MediaKind.VIDEO) {
            keyFrameRequested = true;
            producer.requestKeyFrame(producer.mappedSsrc(0), nowMs);
        }
    }
}
