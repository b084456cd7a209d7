package io.tributary.worker.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * mediasoup's {@code router.pipeToRouter()}: the producer (or DataProducer) is consumed by the pipe
 * transport of this router's pair and produced, under the same id, on the other router's, whose
 * consumers then see it like any other. Pause, resume (producers only, as mediasoup) and close follow
 * the original; closing either end closes the other. Between workers of one JVM the pair is linked in
 * process (see {@link PipeTransport#linkInProcess}); DataProducer messages cross it over SCTP.
 */
final class PipeToRouter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipeToRouter() {
    }

    static Future<PipeToRouterResult> pipe(Router local, PipeToRouterOptions options) {
        try {
            options.validate(local);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Router remote = options.router();
        if (options.dataProducerId() != null) {
            return local.worker().loop().call(() -> found(local.dataProducer(options.dataProducerId()), "DataProducer"))
                    .compose(dataProducer -> PipeTransportPairs.between(local, remote, options.pipeTransportOptions())
                            .compose(pair -> pipeDataProducer(dataProducer, pair.of(local), pair.of(remote))));
        }
        return local.worker().loop().call(() -> found(local.producer(options.producerId()), "Producer"))
                .compose(producer -> PipeTransportPairs.between(local, remote, options.pipeTransportOptions())
                        .compose(pair -> pipeProducer(producer, pair.of(local), pair.of(remote))));
    }

    private static <T> T found(T entity, String kind) {
        if (entity == null) {
            throw new TypeError(kind + " not found");
        }
        return entity;
    }

    private static Future<PipeToRouterResult> pipeProducer(Producer producer, PipeTransport localPipe,
                                                           PipeTransport remotePipe) {
        WorkerLoop remoteLoop = remotePipe.router().worker().loop();
        return new Ends<Consumer, Producer>(Consumer::close, Producer::close).make(
                localPipe.consume(producer.id(), Map.of()),
                consumer -> remotePipe.produce(new ProducerOptions(producer.id(), consumer.kind().value(),
                        JSON.valueToTree(consumer.rtpParameters()), consumer.producerPaused(), 0, producer.appData())),
                (consumer, piped) -> link(producer, consumer, piped, remoteLoop),
                PipeToRouterResult::new);
    }

    /**
     * On the source loop, in one step so no change slips between: fail if the original closed meanwhile,
     * make the pipe consumer's pause, resume and close drive the piped producer, and re-sync its paused
     * state; then, on the destination loop, the piped producer's close closes the pipe consumer.
     */
    private static Future<Void> link(Producer producer, Consumer pipeConsumer, Producer pipeProducer,
                                     WorkerLoop remoteLoop) {
        return producer.loop().call(() -> {
            if (producer.closed()) {
                throw new InvalidStateError("original Producer closed");
            }
            pipeConsumer.observer().on(Consumer.PAUSE, v -> pipeProducer.pause());
            pipeConsumer.observer().on(Consumer.RESUME, v -> pipeProducer.resume());
            closeWith(pipeConsumer, pipeProducer::close);
            return producer.paused() ? pipeProducer.pause() : pipeProducer.resume();
        }).compose(resync -> resync)
                .compose(v -> onClose(remoteLoop, pipeProducer, pipeConsumer::close));
    }

    /**
     * {@code consumeData} on the local pipe, then {@code produceData} on the remote one with the same id, the
     * pipe DataConsumer's stream parameters, label and protocol, and the original's appData.
     */
    private static Future<PipeToRouterResult> pipeDataProducer(DataProducer dataProducer, PipeTransport localPipe,
                                                               PipeTransport remotePipe) {
        WorkerLoop remoteLoop = remotePipe.router().worker().loop();
        return new Ends<DataConsumer, DataProducer>(DataConsumer::close, DataProducer::close).make(
                localPipe.consumeData(DataConsumerOptions.of(dataProducer.id())),
                consumer -> remotePipe.produceData(new DataProducerOptions(dataProducer.id(),
                        JSON.valueToTree(consumer.sctpStreamParameters()), consumer.label(), consumer.protocol(), false,
                        dataProducer.appData())),
                (consumer, piped) -> linkData(dataProducer, consumer, piped, remoteLoop),
                PipeToRouterResult::ofData);
    }

    /**
     * On the source loop: fail if the original closed meanwhile, else the pipe DataConsumer's close (its
     * {@code dataproducerclose} included) closes the piped DataProducer; then, on the destination loop, the
     * piped DataProducer's close closes the pipe DataConsumer. mediasoup pipes no pause for data.
     */
    private static Future<Void> linkData(DataProducer dataProducer, DataConsumer pipeDataConsumer,
                                         DataProducer pipeDataProducer, WorkerLoop remoteLoop) {
        return dataProducer.loop().call(() -> {
            if (dataProducer.closed()) {
                throw new InvalidStateError("original DataProducer closed");
            }
            closeWith(pipeDataConsumer, pipeDataProducer::close);
            return null;
        }).compose(v -> onClose(remoteLoop, pipeDataProducer, pipeDataConsumer::close));
    }

    /** On {@code entity}'s loop: runs {@code action} when it closes, or now if it already has. */
    static Future<Void> onClose(WorkerLoop loop, MediaEntity entity, Runnable action) {
        return loop.call(() -> {
            closeWith(entity, action);
            return null;
        });
    }

    private static void closeWith(MediaEntity entity, Runnable action) {
        if (entity.closed()) {
            action.run();
        } else {
            entity.onClosed(action);
        }
    }

    /**
     * The two ends of a pipe, made in mediasoup's order: the consumer here, the producer there, then their
     * link; a failure at any step closes whichever ends were made.
     */
    private static final class Ends<C extends MediaEntity, P extends MediaEntity> {
        private final java.util.function.Consumer<C> closeConsumer;
        private final java.util.function.Consumer<P> closeProducer;
        private C consumer;
        private P producer;

        Ends(java.util.function.Consumer<C> closeConsumer, java.util.function.Consumer<P> closeProducer) {
            this.closeConsumer = closeConsumer;
            this.closeProducer = closeProducer;
        }

        Future<PipeToRouterResult> make(Future<C> consumed, Function<C, Future<P>> produce,
                                        BiFunction<C, P, Future<Void>> link, BiFunction<C, P, PipeToRouterResult> result) {
            return consumed
                    .compose(made -> {
                        consumer = made;
                        return produce.apply(made);
                    })
                    .compose(made -> {
                        producer = made;
                        return link.apply(consumer, made);
                    })
                    .map(v -> result.apply(consumer, producer))
                    .recover(e -> {
                        if (consumer != null) {
                            closeConsumer.accept(consumer);
                        }
                        if (producer != null) {
                            closeProducer.accept(producer);
                        }
                        return Future.failedFuture(e);
                    });
        }
    }
}
