package io.tributary.worker.consumer;

import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerScore;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.PacketSlotPool;
import io.tributary.worker.rtp.stream.SeqManager;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * mediasoup's PipeConsumer: forwards every encoding of the producer untouched but for its own SSRC
 * ({@code encodings[i].ssrc}) and a continuous sequence number space per stream, toward another router
 * or SFU that does its own layer selection. It has no MID and plays no BWE game; its score is fixed.
 * After a pause each video stream restarts at its next key frame, so the far side never decodes across
 * the gap.
 */
public final class PipeConsumer extends Consumer {

    /** mediasoup's score of a pipe consumer: the far side rates the streams itself. */
    private static final int FIXED_SCORE = 10;

    private final int[] ssrcs;
    private final SeqManager[] sequences;
    private final boolean[] syncRequired;
    /** Video codecs whose key frames the producer detects; others cannot wait for one. */
    private final boolean waitsForKeyFrame;

    public PipeConsumer(String id, Producer producer, RtpParameters rtpParameters, boolean paused, PacketSlotPool pool,
                        Output output, Map<String, Object> appData) {
        super(id, producer, rtpParameters, ConsumerType.PIPE, paused, pool, output, appData);
        int streams = rtpParameters.encodingsOrEmpty().size();
        this.ssrcs = new int[streams];
        this.sequences = new SeqManager[streams];
        this.syncRequired = new boolean[streams];
        for (int i = 0; i < streams; i++) {
            ssrcs[i] = rtpParameters.encodingsOrEmpty().get(i).ssrc().intValue();
            // Starts between 1000 and 32767, as mediasoup (a libsrtp issue with low initial numbers).
            sequences[i] = SeqManager.forSequenceNumbers(ThreadLocalRandom.current().nextInt(1000, 0x8000));
        }
        String mimeType = rtpParameters.codecsOrEmpty().get(0).mimeType().toLowerCase(Locale.ROOT);
        this.waitsForKeyFrame = kind == MediaKind.VIDEO
                && List.of("video/vp8", "video/vp9", "video/h264", "video/h264-svc").contains(mimeType);
    }

    @Override
    public ConsumerScore score() {
        Integer[] scores = new Integer[ssrcs.length];
        Arrays.fill(scores, 0);
        for (ProducerScore stream : producer.score()) {
            if (stream.encodingIdx() < scores.length) {
                scores[stream.encodingIdx()] = stream.score();
            }
        }
        return new ConsumerScore(FIXED_SCORE, FIXED_SCORE, List.of(scores));
    }

    @Override
    public void sendRtp(RtpPacket in, int encodingIndex, boolean keyFrame, long nowMs) {
        if (!isActive() || encodingIndex >= ssrcs.length) {
            return;
        }
        SeqManager sequence = sequences[encodingIndex];
        if (syncRequired[encodingIndex] && waitsForKeyFrame && !keyFrame) {
            return;
        }
        if (in.isPaddingOnly()) {
            sequence.drop(in.sequenceNumber());
            return;
        }
        if (syncRequired[encodingIndex]) {
            sequence.sync(in.sequenceNumber() - 1);
            syncRequired[encodingIndex] = false;
        }
        int seq = sequence.input(in.sequenceNumber());
        int len = seq < 0 ? -1 : in.copyTo(buffer, 0);
        if (len < 0 || !packet.wrap(buffer, 0, len)) {
            return;
        }
        packet.setSsrc(ssrcs[encodingIndex]);
        packet.setSequenceNumber(seq);
        emit(encodingIndex, OutgoingExtensions.apply(packet, extensionIdMap, null), nowMs);
    }

    /** As mediasoup, a key frame request for any stream asks the producer for all of them. */
    @Override
    public void receiveKeyFrameRequest(long nowMs) {
        if (isActive()) {
            requestKeyFrames(nowMs);
        }
    }

    @Override
    protected void onResync(long nowMs) {
        Arrays.fill(syncRequired, true);
        requestKeyFrames(nowMs);
    }

    private void requestKeyFrames(long nowMs) {
        if (kind != MediaKind.VIDEO) {
            return;
        }
        for (int i = 0; i < ssrcs.length; i++) {
            producer.requestKeyFrame(producer.mappedSsrc(i), nowMs);
        }
    }

    /** mediasoup reports only the pipe's own outbound streams. */
    @Override
    public List<Object> getStats(long nowMs) {
        return sendStats(nowMs);
    }

    @Override
    protected void dumpStreams(Map<String, Object> dump) {
        dump.put("rtpStreams", streamDumps());
    }

    /** The score is fixed, so the send streams' scores are not reported. */
    @Override
    protected void onSendScore() {
    }
}
