package io.tributary.worker.consumer;

import java.util.List;

/** mediasoup's consumer score: its own send score, the current producer stream's, and all of the producer's. */
public record ConsumerScore(int score, int producerScore, List<Integer> producerScores) {
}
