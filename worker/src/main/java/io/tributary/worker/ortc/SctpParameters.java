package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A transport's SCTP association parameters (port 5000 on mediasoup transports). */
@JsonPropertyOrder({"port", "OS", "MIS", "maxMessageSize"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpParameters(
        int port, @JsonProperty("OS") int os, @JsonProperty("MIS") int mis, long maxMessageSize) {}
