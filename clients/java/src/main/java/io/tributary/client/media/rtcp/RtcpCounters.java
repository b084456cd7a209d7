package io.tributary.client.media.rtcp;

import io.tributary.client.media.Waiters;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** Tallies of the RTCP received from the SFU, with waiting for conditions on them. Thread-safe. */
public final class RtcpCounters {

    /** PLI arrival times kept per SSRC. */
    private static final int MAX_PLI_TIMES = 1000;

    private final Waiters<RtcpStats> waiters = new Waiters<>();
    private long compounds;
    private long undecryptable;
    private long malformed;
    private long senderReports;
    private long receiverReports;
    private long reportBlocks;
    private long sdes;
    private long byes;
    private long nacks;
    private long nackedSequenceNumbers;
    private long plis;
    private long firs;
    private long rembs;
    private long lastRembBitrate = -1;
    private long transportCcFeedbacks;
    private long otherPackets;
    private final Map<Long, Long> nacksBySsrc = new HashMap<>();
    private final Map<Long, Long> plisBySsrc = new HashMap<>();
    private final Map<Long, Long> firsBySsrc = new HashMap<>();
    private final Map<Long, ArrayDeque<Long>> pliTimes = new HashMap<>();

    public synchronized RtcpStats snapshot() {
        Map<Long, List<Long>> times = new HashMap<>();
        pliTimes.forEach((ssrc, deque) -> times.put(ssrc, List.copyOf(deque)));
        return new RtcpStats(compounds, undecryptable, malformed, senderReports, receiverReports, reportBlocks, sdes,
                byes, nacks, nackedSequenceNumbers, plis, firs, rembs, lastRembBitrate, transportCcFeedbacks,
                otherPackets, Map.copyOf(nacksBySsrc), Map.copyOf(plisBySsrc), Map.copyOf(firsBySsrc),
                Map.copyOf(times));
    }

    public CompletableFuture<RtcpStats> await(Predicate<RtcpStats> condition) {
        return waiters.await(condition, this::snapshot);
    }

    /** Completes once {@code count} PLIs in total arrived for this media SSRC. */
    public CompletableFuture<RtcpStats> awaitPlis(long ssrc, long count) {
        return await(s -> s.plis(ssrc) >= count);
    }

    public CompletableFuture<RtcpStats> awaitNacks(long ssrc, long count) {
        return await(s -> s.nacks(ssrc) >= count);
    }

    /** Re-checks waiters; called once per compound after counting. */
    void changed() {
        waiters.check(this::snapshot);
    }

    /** Fails every pending await (the peer closed). */
    public void failWaiters(Throwable cause) {
        waiters.failAll(cause);
    }

    synchronized void compound() {
        compounds++;
    }

    synchronized void undecryptable() {
        undecryptable++;
    }

    synchronized void malformed() {
        malformed++;
    }

    synchronized void senderReport() {
        senderReports++;
    }

    synchronized void receiverReport(int blocks) {
        receiverReports++;
        reportBlocks += blocks;
    }

    synchronized void sdes() {
        sdes++;
    }

    synchronized void bye() {
        byes++;
    }

    synchronized void nack(long ssrc, int lostCount) {
        nacks++;
        nackedSequenceNumbers += lostCount;
        nacksBySsrc.merge(ssrc, 1L, Long::sum);
    }

    synchronized void pli(long ssrc, long arrivalMillis) {
        plis++;
        plisBySsrc.merge(ssrc, 1L, Long::sum);
        ArrayDeque<Long> times = pliTimes.computeIfAbsent(ssrc, key -> new ArrayDeque<>());
        if (times.size() == MAX_PLI_TIMES) {
            times.removeFirst();
        }
        times.addLast(arrivalMillis);
    }

    synchronized void fir(long ssrc) {
        firs++;
        firsBySsrc.merge(ssrc, 1L, Long::sum);
    }

    synchronized void remb(long bitrate) {
        rembs++;
        lastRembBitrate = bitrate;
    }

    synchronized void transportCc() {
        transportCcFeedbacks++;
    }

    synchronized void other() {
        otherPackets++;
    }
}
