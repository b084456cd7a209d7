package io.tributary.pipe.link;

import io.tributary.pipe.control.ControlCallError;
import io.tributary.pipe.control.ControlClient;
import io.tributary.pipe.control.ControlJson;
import io.tributary.pipe.control.NodeIdentity;
import io.tributary.pipe.control.NotFoundError;
import io.tributary.pipe.control.PipedDataProducer;
import io.tributary.pipe.control.PipedProducer;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * This node's half of a pipe transport pair with another node: the local PipeTransport and the remote
 * transport it is connected to. Producers and DataProducers go out through it (pipe consumer here, piped
 * producer there) and come in (piped producer here); pause, resume and close follow the original across the link, and
 * closing either half closes the other. Both nodes hold one, whichever set the pair up.
 */
public final class NodeLink {

    private static final System.Logger LOG = System.getLogger(NodeLink.class.getName());

    private final LinkKey key;
    private final PipeTransport transport;
    private final NodeIdentity remote;
    private final String remoteTransportId;
    private final String initiator;
    private final ControlClient client;
    private final java.util.function.Consumer<NodeLink> forget;
    /** Producer id → pipe consumer here, whose piped producer is on the other node. */
    private final Map<String, Consumer> outgoing = new ConcurrentHashMap<>();
    /** Producer id → piped producer here, whose original is on the other node. */
    private final Map<String, Producer> incoming = new ConcurrentHashMap<>();
    /** DataProducer id → pipe DataConsumer here, whose piped DataProducer is on the other node. */
    private final Map<String, DataConsumer> outgoingData = new ConcurrentHashMap<>();
    /** DataProducer id → piped DataProducer here, whose original is on the other node. */
    private final Map<String, DataProducer> incomingData = new ConcurrentHashMap<>();
    private final CallQueue calls = new CallQueue();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean onStandby;

    NodeLink(LinkKey key, PipeTransport transport, NodeIdentity remote, String remoteTransportId, String initiator,
             ControlClient client, java.util.function.Consumer<NodeLink> forget) {
        this.key = key;
        this.transport = transport;
        this.remote = remote;
        this.remoteTransportId = remoteTransportId;
        this.initiator = initiator;
        this.client = client;
        this.forget = forget;
    }

    public LinkKey key() {
        return key;
    }

    public PipeTransport transport() {
        return transport;
    }

    public NodeIdentity remote() {
        return remote;
    }

    public String remoteTransportId() {
        return remoteTransportId;
    }

    /** The node that set this pair up. */
    public String initiator() {
        return initiator;
    }

    public boolean closed() {
        return closed.get();
    }

    /**
     * Set up by the other node while this node's own set-up of the same pair, which wins, is under way:
     * not answered (so unused) until that set-up ends.
     */
    public boolean onStandby() {
        return onStandby;
    }

    void standBy(boolean waiting) {
        onStandby = waiting;
    }

    /** Producer ids piped out through this link (pipe consumers here). */
    public int outgoingCount() {
        return outgoing.size();
    }

    /** Producer ids piped in through this link (piped producers here). */
    public int incomingCount() {
        return incoming.size();
    }

    /** DataProducer ids piped out through this link (pipe DataConsumers here). */
    public int outgoingDataCount() {
        return outgoingData.size();
    }

    /** DataProducer ids piped in through this link (piped DataProducers here). */
    public int incomingDataCount() {
        return incomingData.size();
    }

    /** From now on, the local transport's close closes the link and the remote half. */
    Future<NodeLink> followTransport() {
        return Entities.onClose(loop(), transport, () -> close(true)).map(this);
    }

    /**
     * pipeToRouter's media step across nodes: consume {@code producer} here, produce it with the same id
     * on the other node, then link them (InvalidStateError('original Producer closed') if it closed
     * meanwhile). A failure closes what was made, here and there.
     */
    public Future<Consumer> pipeOut(Producer producer) {
        String id = producer.id();
        Consumer[] made = new Consumer[1];
        boolean[] followed = new boolean[1];
        return transport.consume(id, Map.of())
                .compose(consumer -> {
                    made[0] = consumer;
                    return client.produce(remote.node(), remoteTransportId, new PipedProducer(id,
                            consumer.kind().value(), ControlJson.MAPPER.valueToTree(consumer.rtpParameters()),
                            consumer.producerPaused(), producer.appData()));
                })
                .compose(v -> follow(producer, made[0], followed))
                .map(v -> made[0])
                .recover(e -> {
                    if (made[0] != null) {
                        made[0].close();
                        if (!followed[0] && e instanceof ControlCallError) {
                            // no answer: the piped producer may exist there all the same
                            tell("close piped producer " + id, () -> client.closeProducer(remote.node(),
                                    remoteTransportId, id));
                        }
                    }
                    return Future.failedFuture(e);
                });
    }

    /** On the loop, in one step: the pipe consumer's pause, resume and close drive the remote producer, then re-sync. */
    private Future<Void> follow(Producer producer, Consumer consumer, boolean[] followed) {
        String id = producer.id();
        boolean sentPaused = consumer.producerPaused();
        return loop().call(() -> {
            followed[0] = true;
            consumer.observer().on(Consumer.PAUSE, v -> tell("pause " + id,
                    () -> client.pauseProducer(remote.node(), remoteTransportId, id)));
            consumer.observer().on(Consumer.RESUME, v -> tell("resume " + id,
                    () -> client.resumeProducer(remote.node(), remoteTransportId, id)));
            keep(outgoing, id, consumer, "close piped producer",
                    () -> client.closeProducer(remote.node(), remoteTransportId, id));
            if (producer.closed()) {
                throw new InvalidStateError("original Producer closed");
            }
            if (consumer.producerPaused() != sentPaused) {
                tell("re-sync " + id, () -> consumer.producerPaused()
                        ? client.pauseProducer(remote.node(), remoteTransportId, id)
                        : client.resumeProducer(remote.node(), remoteTransportId, id));
            }
            return null;
        });
    }

    /** The other node's pipeOut: the piped producer here, whose close tells the origin to close its pipe consumer. */
    public Future<Producer> pipeIn(PipedProducer request) {
        String id = request.id();
        return transport.produce(new ProducerOptions(id, request.kind(), request.rtpParameters(), request.paused(), 0,
                        request.appData()))
                .compose(producer -> loop().call(() -> keep(incoming, id, producer, "close pipe consumer",
                        () -> client.closeConsumer(remote.node(), remoteTransportId, id))));
    }

    /**
     * pipeToRouter's data step across nodes, once the pair's SCTP association is up: consume
     * {@code dataProducer} here, produce it with the same id, the pipe DataConsumer's stream parameters,
     * label and protocol on the other node, then link them (InvalidStateError('original DataProducer
     * closed') if it closed meanwhile). No pause is piped for data, as in mediasoup.
     */
    public Future<DataConsumer> pipeDataOut(DataProducer dataProducer) {
        String id = dataProducer.id();
        DataConsumer[] made = new DataConsumer[1];
        boolean[] followed = new boolean[1];
        return transport.sctpSettled()
                .compose(v -> loop().call(() -> {
                    if (transport.sctpState() != SctpState.CONNECTED) {
                        throw new InvalidStateError("SCTP of the pipe to node " + remote.nodeId() + " is "
                                + transport.sctpState());
                    }
                    return null;
                }))
                .compose(v -> transport.consumeData(DataConsumerOptions.of(id)))
                .compose(consumer -> {
                    made[0] = consumer;
                    return client.produceData(remote.node(), remoteTransportId, new PipedDataProducer(id,
                            ControlJson.MAPPER.valueToTree(consumer.sctpStreamParameters()), consumer.label(),
                            consumer.protocol(), dataProducer.appData()));
                })
                .compose(v -> loop().call(() -> {
                    followed[0] = true;
                    keep(outgoingData, id, made[0], "close piped DataProducer",
                            () -> client.closeDataProducer(remote.node(), remoteTransportId, id));
                    if (dataProducer.closed()) {
                        throw new InvalidStateError("original DataProducer closed");
                    }
                    return made[0];
                }))
                .recover(e -> {
                    if (made[0] != null) {
                        made[0].close();
                        if (!followed[0] && e instanceof ControlCallError) {
                            // no answer: the piped DataProducer may exist there all the same
                            tell("close piped DataProducer " + id, () -> client.closeDataProducer(remote.node(),
                                    remoteTransportId, id));
                        }
                    }
                    return Future.failedFuture(e);
                });
    }

    /** The other node's pipeDataOut: the piped DataProducer here, whose close closes the origin's pipe DataConsumer. */
    public Future<DataProducer> pipeDataIn(PipedDataProducer request) {
        String id = request.id();
        return transport.produceData(new DataProducerOptions(id, request.sctpStreamParameters(), request.label(),
                        request.protocol(), false, request.appData()))
                .compose(dataProducer -> loop().call(() -> keep(incomingData, id, dataProducer,
                        "close pipe DataConsumer", () -> client.closeDataConsumer(remote.node(), remoteTransportId, id))));
    }

    /**
     * On the loop: {@code entity} stays in {@code entities} under {@code id} until it closes; then, unless the
     * link itself is closing, the other node is told with {@code call}.
     */
    private <T extends MediaEntity> T keep(Map<String, T> entities, String id, T entity, String what,
                                           Supplier<Future<Void>> call) {
        entities.put(id, entity);
        Entities.whenClosed(entity, () -> {
            if (entities.remove(id, entity) && !transport.closed()) {
                tell(what + " " + id, call);
            }
        });
        return entity;
    }

    public Future<Void> pauseIncoming(String producerId) {
        return incoming(producerId).compose(Producer::pause);
    }

    public Future<Void> resumeIncoming(String producerId) {
        return incoming(producerId).compose(Producer::resume);
    }

    /** The origin closed its pipe consumer: close the piped producer here, without calling back. */
    public Future<Void> closeIncoming(String producerId) {
        return closeKept(incoming, producerId, Producer::close, "Producer not found");
    }

    /** The other node's piped producer closed: close the pipe consumer here, without calling back. */
    public Future<Void> closeOutgoing(String producerId) {
        return closeKept(outgoing, producerId, Consumer::close, "Consumer not found");
    }

    /** The origin closed its pipe DataConsumer: close the piped DataProducer here, without calling back. */
    public Future<Void> closeIncomingData(String dataProducerId) {
        return closeKept(incomingData, dataProducerId, DataProducer::close, "DataProducer not found");
    }

    /** The other node's piped DataProducer closed: close the pipe DataConsumer here, without calling back. */
    public Future<Void> closeOutgoingData(String dataProducerId) {
        return closeKept(outgoingData, dataProducerId, DataConsumer::close, "DataConsumer not found");
    }

    private static <T> Future<Void> closeKept(Map<String, T> entities, String id,
                                              java.util.function.Consumer<T> close, String notFound) {
        T entity = entities.remove(id);
        if (entity == null) {
            return Future.failedFuture(new NotFoundError(notFound));
        }
        close.accept(entity);
        return Future.succeededFuture();
    }

    /**
     * Closes this half: the local transport (and with it every pipe consumer and piped producer on it);
     * {@code notifyRemote} asks the other node to close its half, unless it asked us or is dead.
     */
    public Future<Void> close(boolean notifyRemote) {
        if (!closed.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        forget.accept(this);
        transport.close();
        return notifyRemote ? tell("close transport", () -> client.closeTransport(remote.node(), remoteTransportId))
                : Future.succeededFuture();
    }

    private Future<Producer> incoming(String producerId) {
        Producer producer = incoming.get(producerId);
        return producer == null ? Future.failedFuture(new NotFoundError("Producer not found"))
                : Future.succeededFuture(producer);
    }

    /** A state call to the other node, in order; a failure is logged (the link's liveness watch handles a dead node). */
    private Future<Void> tell(String what, Supplier<Future<Void>> call) {
        return calls.then(call).recover(e -> {
            if (!(e instanceof NotFoundError)) {
                LOG.log(Level.WARNING, "pipe link to node " + remote.nodeId() + ": " + what + " failed: " + e);
            }
            return Future.succeededFuture();
        });
    }

    private WorkerLoop loop() {
        return transport.router().worker().loop();
    }

    @Override
    public String toString() {
        return "NodeLink[" + key + ", transport " + transport.id() + " <-> " + remoteTransportId + "]";
    }
}
