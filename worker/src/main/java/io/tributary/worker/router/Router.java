package io.tributary.worker.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.events.Event;
import io.tributary.worker.observer.ActiveSpeakerObserver;
import io.tributary.worker.observer.ActiveSpeakerObserverOptions;
import io.tributary.worker.observer.AudioLevelObserver;
import io.tributary.worker.observer.AudioLevelObserverOptions;
import io.tributary.worker.observer.RtpObserver;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.pipe.PipeTransportOptions;
import io.tributary.worker.transport.plain.PlainTransport;
import io.tributary.worker.transport.plain.PlainTransportOptions;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * mediasoup's Router: a media room's switchboard on one worker. Its capabilities are computed once
 * from the configured media codecs; every entity under it lives on the worker's event loop.
 */
public final class Router extends MediaEntity {

    /** The router closed because its worker closed. */
    public static final Event<Void> WORKER_CLOSE = Event.signal("workerclose");
    /** Observer: the router closed, for any reason. */
    public static final Event<Void> CLOSE = Event.signal("close");
    /** Observer: a transport was created. */
    public static final Event<Transport> NEW_TRANSPORT = Event.of("newtransport", Transport.class);
    /** Observer: an RtpObserver was created. */
    public static final Event<RtpObserver> NEW_RTP_OBSERVER = Event.of("newrtpobserver", RtpObserver.class);

    private final Worker worker;
    private final RtpCapabilities rtpCapabilities;
    private final Map<String, Transport> transports = new LinkedHashMap<>();
    private final Map<String, ProducerRoute> routes = new LinkedHashMap<>();
    private final Map<String, RtpObserver> rtpObservers = new LinkedHashMap<>();
    private final Map<String, DataProducerRoute> dataRoutes = new LinkedHashMap<>();
    private final RtpObserver.Host observerHost = new ObserverHost();
    /** The pipe transport pairs this router keeps for pipeToRouter (see {@link PipeTransportPairs}). */
    final PipeTransportPairs pipeTransportPairs = new PipeTransportPairs();

    private Router(String id, Worker worker, RtpCapabilities rtpCapabilities, Map<String, Object> appData) {
        super(id, appData);
        this.worker = worker;
        this.rtpCapabilities = rtpCapabilities;
    }

    /** Called by {@link Worker#createRouter} on the worker's loop; invalid codecs throw mediasoup's errors. */
    public static Router create(String id, Worker worker, RouterOptions options) {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(options.mediaCodecs());
        return new Router(id, worker, caps, options.appData());
    }

    public Worker worker() {
        return worker;
    }

    public RtpCapabilities rtpCapabilities() {
        return rtpCapabilities;
    }

    public Future<WebRtcTransport> createWebRtcTransport(WebRtcTransportOptions options) {
        return worker.loop().compose(() -> {
            assertOpen();
            return WebRtcTransport.create(UUID.randomUUID().toString(), this, options).map(this::register);
        });
    }

    public Future<PlainTransport> createPlainTransport(PlainTransportOptions options) {
        return worker.loop().compose(() -> {
            assertOpen();
            return PlainTransport.create(UUID.randomUUID().toString(), this, options).map(this::register);
        });
    }

    public Future<PipeTransport> createPipeTransport(PipeTransportOptions options) {
        return worker.loop().compose(() -> {
            assertOpen();
            return PipeTransport.create(UUID.randomUUID().toString(), this, options).map(this::register);
        });
    }

    /** mediasoup's {@code pipeToRouter()}: this router's producer, under the same id, on {@code options.router()}. */
    public Future<PipeToRouterResult> pipeToRouter(PipeToRouterOptions options) {
        return PipeToRouter.pipe(this, options);
    }

    /** {@code maxMessageSize} may be null for mediasoup's default (262144). */
    public Future<DirectTransport> createDirectTransport(Number maxMessageSize, Map<String, Object> appData) {
        return worker.loop().compose(() -> {
            assertOpen();
            return DirectTransport.create(UUID.randomUUID().toString(), this, maxMessageSize, appData).map(this::register);
        });
    }

    public Future<AudioLevelObserver> createAudioLevelObserver(AudioLevelObserverOptions options) {
        return worker.loop().call(() -> {
            assertOpen();
            return register(AudioLevelObserver.create(UUID.randomUUID().toString(), observerHost, options));
        });
    }

    public Future<ActiveSpeakerObserver> createActiveSpeakerObserver(ActiveSpeakerObserverOptions options) {
        return worker.loop().call(() -> {
            assertOpen();
            return register(ActiveSpeakerObserver.create(UUID.randomUUID().toString(), observerHost, options));
        });
    }

    private <T extends RtpObserver> T register(T rtpObserver) {
        rtpObservers.put(rtpObserver.id(), rtpObserver);
        rtpObserver.start();
        observer.emit(NEW_RTP_OBSERVER, rtpObserver);
        return rtpObserver;
    }

    private <T extends Transport> T register(T transport) {
        if (closed()) {
            transport.routerClosed();
            throw new InvalidStateError("Router closed");
        }
        transports.put(transport.id(), transport);
        transport.onClosed(() -> transports.remove(transport.id()));
        observer.emit(NEW_TRANSPORT, transport);
        return transport;
    }

    /** Whether {@code rtpCapabilities} can consume the producer; false, never an error, for unknown or bad input. */
    public boolean canConsume(String producerId, JsonNode rtpCapabilities) {
        ProducerRoute route = routes.get(producerId);
        if (route == null) {
            return false;
        }
        try {
            return Ortc.canConsume(route.producer.consumableRtpParameters(), Ortc.validateRtpCapabilities(rtpCapabilities));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean hasProducer(String producerId) {
        return routes.containsKey(producerId);
    }

    /** The producer with this id on any transport of the router, or null. */
    public Producer producer(String producerId) {
        ProducerRoute route = routes.get(producerId);
        return route == null ? null : route.producer;
    }

    /** Called by a transport for each new producer: its packets fan out to its consumers from here. */
    public void addProducer(Producer producer, Producer.RtcpSender rtcpSender) {
        ProducerRoute route = new ProducerRoute(producer);
        routes.put(producer.id(), route);
        producer.attach(route, rtcpSender);
        producer.observer().on(Producer.PAUSE, v -> route.each(Consumer::onProducerPaused));
        // As mediasoup: a consumer's score carries its producer's, so it is re-announced when that changes.
        producer.observer().on(Producer.SCORE, scores -> route.each(Consumer::onProducerScore));
        producer.observer().on(Producer.RESUME, v -> route.each(Consumer::onProducerResumed));
        producer.onClosed(() -> {
            routes.remove(producer.id());
            for (RtpObserver rtpObserver : List.copyOf(route.observers)) {
                rtpObserver.producerClosed(producer);
            }
            route.observers.clear();
            // mediasoup's worker tells the consumers in a 'producerclose' notification, which arrives after
            // the call that closed the producer, and after the cascade it may be part of: consumers closed by
            // that cascade (their transport's, the router's) get 'transportclose' and never 'producerclose'.
            worker.loop().context().runOnContext(v -> route.each(Consumer::producerClosed));
        });
    }

    /** Called by a transport for each new consumer of {@code producer}. */
    public void addConsumer(Producer producer, Consumer consumer) {
        ProducerRoute route = routes.get(producer.id());
        route.consumers.add(consumer);
        consumer.onClosed(() -> route.consumers.remove(consumer));
    }

    public Future<RouterDump> dump() {
        return worker.loop().call(() -> {
            assertOpen();
            List<RouterDump.KeyValues> producerConsumers = new ArrayList<>();
            List<RouterDump.KeyValue> consumerProducer = new ArrayList<>();
            routes.forEach((producerId, route) -> {
                List<String> ids = route.consumers.stream().map(Consumer::id).toList();
                producerConsumers.add(new RouterDump.KeyValues(producerId, ids));
                ids.forEach(consumerId -> consumerProducer.add(new RouterDump.KeyValue(consumerId, producerId)));
            });
            List<RouterDump.KeyValues> producerObservers = new ArrayList<>();
            routes.forEach((producerId, route) -> producerObservers.add(
                    new RouterDump.KeyValues(producerId, route.observers.stream().map(RtpObserver::id).toList())));
            return new RouterDump(id(), List.copyOf(transports.keySet()), List.copyOf(rtpObservers.keySet()),
                    producerConsumers, consumerProducer, producerObservers, dataProducerConsumerIds(),
                    dataConsumerProducerIds());
        });
    }

    // DataProducers and DataConsumers (data channels), apart from the RTP routes.

    public boolean hasDataProducer(String dataProducerId) {
        return dataRoutes.containsKey(dataProducerId);
    }

    /** The DataProducer with this id on any transport of the router, or null. */
    public DataProducer dataProducer(String dataProducerId) {
        DataProducerRoute route = dataRoutes.get(dataProducerId);
        return route == null ? null : route.producer;
    }

    /** Called by a transport for each new DataProducer: its messages, pauses and close reach its DataConsumers. */
    public void addDataProducer(DataProducer producer) {
        DataProducerRoute route = new DataProducerRoute(producer);
        dataRoutes.put(producer.id(), route);
        producer.attach(route);
        producer.observer().on(DataProducer.PAUSE, v -> route.each(DataConsumer::onDataProducerPaused));
        producer.observer().on(DataProducer.RESUME, v -> route.each(DataConsumer::onDataProducerResumed));
        producer.onClosed(() -> {
            dataRoutes.remove(producer.id());
            // As for producers: DataConsumers closed by the same cascade get 'transportclose', not 'dataproducerclose'.
            worker.loop().context().runOnContext(v -> route.each(DataConsumer::dataProducerClosed));
        });
    }

    /** Called by a transport for each new DataConsumer of {@code producer}. */
    public void addDataConsumer(DataProducer producer, DataConsumer consumer) {
        DataProducerRoute route = dataRoutes.get(producer.id());
        route.consumers.add(consumer);
        consumer.onClosed(() -> route.consumers.remove(consumer));
    }

    private List<RouterDump.KeyValues> dataProducerConsumerIds() {
        List<RouterDump.KeyValues> entries = new ArrayList<>();
        dataRoutes.forEach((id, route) -> entries.add(new RouterDump.KeyValues(id, route.consumerIds())));
        return entries;
    }

    private List<RouterDump.KeyValue> dataConsumerProducerIds() {
        List<RouterDump.KeyValue> entries = new ArrayList<>();
        dataRoutes.forEach((id, route) -> route.consumerIds().forEach(c -> entries.add(new RouterDump.KeyValue(c, id))));
        return entries;
    }

    /** A producer and the consumers and RtpObservers its packets go to; iterated by index so forwarding allocates nothing. */
    private static final class ProducerRoute implements Producer.RtpSink {
        final Producer producer;
        final ArrayList<Consumer> consumers = new ArrayList<>();
        final ArrayList<RtpObserver> observers = new ArrayList<>();

        ProducerRoute(Producer producer) {
            this.producer = producer;
        }

        @Override
        public void onProducerRtp(Producer p, RtpPacket packet, int encodingIndex, boolean keyFrame, long nowMs) {
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).forwardFromProducer(packet, encodingIndex, keyFrame, nowMs);
            }
            for (int i = 0; i < observers.size(); i++) {
                observers.get(i).receiveRtp(p, packet);
            }
        }

        void each(java.util.function.Consumer<Consumer> action) {
            List.copyOf(consumers).forEach(action);
        }
    }

    /** What the router's RtpObservers see of it. */
    private final class ObserverHost implements RtpObserver.Host {
        @Override
        public WorkerLoop loop() {
            return worker.loop();
        }

        @Override
        public Vertx vertx() {
            return worker.vertx();
        }

        @Override
        public Producer producer(String producerId) {
            return Router.this.producer(producerId);
        }

        @Override
        public void observe(Producer producer, RtpObserver rtpObserver, boolean on) {
            ProducerRoute route = routes.get(producer.id());
            if (route != null) {
                route.observers.remove(rtpObserver);
                if (on) {
                    route.observers.add(rtpObserver);
                }
            }
        }

        @Override
        public void forget(RtpObserver rtpObserver) {
            rtpObservers.remove(rtpObserver.id());
        }
    }

    /** Closes the router and everything in it; a no-op when already closed. */
    public void close() {
        worker.loop().execute(() -> {
            if (closed()) {
                return;
            }
            closeInternal(null);
        });
    }

    /** The worker closed: mediasoup emits {@code workerclose} and then observer {@code close}. */
    public void workerClosed() {
        if (closed()) {
            return;
        }
        closeInternal(WORKER_CLOSE);
    }

    /** Marks closed, runs the hooks, emits {@code reason} (if any) and then observer {@code close}. */
    private void closeInternal(Event<Void> reason) {
        markClosed();
        for (Transport transport : List.copyOf(transports.values())) {
            transport.routerClosed();
        }
        for (RtpObserver rtpObserver : List.copyOf(rtpObservers.values())) {
            rtpObserver.routerClosed();
        }
        runCloseHooks();
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }

    private void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("Router closed");
        }
    }
}
