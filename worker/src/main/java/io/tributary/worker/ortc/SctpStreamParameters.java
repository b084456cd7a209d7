package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One SCTP stream (DataChannel). Validated instances always carry {@code ordered}; at most one
 * of the partial-reliability limits is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpStreamParameters(
        int streamId, Boolean ordered, Integer maxPacketLifeTime, Integer maxRetransmits) {}
