package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtcp.NtpTime;

/**
 * What a receiver tells the sender about one SSRC in its report blocks (RFC 3550 section 6.4.1
 * and appendix A.3): cumulative and interval loss, and LSR/DLSR from the last SR received.
 * The interval counters move only when a block is built, so the figures are per report.
 */
final class ReceptionReport {

    private long expectedPrior;
    private long receivedPrior;
    private long packetsLost;
    private long reportedLost;
    private int fractionLost;
    private int reportedFractionLost;
    private boolean hasSenderReport;
    private int lastSrCompact;
    private long lastSrReceivedMs;

    /**
     * Closes a report interval. A {@code worstRemoteFractionLost} above the local one (the worst
     * loss among the consumers of an in-band FEC stream) is reported instead, so the sender adds
     * enough redundancy for them.
     */
    void update(long expected, long received, int worstRemoteFractionLost) {
        long previousLost = packetsLost;
        packetsLost = Math.max(0, expected - received);
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        fractionLost = expectedInterval <= 0 || lostInterval <= 0
                ? 0
                : (int) Math.min(255, Math.round((double) (lostInterval << 8) / expectedInterval));
        if (worstRemoteFractionLost <= fractionLost) {
            reportedLost += packetsLost - previousLost;
            reportedFractionLost = fractionLost;
        } else {
            reportedLost += (worstRemoteFractionLost * Math.max(0, expectedInterval)) >> 8;
            reportedFractionLost = worstRemoteFractionLost;
        }
    }

    /** Starts counting afresh after the source restarted its sequence numbers. */
    void restart() {
        expectedPrior = 0;
        receivedPrior = 0;
        packetsLost = 0;
    }

    void onSenderReport(long ntpTimestamp, long nowMs) {
        hasSenderReport = true;
        lastSrCompact = NtpTime.compact(ntpTimestamp);
        lastSrReceivedMs = nowMs;
    }

    /** Locally measured cumulative loss (never negative). */
    long packetsLost() {
        return packetsLost;
    }

    /** Locally measured loss of the last interval, in 1/256 units. */
    int fractionLost() {
        return fractionLost;
    }

    /** Cumulative loss as put in the report blocks. */
    long reportedLost() {
        return reportedLost;
    }

    int reportedFractionLost() {
        return reportedFractionLost;
    }

    /** LSR: middle 32 bits of the last SR's NTP timestamp, 0 before any. */
    int lastSenderReport() {
        return hasSenderReport ? lastSrCompact : 0;
    }

    /** DLSR in 1/65536 s, 0 before any SR. */
    int delaySinceLastSenderReport(long nowMs) {
        return hasSenderReport ? NtpTime.millisToCompact(nowMs - lastSrReceivedMs) : 0;
    }
}
