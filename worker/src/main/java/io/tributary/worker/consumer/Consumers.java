package io.tributary.worker.consumer;

import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.stream.PacketSlotPool;

/** Picks the consumer class for a producer, as mediasoup's transport does: by producer type, or pipe. */
public final class Consumers {

    private Consumers() {
    }

    public static Consumer create(String id, Producer producer, RtpParameters params, boolean pipe,
                                  ConsumerOptions options, PacketSlotPool pool, Consumer.Output output) {
        if (pipe) {
            return new PipeConsumer(id, producer, params, options.paused(), pool, output, options.appData());
        }
        return switch (producer.type()) {
            case SIMPLE -> new SimpleConsumer(id, producer, params, options.paused(), pool, output, options.appData());
            case SIMULCAST -> new SimulcastConsumer(id, producer, params, options.paused(), options.preferredLayers(),
                    pool, output, options.appData());
            case SVC -> new SvcConsumer(id, producer, params, options.paused(), options.preferredLayers(), pool,
                    output, options.appData());
        };
    }
}
