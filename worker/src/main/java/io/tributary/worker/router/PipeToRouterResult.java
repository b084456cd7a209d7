package io.tributary.worker.router;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.producer.Producer;

/** What {@code pipeToRouter()} of a producer gives: the pipe consumer here and its producer (same id) there. */
public record PipeToRouterResult(Consumer pipeConsumer, Producer pipeProducer) {
}
