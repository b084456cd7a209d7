package io.tributary.worker.transport;

import java.util.Map;

/** Byte and packet counts of a transport, for {@code getStats()} and for counting what was dropped. */
public final class TransportCounters {

    long bytesReceived;
    long bytesSent;
    long rtpBytesReceived;
    long rtpBytesSent;
    /** Datagrams that failed a check (bad STUN, DTLS before ICE, SRTP auth...). */
    public long dropped;
    long rtpDropped;
    long rtpUnknown;
    long rtcpDropped;

    public void received(int bytes) {
        bytesReceived += bytes;
    }

    public void sent(int bytes) {
        bytesSent += bytes;
    }

    void rtpReceived(int bytes) {
        rtpBytesReceived += bytes;
    }

    public void rtpSent(int bytes) {
        rtpBytesSent += bytes;
    }

    /** A packet of {@code n} bytes left, or was dropped when {@code n} is negative (a failed SRTP protect, a full queue). */
    public void sentOrDropped(int n, boolean rtcp) {
        if (n < 0) {
            dropped++;
            return;
        }
        bytesSent += n;
        if (!rtcp) {
            rtpBytesSent += n;
        }
    }

    public long droppedTotal() {
        return dropped + rtpDropped + rtpUnknown + rtcpDropped;
    }

    void fill(Map<String, Object> stats) {
        stats.put("bytesReceived", bytesReceived);
        stats.put("recvBitrate", 0);
        stats.put("bytesSent", bytesSent);
        stats.put("sendBitrate", 0);
        stats.put("rtpBytesReceived", rtpBytesReceived);
        stats.put("rtpRecvBitrate", 0);
        stats.put("rtpBytesSent", rtpBytesSent);
        stats.put("rtpSendBitrate", 0);
        stats.put("rtxBytesReceived", 0);
        stats.put("rtxRecvBitrate", 0);
        stats.put("rtxBytesSent", 0);
        stats.put("rtxSendBitrate", 0);
        stats.put("probationBytesSent", 0);
        stats.put("probationSendBitrate", 0);
        stats.put("packetsDropped", droppedTotal());
    }
}
