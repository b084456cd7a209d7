package io.tributary.worker.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import java.util.Map;

/**
 * mediasoup's {@code router.pipeToRouter()}: the producer is consumed by the pipe transport of this
 * router's pair and produced, under the same id, on the other router's, whose consumers then see it
 * like any producer. Pause, resume and close follow the original; closing either end closes the other.
 * Between workers of one JVM the pair is linked in process (see {@link PipeTransport#linkInProcess}).
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
        if (options.dataProducerId() != null) {
            return pipeDataProducer();
        }
        Router remote = options.router();
        return local.worker().loop().call(() -> {
            Producer producer = local.producer(options.producerId());
            if (producer == null) {
                throw new TypeError("Producer not found");
            }
            return producer;
        }).compose(producer -> PipeTransportPairs.between(local, remote, options.pipeTransportOptions())
                .compose(pair -> pipeProducer(producer, pair.of(local), pair.of(remote))));
    }

    /**
     * DataProducers arrive with the data channel work: {@code consumeData} on the local pipe, then
     * {@code produceData} with the same id, label and protocol on the remote one, closes linked both ways,
     * and InvalidStateError('original DataProducer closed') as for producers.
     */
    private static Future<PipeToRouterResult> pipeDataProducer() {
        return Future.failedFuture(new UnsupportedError("pipeToRouter() of a DataProducer is not supported yet"));
    }

    private static Future<PipeToRouterResult> pipeProducer(Producer producer, PipeTransport localPipe,
                                                           PipeTransport remotePipe) {
        Consumer[] pipeConsumer = new Consumer[1];
        Producer[] pipeProducer = new Producer[1];
        return localPipe.consume(producer.id(), Map.of())
                .compose(consumer -> {
                    pipeConsumer[0] = consumer;
                    return remotePipe.produce(new ProducerOptions(producer.id(), consumer.kind().value(),
                            JSON.valueToTree(consumer.rtpParameters()), consumer.producerPaused(), 0,
                            producer.appData()));
                })
                .compose(piped -> {
                    pipeProducer[0] = piped;
                    return link(producer, pipeConsumer[0], piped, remotePipe.router().worker().loop());
                })
                .map(v -> new PipeToRouterResult(pipeConsumer[0], pipeProducer[0]))
                .recover(e -> {
                    if (pipeConsumer[0] != null) {
                        pipeConsumer[0].close();
                    }
                    if (pipeProducer[0] != null) {
                        pipeProducer[0].close();
                    }
                    return Future.failedFuture(e);
                });
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
}
