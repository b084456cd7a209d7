package io.tributary.pipe.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Produce the piped producer on a pipe transport, as pipeToRouter does: the original's id, kind and
 * appData, the pipe consumer's RTP parameters and its producer-paused state.
 */
public record PipedProducer(String id, String kind, JsonNode rtpParameters, boolean paused,
                            Map<String, Object> appData) {
}
