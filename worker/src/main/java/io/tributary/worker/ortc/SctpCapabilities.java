package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a client's SCTP stack supports, as mediasoup-client's {@code device.sctpCapabilities}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpCapabilities(NumSctpStreams numStreams) {}
