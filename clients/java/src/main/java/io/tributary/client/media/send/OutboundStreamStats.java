package io.tributary.client.media.send;

/**
 * What one sent RTP stream has done so far.
 *
 * @param packetsSent           media packets put on the wire (retransmissions excluded)
 * @param payloadBytesSent      their payload octets (the SR octet count)
 * @param packetsDropped        packets swallowed by fault injection (still in the history)
 * @param nackedSequenceNumbers sequence numbers the SFU asked for
 * @param retransmissions       packets resent for NACKs, plain or as RTX
 * @param rtxPackets            of those, sent on the RTX stream
 * @param nackMisses            asked-for packets no longer in the history
 * @param reportedFractionLost  from the SFU's last report block on this SSRC (1/256 units), -1 before one
 * @param reportedCumulativeLost from the same block
 */
public record OutboundStreamStats(
        long ssrc,
        String rid,
        long packetsSent,
        long payloadBytesSent,
        long framesSent,
        long keyFramesSent,
        long packetsDropped,
        long nacksReceived,
        long nackedSequenceNumbers,
        long retransmissions,
        long rtxPackets,
        long nackMisses,
        long plisReceived,
        long firsReceived,
        long senderReportsSent,
        int reportedFractionLost,
        int reportedCumulativeLost,
        int lastSequenceNumber,
        boolean paused) {
}
