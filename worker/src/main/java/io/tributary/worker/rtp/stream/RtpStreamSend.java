package io.tributary.worker.rtp.stream;

import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;

/**
 * One stream a consumer sends (mediasoup's {@code RtpStreamSend}): keeps sent packets for
 * retransmission when NACK is negotiated, answers NACKs (over RTX when negotiated), takes the
 * receiver's reports for loss, RTT and score, writes its sender report and reports stats.
 *
 * <p>The owner drives it on its worker thread: {@link #receivePacket} per packet sent (after the
 * consumer's rewrites, before SRTP), {@link #receiveNack} per NACK for this SSRC,
 * {@link #receiveReceiverReport} per report block about it (this takes a score sample),
 * {@link #receiveKeyFrameRequest} per PLI/FIR, and {@link #addSenderReport} when building RTCP.
 * Resent packets go to the {@link Listener} in a buffer of the stream's own. Per-packet and
 * per-NACK calls do not allocate once the slot pool is warm. Times are the owner's clock in
 * milliseconds; the SR's NTP time is derived from it, as in {@link RtpStreamRecv}.
 */
public final class RtpStreamSend {

    public static final int INITIAL_SCORE = 10;
    public static final int RATE_WINDOW_MS = 2500;
    /** A packet resent less than an RTT ago is not resent again. */
    public static final int DEFAULT_RTT_MS = 100;

    /** Room after the largest stored packet: the RTX OSN, then growth for the transport (extensions, SRTP tag). */
    private static final int SCRATCH_SIZE = PacketSlotPool.SLOT_SIZE + 512;

    /** Resent packets and score changes. */
    public interface Listener {

        /**
         * Send this packet again (an RTX packet when RTX is negotiated). The view and its buffer
         * are reused after the call returns; the buffer has room to grow the packet in place.
         */
        void onRetransmitRtpPacket(RtpStreamSend stream, RtpPacket packet);

        void onScore(RtpStreamSend stream, int score, int previousScore);
    }

    private final RtpStreamParams params;
    private final Listener listener;
    private final int ssrc;
    private final int rtxSsrc;
    private final SequenceTracker tracker = new SequenceTracker();
    private final RtpRetransmissionBuffer buffer;
    private final RateCalculator rate = new RateCalculator(RATE_WINDOW_MS);
    private final RtpStreamScore score;
    private final RtpPacket stored = new RtpPacket();
    private final RtpPacket resend = new RtpPacket();
    private final byte[] scratch;
    private int rtxSequenceNumber;

    private long packetCount;
    private long byteCount;
    private long payloadBytes;
    private long packetsRetransmitted;
    private long packetsRepaired;
    private long nackCount;
    private long nackPacketCount;
    private long pliCount;
    private long firCount;
    private long packetsLost;
    private int fractionLost;
    private float rttMs;

    private long sentPriorScore;
    private long lostPriorScore;
    private long repairedPriorScore;
    private long retransmittedPriorScore;

    private long senderReportNtpMs;
    private long senderReportRtpTimestamp;

    /**
     * @param pool the worker's slot pool, used when {@code params.useNack()}
     * @param initialRtxSequenceNumber the RTX sequence number before the first resend (random, as RFC 3550 wants)
     */
    public RtpStreamSend(RtpStreamParams params, Listener listener, PacketSlotPool pool, int initialRtxSequenceNumber,
                         long nowMs) {
        this.params = params;
        this.listener = listener;
        this.ssrc = (int) params.ssrc();
        this.rtxSsrc = params.hasRtx() ? (int) (long) params.rtxSsrc() : 0;
        this.rtxSequenceNumber = initialRtxSequenceNumber & 0xFFFF;
        this.score = new RtpStreamScore(INITIAL_SCORE, nowMs);
        if (params.useNack()) {
            int maxDelay = params.kind() == MediaKind.VIDEO
                    ? RtpRetransmissionBuffer.MAX_DELAY_VIDEO_MS
                    : RtpRetransmissionBuffer.MAX_DELAY_AUDIO_MS;
            this.buffer = new RtpRetransmissionBuffer(RtpRetransmissionBuffer.DEFAULT_MAX_ITEMS, maxDelay,
                    params.clockRate(), pool);
            this.scratch = new byte[SCRATCH_SIZE];
        } else {
            this.buffer = null;
            this.scratch = null;
        }
    }

    /** Accounts a packet being sent and keeps a copy for NACKs; false when its sequence number is invalid. */
    public boolean receivePacket(RtpPacket packet, long nowMs) {
        int result = tracker.receive(packet.sequenceNumber(), packet.timestamp(), nowMs);
        if (result == SequenceTracker.DISCARDED) {
            return false;
        }
        if (buffer != null) {
            if (result == SequenceTracker.RESTARTED) {
                buffer.clear();
            }
            buffer.insert(packet);
        }
        packetCount++;
        byteCount += packet.length();
        payloadBytes += packet.payloadLength();
        rate.update(packet.length(), nowMs);
        return true;
    }

    /** A NACK for this stream: counts it and resends what every item asks for. */
    public void receiveNack(NackPacket nack, long nowMs) {
        nackCount++;
        for (int i = 0; i < nack.itemCount(); i++) {
            int blp = nack.lostBitmask(i);
            nackPacketCount += 1 + Integer.bitCount(blp);
            retransmit(nack.packetId(i), blp, nowMs);
        }
    }

    /**
     * Resends the packets of one NACK item (PID and the 16 following ones set in BLP) that are
     * still stored and were not resent within the last RTT; returns how many went out.
     */
    public int retransmit(int packetId, int lostBitmask, long nowMs) {
        if (buffer == null) {
            return 0;
        }
        long rtt = rttMs > 0 ? (long) rttMs : DEFAULT_RTT_MS;
        int sent = 0;
        int seq = packetId;
        boolean requested = true;
        int bitmask = lostBitmask & 0xFFFF;
        while (requested || bitmask != 0) {
            if (requested) {
                int item = buffer.find(seq & 0xFFFF);
                if (item >= 0 && (buffer.sentTimes(item) == 0 || nowMs - buffer.resentAtMs(item) > rtt)) {
                    resend(item, nowMs);
                    sent++;
                }
            }
            requested = (bitmask & 1) != 0;
            bitmask >>>= 1;
            seq++;
        }
        return sent;
    }

    /** A PLI ({@code fir} false) or FIR about this stream, for the stats; the consumer forwards the request. */
    public void receiveKeyFrameRequest(boolean fir) {
        if (fir) {
            firCount++;
        } else {
            pliCount++;
        }
    }

    /** A report block about this SSRC: loss, RTT from LSR/DLSR, and a score sample. */
    public void receiveReceiverReport(ReportBlock block, long nowMs) {
        rttMs = RoundTripTime.millis(nowMs, block.lastSenderReport(), block.delaySinceLastSenderReport());
        packetsLost = Math.max(0, block.cumulativeLost());
        fractionLost = block.fractionLost();
        updateScore(packetsLost, nowMs);
    }

    /**
     * Appends an SR for this stream to the writer (NTP from {@code nowMs}, RTP timestamp
     * extrapolated from the newest packet sent at the clock rate, payload octets); false before
     * the first packet or when there is no room. Add report blocks and the SDES CNAME after it.
     */
    public boolean addSenderReport(RtcpCompoundWriter writer, long nowMs) {
        if (packetCount == 0) {
            return false;
        }
        long elapsedMs = nowMs - tracker.maxTimestampMs();
        long rtpTimestamp = (tracker.maxTimestamp() + elapsedMs * params.clockRate() / 1000) & 0xFFFF_FFFFL;
        if (!writer.addSenderReport(ssrc, NtpTime.fromUnixMillis(nowMs), rtpTimestamp, packetCount & 0xFFFF_FFFFL,
                payloadBytes & 0xFFFF_FFFFL)) {
            return false;
        }
        senderReportNtpMs = nowMs;
        senderReportRtpTimestamp = rtpTimestamp;
        return true;
    }

    /** The consumer paused: stored packets are useless after the gap. */
    public void pause() {
        if (buffer != null) {
            buffer.clear();
        }
    }

    /** Sets the score without a sample (history cleared), notifying a change: a layer switch starts at 10. */
    public void resetScore(int newScore, long nowMs) {
        int previous = score.reset(newScore, nowMs);
        if (previous >= 0) {
            listener.onScore(this, newScore, previous);
        }
    }

    public RtpStreamSendStats getStats(long nowMs) {
        return new RtpStreamSendStats(nowMs, params.ssrc(), params.rtxSsrc(), params.rid(), params.kind(),
                params.mimeType(), packetsLost, fractionLost, tracker.discarded(), packetsRetransmitted, packetsRepaired,
                nackCount, nackPacketCount, pliCount, firCount, score.score(), rttMs, null, RtpStreamSendStats.TYPE,
                byteCount, packetCount, rate.rate(nowMs));
    }

    public RtpStreamDump dump() {
        return RtpStreamDump.of(params, score.score());
    }

    public RtpStreamParams params() {
        return params;
    }

    public int ssrc() {
        return ssrc;
    }

    public int rtxSsrc() {
        return rtxSsrc;
    }

    public int score() {
        return score.score();
    }

    public long activeSinceMs() {
        return score.activeSinceMs();
    }

    public long bitrate(long nowMs) {
        return rate.rate(nowMs);
    }

    /** Loss reported by the receiver in its last block, in 1/256 units (BWE weighs it). */
    public int fractionLost() {
        return fractionLost;
    }

    public float rttMs() {
        return rttMs;
    }

    /** Highest RTP timestamp sent and when. */
    public long maxPacketTimestamp() {
        return tracker.maxTimestamp();
    }

    public long maxPacketMs() {
        return tracker.maxTimestampMs();
    }

    /** The time and RTP timestamp of the last SR written (nowMs as given). */
    public long senderReportNtpMs() {
        return senderReportNtpMs;
    }

    public long senderReportRtpTimestamp() {
        return senderReportRtpTimestamp;
    }

    /** The retransmission buffer, or null without NACK. */
    RtpRetransmissionBuffer retransmissionBuffer() {
        return buffer;
    }

    private void resend(int item, long nowMs) {
        stored.wrap(buffer.data(item), 0, buffer.length(item));
        int length;
        if (rtxSsrc != 0) {
            rtxSequenceNumber = (rtxSequenceNumber + 1) & 0xFFFF;
            length = RtxCodec.encode(stored, scratch, 0, params.rtxPayloadType(), rtxSsrc, rtxSequenceNumber);
        } else {
            length = stored.copyTo(scratch, 0);
        }
        if (length < 0 || !resend.wrap(scratch, 0, length)) {
            return;
        }
        int times = buffer.markResent(item, nowMs);
        packetsRetransmitted++;
        if (times == 1) {
            packetsRepaired++;
        }
        listener.onRetransmitRtpPacket(this, resend);
    }

    /** A score sample from the interval since the previous report: packets sent against reported loss. */
    private void updateScore(long totalLost, long nowMs) {
        long sent = packetCount - sentPriorScore;
        sentPriorScore = packetCount;
        long lost = Math.max(0, totalLost - lostPriorScore);
        lostPriorScore = totalLost;
        long repaired = packetsRepaired - repairedPriorScore;
        repairedPriorScore = packetsRepaired;
        long retransmitted = packetsRetransmitted - retransmittedPriorScore;
        retransmittedPriorScore = packetsRetransmitted;
        int sample;
        if (sent <= 0) {
            sample = RtpStreamScore.MAX_SCORE;
        } else {
            lost = Math.min(lost, sent);
            repaired = Math.min(repaired, lost);
            sample = RtpStreamScore.sample(sent, lost, repaired, retransmitted);
        }
        int previous = score.addSample(sample, nowMs);
        if (previous >= 0) {
            listener.onScore(this, score.score(), previous);
        }
    }
}
