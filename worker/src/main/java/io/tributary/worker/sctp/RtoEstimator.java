package io.tributary.worker.sctp;

/** Retransmission timeout from RTT samples (RFC 9260 §6.3.1) with exponential backoff (§6.3.3). */
final class RtoEstimator {

    static final long RTO_INITIAL = 1000;
    static final long RTO_MIN = 400;
    static final long RTO_MAX = 60_000;

    private double srtt = -1;
    private double rttvar;
    private long rto = RTO_INITIAL;
    private long backedOff = RTO_INITIAL;

    /** The current timeout, doubled once per expiry since the last sample. */
    long rto() {
        return backedOff;
    }

    void sample(long rttMillis) {
        double r = Math.max(0, rttMillis);
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
            srtt = 0.875 * srtt + 0.125 * r;
        }
        rto = Math.min(RTO_MAX, Math.max(RTO_MIN, Math.round(srtt + 4 * rttvar)));
        backedOff = rto;
    }

    void backOff() {
        backedOff = Math.min(RTO_MAX, backedOff * 2);
    }

    /** Forgets the backoff (a new timer sequence starts, e.g. T1-cookie after T1-init). */
    void resetBackoff() {
        backedOff = rto;
    }
}
