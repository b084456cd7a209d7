package io.tributary.client.media.receive;

import io.tributary.client.media.SyntheticPayload;
import io.tributary.client.media.Waiters;
import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.SerialUnwrapper;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Receive statistics of one SSRC: sequence accounting (loss, gaps, duplicates, reordering), codec
 * observations (key frames, VP8 PictureID continuity, temporal layers), synthetic body checks and
 * latency, and the data of its RTCP report block. Packets are fed on the peer's loop; statistics
 * and waiting work from any thread.
 */
public final class ReceivedStream {

    /** Sequence numbers remembered for duplicate detection. */
    private static final int WINDOW = 4096;
    /** Missing sequence numbers remembered for recovery accounting. */
    private static final int MAX_MISSING = 1024;
    /** At most this many sequence numbers go into one automatic NACK (the newest of a long gap). */
    private static final int MAX_NACK = 256;

    private final long ssrc;
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
    private final SerialUnwrapper sequence = SerialUnwrapper.forSequenceNumbers();
    private final boolean[] seen = new boolean[WINDOW];
    private final TreeSet<Long> missing = new TreeSet<>();
    private final Waiters<ReceivedStreamStats> waiters = new Waiters<>();
    private volatile MediaCodec codec;
    private volatile Consumer<ReceivedPacket> listener;
    private volatile boolean autoNack;

    // Statistics, guarded by this.
    private long packets;
    private long uniquePackets;
    private long payloadBytes;
    private long rtxPackets;
    private long duplicates;
    private long outOfOrder;
    private long gapsDetected;
    private long recovered;
    private long firstSequence = -1;
    private long highestSequence = -1;
    /** The highest sequence number before the last packet that moved it forward. */
    private long previousHighest = -1;
    private long firstArrivalMicros;
    private long lastArrivalMicros;
    private long firstTimestamp = -1;
    private long lastTimestamp = -1;
    private int lastPayloadType = -1;
    private long keyFrames;
    private long frames;
    private long pictureIdJumps;
    private int lastPictureId = -1;
    private int temporalLayers;
    private int keyFrameWidth = -1;
    private int keyFrameHeight = -1;
    private long intact;
    private long corrupt;
    private long unverified;
    private int streamTag;
    private long latencySamples;
    private long latencySum;
    private long latencyMin = Long.MAX_VALUE;
    private long latencyMax;
    private double jitter;
    private long lastTransit = Long.MIN_VALUE;
    private long senderReports;
    private int lastSenderReportCompact;
    private long lastSenderReportArrivalMicros;
    private long expectedPrior;
    private long receivedPrior;

    ReceivedStream(long ssrc, MediaCodec codec) {
        this.ssrc = ssrc;
        this.codec = codec;
    }

    public long ssrc() {
        return ssrc;
    }

    public MediaCodec codec() {
        return codec;
    }

    void setCodec(MediaCodec codec) {
        this.codec = codec;
    }

    /** Sends a NACK toward the SFU as soon as a gap shows up (once per missing packet). */
    public void setAutoNack(boolean enabled) {
        this.autoNack = enabled;
    }

    /** A hook called on the peer's loop for every packet of this stream (after the statistics). */
    public void onPacket(Consumer<ReceivedPacket> hook) {
        this.listener = hook;
    }

    public synchronized ReceivedStreamStats stats() {
        boolean any = firstSequence >= 0;
        ReceivedStreamStats.Latency latency = latencySamples == 0 ? ReceivedStreamStats.Latency.NONE
                : new ReceivedStreamStats.Latency(latencySamples, latencyMin, latencySum / latencySamples, latencyMax);
        return new ReceivedStreamStats(ssrc, codec, packets, uniquePackets, payloadBytes, rtxPackets, duplicates,
                outOfOrder, gapsDetected, recovered, any ? expected() - uniquePackets : 0, firstSequence,
                highestSequence, firstArrivalMicros, lastArrivalMicros, firstTimestamp, lastTimestamp, lastPayloadType,
                keyFrames, frames, pictureIdJumps, lastPictureId, temporalLayers, keyFrameWidth, keyFrameHeight,
                intact, corrupt, unverified, streamTag, latency, jitter, senderReports);
    }

    /** Sequence numbers (16-bit) seen missing and not yet arrived, oldest first. */
    public synchronized int[] missingSequenceNumbers() {
        return missing.stream().mapToInt(ext -> (int) (ext & 0xFFFF)).toArray();
    }

    /** Completes with the first statistics satisfying the condition. */
    public CompletableFuture<ReceivedStreamStats> await(Predicate<ReceivedStreamStats> condition) {
        return waiters.await(condition, this::stats);
    }

    public CompletableFuture<ReceivedStreamStats> firstPacket() {
        return await(s -> s.packets() > 0);
    }

    public CompletableFuture<ReceivedStreamStats> awaitPackets(long count) {
        return await(s -> s.uniquePackets() >= count);
    }

    public CompletableFuture<ReceivedStreamStats> awaitKeyFrames(long count) {
        return await(s -> s.keyFrames() >= count);
    }

    void failWaiters(Throwable cause) {
        waiters.failAll(cause);
    }

    /**
     * Accounts one packet (already decrypted, RTX already unwrapped); call on the loop.
     * Returns the sequence numbers to NACK now, or null.
     */
    int[] onPacket(RtpPacket packet, boolean viaRtx, long arrivalMicros) {
        PayloadView view = inspect(packet);
        int[] toNack;
        boolean duplicate;
        synchronized (this) {
            long ext = sequence.unwrap(packet.sequenceNumber());
            packets++;
            payloadBytes += packet.payloadLength();
            if (viaRtx) {
                rtxPackets++;
            }
            lastArrivalMicros = arrivalMicros;
            if (firstSequence < 0) {
                firstArrivalMicros = arrivalMicros;
            }
            Order order = order(ext);
            duplicate = order == Order.DUPLICATE;
            toNack = order == Order.AHEAD_WITH_GAP && autoNack ? gapBefore(ext) : null;
            if (!duplicate) {
                account(packet, view, order != Order.LATE, viaRtx, arrivalMicros);
            }
        }
        Consumer<ReceivedPacket> hook = listener;
        if (hook != null) {
            hook.accept(new ReceivedPacket(ssrc, packet.sequenceNumber(), packet.timestamp(), packet.marker(),
                    packet.payloadType(), packet.payloadLength(), arrivalMicros, view.sendMicros, view.keyFrame,
                    viaRtx, duplicate, view.verdict));
        }
        waiters.check(this::stats);
        return toNack;
    }

    synchronized void onSenderReport(long ntpTimestamp, long arrivalMicros) {
        senderReports++;
        lastSenderReportCompact = NtpTime.compact(ntpTimestamp);
        lastSenderReportArrivalMicros = arrivalMicros;
    }

    /** Adds this stream's report block (RFC 3550 §6.4.1); false before any packet or without room. */
    synchronized boolean addReportBlock(RtcpCompoundWriter writer, long nowMicros) {
        if (firstSequence < 0) {
            return false;
        }
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (uniquePackets - receivedPrior);
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        int delay = lastSenderReportArrivalMicros == 0 ? 0
                : (int) ((nowMicros - lastSenderReportArrivalMicros) * 65536L / 1_000_000L);
        if (!writer.addReportBlock((int) ssrc, Math.min(fraction, 255), (int) (expected - uniquePackets),
                highestSequence & 0xFFFF_FFFFL, (long) jitter, lastSenderReportCompact, delay)) {
            return false;
        }
        expectedPrior = expected;
        receivedPrior = uniquePackets;
        return true;
    }

    private enum Order { FIRST, AHEAD, AHEAD_WITH_GAP, LATE, DUPLICATE }

    /** Sequence bookkeeping under the lock: window, gaps, missing set, reordering. */
    private Order order(long ext) {
        if (firstSequence < 0) {
            firstSequence = ext;
            highestSequence = ext;
            markSeen(ext);
            uniquePackets++;
            return Order.FIRST;
        }
        if (ext > highestSequence) {
            long gap = ext - highestSequence - 1;
            for (long s = Math.max(highestSequence + 1, ext - WINDOW + 1); s <= ext; s++) {
                seen[(int) (s & (WINDOW - 1))] = false;
            }
            for (long s = Math.max(highestSequence + 1, ext - MAX_MISSING); s < ext; s++) {
                missing.add(s);
            }
            while (missing.size() > MAX_MISSING) {
                missing.pollFirst();
            }
            gapsDetected += gap;
            previousHighest = highestSequence;
            highestSequence = ext;
            markSeen(ext);
            uniquePackets++;
            return gap > 0 ? Order.AHEAD_WITH_GAP : Order.AHEAD;
        }
        boolean inWindow = highestSequence - ext < WINDOW;
        if (inWindow && seen[(int) (ext & (WINDOW - 1))]) {
            duplicates++;
            return Order.DUPLICATE;
        }
        if (inWindow) {
            markSeen(ext);
        }
        if (ext < firstSequence) {
            firstSequence = ext;
        }
        if (missing.remove(ext)) {
            recovered++;
        }
        outOfOrder++;
        uniquePackets++;
        return Order.LATE;
    }

    /** The gap that {@code ext} just opened (it is the new highest), newest {@link #MAX_NACK} at most. */
    private int[] gapBefore(long ext) {
        return missing.subSet(ext - MAX_NACK, ext).stream()
                .filter(s -> s > previousHighest)
                .mapToInt(s -> (int) (s & 0xFFFF))
                .toArray();
    }

    private void markSeen(long ext) {
        seen[(int) (ext & (WINDOW - 1))] = true;
    }

    private long expected() {
        return highestSequence - firstSequence + 1;
    }

    /** Everything but sequence numbers, for a packet that is not a duplicate. */
    private void account(RtpPacket packet, PayloadView view, boolean inOrder, boolean viaRtx, long arrivalMicros) {
        lastPayloadType = packet.payloadType();
        if (firstTimestamp < 0) {
            firstTimestamp = packet.timestamp();
        }
        if (packet.marker()) {
            frames++;
        }
        if (view.keyFrame) {
            keyFrames++;
            if (view.width > 0) {
                keyFrameWidth = view.width;
                keyFrameHeight = view.height;
            }
        }
        if (view.temporalId >= 0) {
            temporalLayers |= 1 << view.temporalId;
        }
        trackPictureId(view.pictureId);
        switch (view.verdict) {
            case INTACT -> {
                intact++;
                streamTag = view.streamTag;
            }
            case CORRUPT -> corrupt++;
            case ABSENT -> unverified++;
        }
        if (view.verdict == SyntheticPayload.Verdict.INTACT && view.inconsistent) {
            corrupt++;
        }
        if (inOrder && !viaRtx) {
            lastTimestamp = packet.timestamp();
            if (view.sendMicros > 0) {
                long delay = Math.max(0, arrivalMicros - view.sendMicros);
                latencySamples++;
                latencySum += delay;
                latencyMin = Math.min(latencyMin, delay);
                latencyMax = Math.max(latencyMax, delay);
            }
            updateJitter(packet.timestamp(), arrivalMicros);
        }
    }

    /** A PictureID moving forward by more than one means frames were skipped (or not rewritten by the SFU). */
    private void trackPictureId(int pictureId) {
        if (pictureId < 0) {
            return;
        }
        if (lastPictureId < 0) {
            lastPictureId = pictureId;
            return;
        }
        int diff = (pictureId - lastPictureId) & 0x7FFF;
        if (diff == 0 || diff >= 0x4000) {
            return;
        }
        if (diff != 1) {
            pictureIdJumps++;
        }
        lastPictureId = pictureId;
    }

    /** RFC 3550 §A.8, with arrival time converted to the stream's clock. */
    private void updateJitter(long rtpTimestamp, long arrivalMicros) {
        long arrival = arrivalMicros * codec.clockRate() / 1_000_000L;
        long transit = arrival - rtpTimestamp;
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs((int) (transit - lastTransit));
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
    }

    /** What the codec header and the synthetic body of one packet say. */
    private static final class PayloadView {
        SyntheticPayload.Verdict verdict = SyntheticPayload.Verdict.ABSENT;
        boolean keyFrame;
        boolean inconsistent;
        int pictureId = -1;
        int temporalId = -1;
        int width = -1;
        int height = -1;
        int streamTag;
        long sendMicros = -1;
    }

    /** Reads the codec header and checks the synthetic body; loop-confined (uses the VP8 view). */
    private PayloadView inspect(RtpPacket packet) {
        PayloadView view = new PayloadView();
        byte[] buf = packet.buffer();
        int start = packet.payloadOffset();
        int end = start + packet.payloadLength();
        int body;
        switch (codec) {
            case OPUS -> body = start + 1;
            case VP8 -> {
                if (!vp8.wrap(buf, start, end - start)) {
                    return view;
                }
                view.keyFrame = vp8.isKeyFrame();
                view.pictureId = vp8.pictureId();
                view.temporalId = vp8.temporalId();
                body = vp8.payloadOffset();
                if (vp8.startOfFrame()) {
                    view.width = vp8.keyFrameWidth();
                    view.height = vp8.keyFrameHeight();
                    body += view.keyFrame ? 10 : 3;
                }
            }
            default -> body = start;
        }
        if (body >= end) {
            return view;
        }
        view.verdict = SyntheticPayload.verify(buf, body, end - body);
        if (view.verdict == SyntheticPayload.Verdict.INTACT) {
            view.streamTag = SyntheticPayload.streamTag(buf, body);
            view.sendMicros = SyntheticPayload.sendMicros(buf, body);
            view.inconsistent = codec == MediaCodec.VP8 && contradicts(packet, buf, body);
        }
        return view;
    }

    /** The VP8 header and RTP marker must agree with what the body says about its frame. */
    private boolean contradicts(RtpPacket packet, byte[] buf, int body) {
        boolean bodyKey = (SyntheticPayload.flags(buf, body) & SyntheticPayload.FLAG_KEY_FRAME) != 0;
        int index = SyntheticPayload.packetIndex(buf, body);
        boolean last = index == SyntheticPayload.packetCount(buf, body) - 1;
        boolean firstMatches = vp8.startOfFrame() == (index == 0);
        boolean keyMatches = !vp8.startOfFrame() || vp8.isKeyFrame() == bodyKey;
        return !firstMatches || !keyMatches || packet.marker() != last;
    }
}
