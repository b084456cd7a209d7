package io.tributary.worker.producer;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of mediasoup's {@code producer.score}: an encoding's stream and its 0-10 score. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProducerScore(int encodingIdx, long ssrc, String rid, int score) {
}
