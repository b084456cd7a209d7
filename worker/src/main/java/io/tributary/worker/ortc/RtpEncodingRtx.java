package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The {@code rtx} member of an encoding: the SSRC of its retransmission stream. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpEncodingRtx(long ssrc) {}
