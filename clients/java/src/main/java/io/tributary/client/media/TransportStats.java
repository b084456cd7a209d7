package io.tributary.client.media;

/**
 * Packet counts at the peer's link, below the streams.
 *
 * @param unprotectFailures SRTP/SRTCP packets that did not authenticate or decrypt
 * @param droppedUnkeyed    RTP/RTCP that arrived, or was to be sent, before SRTP keys existed
 * @param malformedRtp      decrypted RTP that did not parse (or RTX without an original sequence number)
 * @param paddingOnlyRtp    bandwidth probes: padding without payload, attributed to no stream
 */
public record TransportStats(long rtpSent, long rtcpSent, long rtpReceived, long rtcpReceived, long stunReceived,
                             long dtlsReceived, long unknownReceived, long unprotectFailures, long protectFailures,
                             long droppedUnkeyed, long malformedRtp, long paddingOnlyRtp) {
}
