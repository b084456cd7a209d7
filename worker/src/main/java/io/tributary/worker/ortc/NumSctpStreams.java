package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** SCTP stream counts: outgoing streams (OS) and maximum incoming streams (MIS). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NumSctpStreams(@JsonProperty("OS") int os, @JsonProperty("MIS") int mis) {}
