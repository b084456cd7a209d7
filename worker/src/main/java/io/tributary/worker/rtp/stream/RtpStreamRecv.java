package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stream a producer receives (mediasoup's {@code RtpStreamRecv}): validates sequence numbers,
 * measures loss, jitter and bitrate per layer, recovers packets from RTX, asks for lost packets
 * and key frames, writes its receiver report block, scores itself and reports stats.
 *
 * <p>The owner drives it on its worker thread: {@link #receivePacket} or {@link #receiveRtxPacket}
 * per RTP packet of the stream's SSRC or RTX SSRC, {@link #receiveSenderReport} per SR (this
 * takes a score sample), {@link #addReceiverReportBlock} when building RTCP, and {@link #onTimer}
 * every {@link NackGenerator#TIMER_INTERVAL_MS}. Outgoing feedback goes to the {@link Listener}.
 * Per-packet calls do not allocate. Times are the owner's clock in milliseconds; NTP fields are
 * derived from it, so pass wall-clock time if peers should see real NTP time.
 */
public final class RtpStreamRecv {

    public static final int INITIAL_SCORE = 10;
    public static final int INACTIVITY_MS = 1500;
    public static final int INACTIVITY_DTX_MS = 5000;
    public static final int RATE_WINDOW_MS = 2500;
    public static final int RATE_WINDOW_DTX_MS = 6000;

    /** RTCP the stream wants sent, and score changes. Arrays passed in are reused. */
    public interface Listener {

        /** Send a NACK for {@code seqs[0, count)} (sender SSRC 0, media SSRC {@link #ssrc()}); split it to fit the MTU. */
        void onSendNack(RtpStreamRecv stream, int[] seqs, int count);

        /** Send a PLI with sender and media SSRC {@link #ssrc()} (gstreamer needs the sender set). */
        void onSendPli(RtpStreamRecv stream);

        /** Send a FIR for {@link #ssrc()} with this command sequence number. */
        void onSendFir(RtpStreamRecv stream, int sequenceNumber);

        void onScore(RtpStreamRecv stream, int score, int previousScore);
    }

    private final RtpStreamParams params;
    private final Listener listener;
    private final PacketInspector inspector;
    private final int ssrc;
    private final int rtxSsrc;
    private final boolean useInactivityCheck;
    private final int inactivityMs;

    private final SequenceTracker media = new SequenceTracker();
    private final SequenceTracker rtx = new SequenceTracker();
    private final ReceptionReport report = new ReceptionReport();
    private final ReceptionReport rtxReport = new ReceptionReport();
    private final NackGenerator nackGenerator;
    private final RtpStreamScore score;
    private final PacketInfo info = new PacketInfo();
    private final RateCalculator[] layerRates;

    private long packetCount;
    private long byteCount;
    /** Media packets (padding included) since the last restart, for loss. */
    private long received;
    private long rtxReceived;
    private long packetsRetransmitted;
    private long packetsRepaired;
    private long nackCount;
    private long nackPacketCount;
    private long pliCount;
    private long firCount;
    private int firSequenceNumber;

    private double jitter;
    private int lastTransit;
    private boolean jitterStarted;

    private long expectedPriorScore;
    private long receivedPriorScore;
    private long repairedPriorScore;
    private long retransmittedPriorScore;

    private boolean hasSenderReport;
    private long senderReportNtpMs;
    private long senderReportRtpTimestamp;
    private float rttMs;

    private boolean inactive;
    private boolean paused;
    private long lastActivityMs;

    /**
     * @param sendNackDelayMs how long a gap waits before its first NACK (producers use 10 ms)
     * @param useInactivityCheck drop the score to 0 after {@link #INACTIVITY_MS} without media
     *        (mediasoup does it for simulcast producers with more than one stream)
     */
    public RtpStreamRecv(RtpStreamParams params, Listener listener, PacketInspector inspector, int sendNackDelayMs,
                         boolean useInactivityCheck, long nowMs) {
        this.params = params;
        this.listener = listener;
        this.inspector = inspector;
        this.ssrc = (int) params.ssrc();
        this.rtxSsrc = params.hasRtx() ? (int) (long) params.rtxSsrc() : 0;
        this.useInactivityCheck = useInactivityCheck;
        this.inactivityMs = params.useDtx() ? INACTIVITY_DTX_MS : INACTIVITY_MS;
        this.nackGenerator = params.useNack() ? new NackGenerator(new NackListener(), sendNackDelayMs) : null;
        this.score = new RtpStreamScore(INITIAL_SCORE, nowMs);
        int window = params.useDtx() ? RATE_WINDOW_DTX_MS : RATE_WINDOW_MS;
        this.layerRates = new RateCalculator[params.spatialLayers() * params.temporalLayers()];
        for (int i = 0; i < layerRates.length; i++) {
            layerRates[i] = new RateCalculator(window);
        }
        this.lastActivityMs = nowMs;
    }

    /** Takes a media packet; false when its sequence number is invalid (the packet should be dropped). */
    public boolean receivePacket(RtpPacket packet, long nowMs) {
        int result = media.receive(packet.sequenceNumber(), packet.timestamp(), nowMs);
        if (result == SequenceTracker.DISCARDED) {
            return false;
        }
        if (result == SequenceTracker.RESTARTED) {
            restart();
        }
        inspect(packet);
        if (nackGenerator != null
                && nackGenerator.receivePacket(packet.sequenceNumber(), info.keyFrame(), false, nowMs)
                        == NackGenerator.RETRANSMITTED
                && !params.hasRtx()) {
            // Without RTX a NACKed packet comes back as itself.
            packetsRetransmitted++;
            packetsRepaired++;
        }
        updateJitter(packet.timestamp(), nowMs);
        received++;
        if (!packet.isPaddingOnly()) {
            count(packet, nowMs);
        }
        return true;
    }

    /**
     * Takes a packet of the RTX SSRC and decodes it in place: when this returns true,
     * {@code packet} views the recovered original (forward it like a media packet). False, and
     * the packet is to be dropped, for RTX without NACK, a wrong payload type, an invalid
     * sequence number, a padding-only probe, or a packet that was not missing (a duplicate).
     */
    public boolean receiveRtxPacket(RtpPacket packet, long nowMs) {
        if (nackGenerator == null || !params.hasRtx() || packet.payloadType() != params.rtxPayloadType()
                || rtx.receive(packet.sequenceNumber(), packet.timestamp(), nowMs) == SequenceTracker.DISCARDED) {
            return false;
        }
        rtxReceived++;
        byte[] buf = packet.buffer();
        int off = packet.offset();
        int length = RtxCodec.decode(packet, buf, off, params.payloadType(), ssrc);
        if (length < 0 || !packet.wrap(buf, off, length)) {
            return false;
        }
        int result = media.update(packet.sequenceNumber());
        if (result == SequenceTracker.DISCARDED) {
            return false;
        }
        if (result == SequenceTracker.RESTARTED) {
            restart();
        }
        inspect(packet);
        packetsRetransmitted++;
        // A hole not NACKed yet is filled too (mediasoup drops it): the sender chose to resend it.
        if (nackGenerator.receivePacket(packet.sequenceNumber(), info.keyFrame(), true, nowMs)
                == NackGenerator.NOT_MISSING) {
            return false;
        }
        if (!packet.isPaddingOnly()) {
            packetsRepaired++;
            count(packet, nowMs);
        }
        return true;
    }

    /** What the inspector found in the last packet (key frame, layers); read it after a true return. */
    public PacketInfo packetInfo() {
        return info;
    }

    /** Runs the NACK retries and the inactivity check. */
    public void onTimer(long nowMs) {
        if (nackGenerator != null) {
            nackGenerator.onTimer(nowMs);
        }
        if (useInactivityCheck && !paused && !inactive && nowMs - lastActivityMs >= inactivityMs) {
            inactive = true;
            resetScore(0, nowMs);
        }
    }

    /** An SR for this SSRC: remembers the NTP/RTP pair for LSR/DLSR and sync, then takes a score sample. */
    public void receiveSenderReport(long ntpTimestamp, long rtpTimestamp, long nowMs) {
        report.onSenderReport(ntpTimestamp, nowMs);
        hasSenderReport = true;
        senderReportNtpMs = NtpTime.toUnixMillis(ntpTimestamp);
        senderReportRtpTimestamp = rtpTimestamp;
        updateScore(nowMs);
    }

    /** An SR for the RTX SSRC: only for the RTX report block. */
    public void receiveRtxSenderReport(long ntpTimestamp, long nowMs) {
        rtxReport.onSenderReport(ntpTimestamp, nowMs);
    }

    /** An XR DLRR sub-block echoing our receiver reference time: gives the RTT, which paces NACK retries. */
    public void receiveXrDelaySinceLastRr(int lastRr, int delaySinceLastRr, long nowMs) {
        rttMs = RoundTripTime.millis(nowMs, lastRr, delaySinceLastRr);
        if (nackGenerator != null) {
            nackGenerator.updateRtt((long) rttMs);
        }
    }

    /**
     * Appends this stream's report block to the RR (or SR) the writer is building, closing a loss
     * interval; false when nothing was received yet or there is no room. For in-band FEC streams
     * {@code worstRemoteFractionLost} (the worst loss among consumers, 1/256 units) is reported
     * when it is higher than the local loss; pass 0 otherwise.
     */
    public boolean addReceiverReportBlock(RtcpCompoundWriter writer, int worstRemoteFractionLost, long nowMs) {
        if (!media.started() || writer.reportBlockRoom() == 0) {
            return false;
        }
        report.update(media.expected(), received, params.useInBandFec() ? worstRemoteFractionLost : 0);
        return writer.addReportBlock(ssrc, report.reportedFractionLost(), clampLost(report.reportedLost()),
                media.extendedMax() & 0xFFFF_FFFFL, (long) jitter, report.lastSenderReport(),
                report.delaySinceLastSenderReport(nowMs));
    }

    /** The report block of the RTX SSRC (no jitter); false before any RTX packet or without room. */
    public boolean addRtxReceiverReportBlock(RtcpCompoundWriter writer, long nowMs) {
        if (!rtx.started() || writer.reportBlockRoom() == 0) {
            return false;
        }
        rtxReport.update(rtx.expected(), rtxReceived, 0);
        return writer.addReportBlock(rtxSsrc, rtxReport.reportedFractionLost(), clampLost(rtxReport.reportedLost()),
                rtx.extendedMax() & 0xFFFF_FFFFL, 0, rtxReport.lastSenderReport(),
                rtxReport.delaySinceLastSenderReport(nowMs));
    }

    /** Asks the sender for a key frame: PLI when negotiated, else FIR, else nothing. */
    public void requestKeyFrame() {
        if (params.usePli()) {
            pliCount++;
            listener.onSendPli(this);
        } else if (params.useFir()) {
            firSequenceNumber = (firSequenceNumber + 1) & 0xFF;
            firCount++;
            listener.onSendFir(this, firSequenceNumber);
        }
    }

    /** The producer paused: stop the inactivity check, forget pending NACKs and the jitter state. */
    public void pause() {
        paused = true;
        if (nackGenerator != null) {
            nackGenerator.reset();
        }
        jitter = 0;
        jitterStarted = false;
    }

    public void resume(long nowMs) {
        paused = false;
        if (!inactive) {
            lastActivityMs = nowMs;
        }
    }

    /** Sets the score without a sample (history cleared), notifying a change. */
    public void resetScore(int newScore, long nowMs) {
        int previous = score.reset(newScore, nowMs);
        if (previous >= 0) {
            listener.onScore(this, newScore, previous);
        }
    }

    /** Stats now; packetsLost and fractionLost are those of the last report block built, as in mediasoup. */
    public RtpStreamRecvStats getStats(long nowMs) {
        Map<String, Long> byLayer = new LinkedHashMap<>();
        if (params.spatialLayers() > 1 || params.temporalLayers() > 1) {
            for (int s = 0; s < params.spatialLayers(); s++) {
                for (int t = 0; t < params.temporalLayers(); t++) {
                    byLayer.put(s + "." + t, bitrate(nowMs, s, t));
                }
            }
        }
        long rtxDiscarded = rtx.discarded();
        return new RtpStreamRecvStats(nowMs, params.ssrc(), params.rtxSsrc(), params.rid(), params.kind(),
                params.mimeType(), report.packetsLost(), report.fractionLost(), media.discarded(),
                packetsRetransmitted, packetsRepaired, nackCount, nackPacketCount, pliCount, firCount, score.score(),
                rttMs, rtxDiscarded > 0 ? rtxDiscarded : null, RtpStreamRecvStats.TYPE, (long) jitter, byteCount,
                packetCount, bitrate(nowMs), byLayer);
    }

    public RtpStreamDump dump() {
        return RtpStreamDump.of(params, score.score());
    }

    /** Bits per second over all layers. */
    public long bitrate(long nowMs) {
        long sum = 0;
        for (RateCalculator rate : layerRates) {
            sum += rate.rate(nowMs);
        }
        return sum;
    }

    /**
     * Bits per second needed to receive up to this layer: every lower spatial layer, plus this
     * one up to {@code temporalLayer}; 0 when that exact layer is not being received.
     */
    public long bitrate(long nowMs, int spatialLayer, int temporalLayer) {
        if (layerBitrate(nowMs, spatialLayer, temporalLayer) == 0) {
            return 0;
        }
        long sum = 0;
        for (int s = 0; s < spatialLayer; s++) {
            sum += spatialLayerBitrate(nowMs, s);
        }
        for (int t = 0; t <= temporalLayer; t++) {
            sum += layerBitrate(nowMs, spatialLayer, t);
        }
        return sum;
    }

    /** Bits per second of one spatial layer, all its temporal layers. */
    public long spatialLayerBitrate(long nowMs, int spatialLayer) {
        long sum = 0;
        for (int t = 0; t < params.temporalLayers(); t++) {
            sum += layerBitrate(nowMs, spatialLayer, t);
        }
        return sum;
    }

    /** Bits per second of exactly this layer. */
    public long layerBitrate(long nowMs, int spatialLayer, int temporalLayer) {
        return layerRates[spatialLayer * params.temporalLayers() + temporalLayer].rate(nowMs);
    }

    public RtpStreamParams params() {
        return params;
    }

    public int ssrc() {
        return ssrc;
    }

    /** The RTX SSRC, 0 without RTX. */
    public int rtxSsrc() {
        return rtxSsrc;
    }

    public int score() {
        return score.score();
    }

    /** When the score last rose from 0 (or the stream was created). */
    public long activeSinceMs() {
        return score.activeSinceMs();
    }

    public boolean isInactive() {
        return inactive;
    }

    /** Highest RTP timestamp received and when it arrived (timestamp extrapolation). */
    public long maxPacketTimestamp() {
        return media.maxTimestamp();
    }

    public long maxPacketMs() {
        return media.maxTimestampMs();
    }

    /** Whether an SR arrived, which makes the stream's NTP/RTP mapping known. */
    public boolean hasSenderReport() {
        return hasSenderReport;
    }

    /** NTP time of the last SR, as Unix milliseconds. */
    public long senderReportNtpMs() {
        return senderReportNtpMs;
    }

    public long senderReportRtpTimestamp() {
        return senderReportRtpTimestamp;
    }

    /** Loss of the last report interval in 1/256 units. */
    public int fractionLost() {
        return report.fractionLost();
    }

    public float rttMs() {
        return rttMs;
    }

    private void inspect(RtpPacket packet) {
        info.clear();
        if (packet.payloadType() == params.payloadType()) {
            inspector.inspect(packet, info);
        }
    }

    private void count(RtpPacket packet, long nowMs) {
        packetCount++;
        byteCount += packet.length();
        int s = Math.min(info.spatialLayer(), params.spatialLayers() - 1);
        int t = Math.min(info.temporalLayer(), params.temporalLayers() - 1);
        layerRates[s * params.temporalLayers() + t].update(packet.length(), nowMs);
        lastActivityMs = nowMs;
        if (inactive) {
            inactive = false;
            resetScore(INITIAL_SCORE, nowMs);
        }
    }

    /** Interarrival jitter (RFC 3550 appendix A.8), arrival time taken in clock-rate units. */
    private void updateJitter(long rtpTimestamp, long nowMs) {
        int clockRate = params.clockRate();
        if (clockRate == 0) {
            return;
        }
        int transit = (int) (nowMs * clockRate / 1000 - rtpTimestamp);
        if (!jitterStarted) {
            jitterStarted = true;
            lastTransit = transit;
            return;
        }
        int d = Math.abs(transit - lastTransit);
        lastTransit = transit;
        jitter += (d - jitter) / 16;
    }

    /** A score sample from the interval since the previous SR. */
    private void updateScore(long nowMs) {
        long totalExpected = media.expected();
        long expected = totalExpected - expectedPriorScore;
        expectedPriorScore = totalExpected;
        long receivedInterval = received - receivedPriorScore;
        receivedPriorScore = received;
        long repaired = packetsRepaired - repairedPriorScore;
        repairedPriorScore = packetsRepaired;
        long retransmitted = packetsRetransmitted - retransmittedPriorScore;
        retransmittedPriorScore = packetsRetransmitted;
        if (inactive) {
            return;
        }
        int sample;
        if (expected <= 0) {
            sample = RtpStreamScore.MAX_SCORE;
        } else if (receivedInterval <= 0) {
            sample = 0;
        } else {
            long lost = Math.min(Math.max(0, expected - receivedInterval), receivedInterval);
            if (repaired > lost) {
                if (params.hasRtx()) {
                    repaired = lost;
                } else {
                    lost = repaired;
                }
            }
            sample = RtpStreamScore.sample(receivedInterval, lost, repaired, Math.max(retransmitted, repaired));
        }
        int previous = score.addSample(sample, nowMs);
        if (previous >= 0) {
            listener.onScore(this, score.score(), previous);
        }
    }

    private void restart() {
        received = 0;
        report.restart();
        expectedPriorScore = 0;
        receivedPriorScore = 0;
    }

    private static int clampLost(long lost) {
        return (int) Math.min(Integer.MAX_VALUE, lost);
    }

    /** Counts and forwards what the NACK generator asks. */
    private final class NackListener implements NackGenerator.Listener {
        @Override
        public void onNackRequired(int[] seqs, int count) {
            nackCount++;
            nackPacketCount += count;
            listener.onSendNack(RtpStreamRecv.this, seqs, count);
        }

        @Override
        public void onKeyFrameRequired() {
            requestKeyFrame();
        }
    }
}
