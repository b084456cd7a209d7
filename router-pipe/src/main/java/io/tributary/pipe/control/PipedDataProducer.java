package io.tributary.pipe.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Produce the piped DataProducer on a pipe transport, as pipeToRouter does: the original's id and appData,
 * the pipe DataConsumer's SCTP stream parameters, label and protocol.
 */
public record PipedDataProducer(String id, JsonNode sctpStreamParameters, String label, String protocol,
                                Map<String, Object> appData) {
}
