package io.tributary.worker.ortc;

/**
 * Result of mapping a producer onto a router: the producer's RTP parameters after codec
 * negotiation (H264 {@code profile-level-id} rewritten to the answer, as mediasoup does in place)
 * and the {@link RtpMapping} the worker needs.
 */
public record ProducerRtpMapping(RtpParameters rtpParameters, RtpMapping rtpMapping) {}
