package io.tributary.worker.sctp;

/** Congestion window for the one path (RFC 9260 §7.2): slow start, congestion avoidance, fast recovery. */
final class CongestionControl {

    private final int mtu;
    private long cwnd;
    private long ssthresh;
    private long partialBytesAcked;
    private boolean fastRecovery;
    private long fastRecoveryExit;

    CongestionControl(int mtu, long peerWindow) {
        this.mtu = mtu;
        this.cwnd = Math.min(4L * mtu, Math.max(2L * mtu, 4380));
        this.ssthresh = Math.max(peerWindow, 4L * mtu);
    }

    long cwnd() {
        return cwnd;
    }

    boolean inFastRecovery() {
        return fastRecovery;
    }

    /** New data acknowledged; {@code flightBefore} is what was in flight when the SACK arrived. */
    void onAcked(long bytesAcked, long flightBefore, boolean cumulativeAdvanced, long cumulativeTsn) {
        if (fastRecovery && cumulativeTsn >= fastRecoveryExit) {
            fastRecovery = false;
        }
        boolean fullyUsed = flightBefore + mtu >= cwnd;
        if (bytesAcked <= 0 || fastRecovery || !cumulativeAdvanced) {
            return;
        }
        if (cwnd <= ssthresh) {
            if (fullyUsed) {
                cwnd += Math.min(bytesAcked, mtu);
            }
            return;
        }
        partialBytesAcked += bytesAcked;
        if (partialBytesAcked >= cwnd && fullyUsed) {
            partialBytesAcked -= cwnd;
            cwnd += mtu;
        }
    }

    /** Three miss indications: halve once per window and remember where recovery ends. */
    void onFastRetransmit(long highestOutstandingTsn) {
        if (fastRecovery) {
            return;
        }
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = ssthresh;
        partialBytesAcked = 0;
        fastRecovery = true;
        fastRecoveryExit = highestOutstandingTsn;
    }

    /** T3-rtx expired: back to one MTU. */
    void onRetransmissionTimeout() {
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = mtu;
        partialBytesAcked = 0;
        fastRecovery = false;
    }

    /** Everything acknowledged: partial_bytes_acked starts over (§7.2.2). */
    void onAllAcked() {
        partialBytesAcked = 0;
    }
}
