package io.tributary.worker.router;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.producer.Producer;

/**
 * What {@code pipeToRouter()} gives: for a producer, the pipe consumer here and its producer (same id)
 * there; for a DataProducer, the pipe DataConsumer here and its DataProducer (same id) there. The other
 * two are null, as mediasoup leaves them undefined.
 */
public record PipeToRouterResult(Consumer pipeConsumer, Producer pipeProducer, DataConsumer pipeDataConsumer,
                                 DataProducer pipeDataProducer) {

    public PipeToRouterResult(Consumer pipeConsumer, Producer pipeProducer) {
        this(pipeConsumer, pipeProducer, null, null);
    }

    static PipeToRouterResult ofData(DataConsumer pipeDataConsumer, DataProducer pipeDataProducer) {
        return new PipeToRouterResult(null, null, pipeDataConsumer, pipeDataProducer);
    }
}
