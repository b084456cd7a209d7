package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtcp.NtpTime;

/** RTT from a report that echoes one of ours (LSR/DLSR of an RR, LRR/DLRR of an XR DLRR block). */
final class RoundTripTime {

    private RoundTripTime() {
    }

    /**
     * Arrival (compact NTP of {@code nowMs}) minus the echoed time minus the delay, in milliseconds
     * with the fraction kept; 0 when the peer has nothing to echo yet (either field 0) or the
     * clocks give a negative value. Single precision, as mediasoup reports it.
     */
    static float millis(long nowMs, int lastReport, int delaySinceLastReport) {
        int arrival = NtpTime.compact(NtpTime.fromUnixMillis(nowMs));
        if (lastReport == 0 || delaySinceLastReport == 0
                || Integer.compareUnsigned(arrival, lastReport + delaySinceLastReport) <= 0) {
            return 0f;
        }
        int rtt = arrival - delaySinceLastReport - lastReport;
        return (float) (rtt >>> 16) * 1000 + ((float) (rtt & 0xFFFF) / 65536) * 1000;
    }
}
