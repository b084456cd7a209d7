package io.tributary.client.media.send;

import io.tributary.client.media.MediaClock;
import io.tributary.client.media.MediaOutput;
import io.tributary.client.media.PeerLoop;
import io.tributary.client.media.Waiters;
import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.AbsSendTime;
import io.tributary.worker.rtp.BigEndian;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One sent RTP stream (an SSRC, with its optional RTX SSRC): numbering, header extensions, the send
 * history that answers NACKs, fault injection and sender-report data. Packets are built and sent on
 * the peer's loop; control methods may be called from any thread.
 */
public final class OutboundStream {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HISTORY_CAPACITY = 1024;

    private final PeerLoop loop;
    private final MediaOutput output;
    private final int ssrc;
    private final int payloadType;
    private final int rtxSsrc;
    private final int rtxPayloadType;
    private final int clockRate;
    private final String rid;
    private final byte[] ridBytes;
    private final byte[] midBytes;
    private final HeaderExtensionIds ids;
    private final SendHistory history = new SendHistory(HISTORY_CAPACITY);
    private final RtpPacket packet = new RtpPacket();
    private final byte[] buf = new byte[MediaOutput.MAX_PACKET + MediaOutput.TAIL_ROOM];
    private final Set<Integer> dropSequenceNumbers = new HashSet<>();
    private final Waiters<OutboundStreamStats> waiters = new Waiters<>();

    private int nextSequenceNumber = RANDOM.nextInt(0x10000);
    private int nextRtxSequenceNumber = RANDOM.nextInt(0x10000);
    private int dropRemaining;
    private volatile boolean paused;
    private volatile boolean keyFrameRequested;

    // Statistics, guarded by this.
    private long packetsSent;
    private long payloadBytesSent;
    private long framesSent;
    private long keyFramesSent;
    private long packetsDropped;
    private long nacksReceived;
    private long nackedSequenceNumbers;
    private long retransmissions;
    private long rtxPackets;
    private long nackMisses;
    private long plisReceived;
    private long firsReceived;
    private long senderReportsSent;
    private int reportedFractionLost = -1;
    private int reportedCumulativeLost;
    private int lastSequenceNumber = -1;
    private long lastTimestamp = -1;
    private long lastTimestampMicros;
    private int lastFirSequenceNumber = -1;

    /**
     * @param rtxSsrc 0 for no RTX: NACKed packets are then resent as they were
     * @param rid     null without simulcast RIDs
     */
    OutboundStream(PeerLoop loop, MediaOutput output, long ssrc, int payloadType, long rtxSsrc, int rtxPayloadType,
                   int clockRate, String mid, String rid, HeaderExtensionIds ids) {
        this.loop = loop;
        this.output = output;
        this.ssrc = (int) ssrc;
        this.payloadType = payloadType;
        this.rtxSsrc = (int) rtxSsrc;
        this.rtxPayloadType = rtxPayloadType;
        this.clockRate = clockRate;
        this.rid = rid;
        this.ridBytes = rid == null ? null : rid.getBytes(StandardCharsets.US_ASCII);
        this.midBytes = mid == null ? null : mid.getBytes(StandardCharsets.US_ASCII);
        this.ids = ids;
    }

    public long ssrc() {
        return ssrc & 0xFFFF_FFFFL;
    }

    /** 0 without RTX. */
    public long rtxSsrc() {
        return rtxSsrc & 0xFFFF_FFFFL;
    }

    public String rid() {
        return rid;
    }

    public int payloadType() {
        return payloadType;
    }

    public synchronized OutboundStreamStats stats() {
        return new OutboundStreamStats(ssrc(), rid, packetsSent, payloadBytesSent, framesSent, keyFramesSent,
                packetsDropped, nacksReceived, nackedSequenceNumbers, retransmissions, rtxPackets, nackMisses,
                plisReceived, firsReceived, senderReportsSent, reportedFractionLost, reportedCumulativeLost,
                lastSequenceNumber, paused);
    }

    /** Completes with the first statistics satisfying the condition. */
    public CompletableFuture<OutboundStreamStats> await(Predicate<OutboundStreamStats> condition) {
        return waiters.await(condition, this::stats);
    }

    /** Fault injection: the next {@code count} media packets are numbered and kept in the history but not sent. */
    public void dropNext(int count) {
        loop.execute(() -> dropRemaining += count);
    }

    /** Fault injection: the packet that gets this sequence number is not sent (only its first transmission). */
    public void dropSequenceNumber(int sequenceNumber) {
        loop.execute(() -> dropSequenceNumbers.add(sequenceNumber & 0xFFFF));
    }

    /** Stops producing packets on this stream (timestamps keep advancing) until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** The next frame of this stream will be a key frame (video only). */
    public void requestKeyFrame() {
        keyFrameRequested = true;
    }

    /** Takes a pending key frame request (from the API, a PLI or a FIR). */
    boolean takeKeyFrameRequest() {
        if (!keyFrameRequested) {
            return false;
        }
        keyFrameRequested = false;
        return true;
    }

    /** Counts one generated frame (all its packets go through {@link #send}). */
    synchronized void countFrame(boolean keyFrame, long timestamp) {
        framesSent++;
        if (keyFrame) {
            keyFramesSent++;
        }
        lastTimestamp = timestamp;
        lastTimestampMicros = MediaClock.nowMicros();
    }

    /** Numbers, remembers and sends one media packet; call on the loop. */
    void send(long timestamp, boolean marker, byte[] payload) {
        int sequenceNumber = nextSequenceNumber;
        nextSequenceNumber = (nextSequenceNumber + 1) & 0xFFFF;
        history.put(new SendHistory.SentPacket(sequenceNumber, timestamp, marker, payload));
        boolean drop = dropRemaining > 0 || dropSequenceNumbers.remove(sequenceNumber);
        synchronized (this) {
            lastSequenceNumber = sequenceNumber;
            if (drop) {
                packetsDropped++;
            } else {
                packetsSent++;
                payloadBytesSent += payload.length;
            }
        }
        if (drop) {
            dropRemaining = Math.max(0, dropRemaining - 1);
        } else {
            int len = build(sequenceNumber, timestamp, marker, payload, ids.rid(), ridBytes);
            output.sendRtp(buf, len);
        }
        waiters.check(this::stats);
    }

    /** Answers a NACK for one sequence number: RTX when configured, else the same packet again. */
    void retransmit(int sequenceNumber) {
        SendHistory.SentPacket sent = history.get(sequenceNumber);
        synchronized (this) {
            nackedSequenceNumbers++;
            if (sent == null) {
                nackMisses++;
            } else {
                retransmissions++;
                if (rtxSsrc != 0) {
                    rtxPackets++;
                }
            }
        }
        if (sent == null) {
            return;
        }
        if (rtxSsrc == 0) {
            output.sendRtp(buf, build(sent.sequenceNumber(), sent.timestamp(), sent.marker(), sent.payload(), ids.rid(),
                    ridBytes));
            return;
        }
        // RTX names the encoding with repaired-rtp-stream-id, not rtp-stream-id (RFC 8852).
        int len = build(sent.sequenceNumber(), sent.timestamp(), sent.marker(), sent.payload(), ids.repairedRid(),
                ridBytes);
        packet.wrap(buf, 0, len);
        int rtxLen = RtxCodec.encode(packet, buf, 0, rtxPayloadType, rtxSsrc, nextRtxSequenceNumber);
        nextRtxSequenceNumber = (nextRtxSequenceNumber + 1) & 0xFFFF;
        if (rtxLen > 0) {
            output.sendRtp(buf, rtxLen);
        }
    }

    void failWaiters(Throwable cause) {
        waiters.failAll(cause);
    }

    synchronized void countNack() {
        nacksReceived++;
    }

    void onPli() {
        synchronized (this) {
            plisReceived++;
        }
        keyFrameRequested = true;
        waiters.check(this::stats);
    }

    /** RFC 5104: a repeated FIR sequence number is a retransmission of the same request. */
    void onFir(int firSequenceNumber) {
        boolean fresh;
        synchronized (this) {
            firsReceived++;
            fresh = firSequenceNumber != lastFirSequenceNumber;
            lastFirSequenceNumber = firSequenceNumber;
        }
        if (fresh) {
            keyFrameRequested = true;
        }
        waiters.check(this::stats);
    }

    synchronized void onReportBlock(int fractionLost, int cumulativeLost) {
        reportedFractionLost = fractionLost;
        reportedCumulativeLost = cumulativeLost;
    }

    /** Adds an SR for this stream if it has sent anything; the RTP time is extrapolated to now. */
    synchronized boolean addSenderReport(RtcpCompoundWriter writer, long nowMicros) {
        if (packetsSent == 0 || lastTimestamp < 0) {
            return false;
        }
        long rtpNow = (lastTimestamp + (nowMicros - lastTimestampMicros) * clockRate / 1_000_000L) & 0xFFFF_FFFFL;
        if (!writer.addSenderReport(ssrc, NtpTime.fromUnixMicros(nowMicros), rtpNow, packetsSent,
                payloadBytesSent)) {
            return false;
        }
        senderReportsSent++;
        return true;
    }

    /** Writes header, MID, RID-like extension, abs-send-time, transport-cc and the payload into {@link #buf}. */
    private int build(int sequenceNumber, long timestamp, boolean marker, byte[] payload, int ridId, byte[] ridValue) {
        RtpPacket.writeHeader(buf, 0, marker, payloadType, sequenceNumber, timestamp, ssrc);
        packet.wrap(buf, 0, RtpPacket.FIXED_HEADER_LENGTH);
        if (ids.mid() > 0 && midBytes != null) {
            System.arraycopy(midBytes, 0, buf, packet.addExtension(ids.mid(), midBytes.length), midBytes.length);
        }
        if (ridId > 0 && ridValue != null) {
            System.arraycopy(ridValue, 0, buf, packet.addExtension(ridId, ridValue.length), ridValue.length);
        }
        if (ids.absSendTime() > 0) {
            BigEndian.put24(buf, packet.addExtension(ids.absSendTime(), 3),
                    AbsSendTime.fromMicros(MediaClock.nowMicros()));
        }
        if (ids.transportWideCc() > 0) {
            BigEndian.put16(buf, packet.addExtension(ids.transportWideCc(), 2),
                    output.nextTransportWideSequenceNumber());
        }
        int headerEnd = packet.length();
        System.arraycopy(payload, 0, buf, headerEnd, payload.length);
        return headerEnd + payload.length;
    }
}
