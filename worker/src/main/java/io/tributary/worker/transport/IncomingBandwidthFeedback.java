package io.tributary.worker.transport;

import io.tributary.worker.rtcp.RembPacket;
import io.tributary.worker.rtcp.TransportCcFeedbackBuilder;
import io.tributary.worker.rtp.RtpPacket;

/**
 * Bandwidth feedback toward the remote sender, so browsers keep sending at full rate (mediasoup's
 * TransportCongestionControlServer). With transport-cc negotiated it reports each packet's
 * transport-wide sequence number and arrival time every 100 ms; with only abs-send-time and
 * goog-remb it sends a REMB every second, from the measured incoming rate with headroom to grow.
 * A max incoming bitrate caps that REMB, and with transport-cc adds a "limitation REMB" every 1.5 s.
 */
final class IncomingBandwidthFeedback {

    static final long TRANSPORT_CC_INTERVAL_MS = 100;
    static final long REMB_INTERVAL_MS = 1000;
    static final long LIMITATION_REMB_INTERVAL_MS = 1500;
    /** A REMB never asks for less than this, so a quiet start can still ramp up. */
    private static final long REMB_FLOOR_BPS = 1_000_000;
    /** Room to grow above what arrived, as a receiver-side estimator grants a sender that is not losing. */
    private static final double REMB_HEADROOM = 1.5;
    private static final int MAX_PACKETS_PER_FEEDBACK = 1000;

    private final TransportCcFeedbackBuilder transportCc = new TransportCcFeedbackBuilder(MAX_PACKETS_PER_FEEDBACK);
    private final byte[] buffer = new byte[4 * MAX_PACKETS_PER_FEEDBACK + 128];
    private final int[] rembSsrcs = new int[1];
    private final RtcpReports.Sender sender;
    private final int senderSsrc;
    private int transportCcExtensionId;
    private boolean remb;
    private int feedbackCount;
    private int lastMediaSsrc;
    private long lastTransportCcMs;
    private long lastRembMs;
    private long bytesSinceRemb;
    private long maxIncomingBitrate;
    private long lastLimitationRembMs;

    IncomingBandwidthFeedback(RtcpReports.Sender sender, int senderSsrc) {
        this.sender = sender;
        this.senderSsrc = senderSsrc;
    }

    /** transport-cc, when a producer negotiated its extension and feedback: the id its packets carry. */
    void useTransportCc(int extensionId) {
        transportCcExtensionId = extensionId;
    }

    /** REMB, when a producer negotiated abs-send-time and goog-remb but not transport-cc. */
    void useRemb() {
        remb = true;
    }

    /** The transport's max incoming bitrate; 0 for unlimited. */
    void limitIncomingBitrate(long bitrate) {
        maxIncomingBitrate = bitrate;
    }

    /** An incoming RTP packet, before the producer rewrites its extensions. */
    void onRtp(RtpPacket packet, long nowMs) {
        lastMediaSsrc = packet.ssrc();
        bytesSinceRemb += packet.length();
        if (transportCcExtensionId == 0) {
            return;
        }
        int seq = packet.transportWideSequenceNumber(transportCcExtensionId);
        if (seq < 0) {
            return;
        }
        long arrivalMicros = nowMs * 1000;
        if (transportCc.isEmpty()) {
            transportCc.reset(senderSsrc, lastMediaSsrc, feedbackCount);
        }
        if (!transportCc.addReceived(seq, arrivalMicros)) {
            // Out of order, or too far: report what we have and start over from this packet.
            flushTransportCc();
            transportCc.reset(senderSsrc, lastMediaSsrc, feedbackCount);
            transportCc.addReceived(seq, arrivalMicros);
        }
    }

    /** On the transport's RTCP tick. */
    void onTick(long nowMs) {
        if (transportCcExtensionId != 0 && maxIncomingBitrate != 0
                && nowMs - lastLimitationRembMs >= LIMITATION_REMB_INTERVAL_MS) {
            lastLimitationRembMs = nowMs;
            sendRemb(maxIncomingBitrate);
        }
        if (transportCcExtensionId != 0 && nowMs - lastTransportCcMs >= TRANSPORT_CC_INTERVAL_MS) {
            lastTransportCcMs = nowMs;
            flushTransportCc();
        } else if (remb && transportCcExtensionId == 0 && nowMs - lastRembMs >= REMB_INTERVAL_MS) {
            long elapsed = lastRembMs == 0 ? REMB_INTERVAL_MS : nowMs - lastRembMs;
            long measured = bytesSinceRemb * 8 * 1000 / Math.max(1, elapsed);
            lastRembMs = nowMs;
            bytesSinceRemb = 0;
            long bitrate = Math.max(REMB_FLOOR_BPS, (long) (measured * REMB_HEADROOM));
            sendRemb(maxIncomingBitrate == 0 ? bitrate : Math.min(bitrate, maxIncomingBitrate));
        }
    }

    private void sendRemb(long bitrate) {
        rembSsrcs[0] = lastMediaSsrc;
        int len = RembPacket.write(buffer, 0, senderSsrc, bitrate, rembSsrcs, lastMediaSsrc == 0 ? 0 : 1);
        if (len > 0) {
            sender.send(buffer, 0, len);
        }
    }

    private void flushTransportCc() {
        if (transportCc.isEmpty()) {
            return;
        }
        int len = transportCc.write(buffer, 0);
        if (len > 0) {
            sender.send(buffer, 0, len);
            feedbackCount = (feedbackCount + 1) & 0xff;
        }
        transportCc.reset(senderSsrc, lastMediaSsrc, feedbackCount);
    }
}
