package io.tributary.worker.router;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.MediasoupFixtures.DEVICE_CAPABILITIES;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static io.tributary.worker.testing.MediasoupFixtures.audioProducerOptions;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static io.tributary.worker.testing.MediasoupFixtures.loopbackTransport;
import static io.tributary.worker.testing.MediasoupFixtures.videoProducerOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerDump;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-Router.ts, the router dump's maps and the close cascades of doc/closures.md. */
class RouterTest {

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private Router createRouter() {
        return result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
    }

    @Test
    void createRouterAnnouncesItAndShowsInTheWorkerDump() {
        EventLog log = new EventLog().on(worker.observer(), Worker.NEW_ROUTER, "newrouter", Router::id);

        Router router = result(worker.createRouter(new RouterOptions(MEDIA_CODECS, Map.of("foo", 123))));

        assertEquals(List.of("newrouter " + router.id()), log.entries());
        assertNotNull(router.id());
        assertFalse(router.closed());
        assertFalse(router.rtpCapabilities().codecsOrEmpty().isEmpty());
        assertFalse(router.rtpCapabilities().headerExtensionsOrEmpty().isEmpty());
        assertEquals(Map.of("foo", 123), router.appData());
        router.setAppData(Map.of("foo", 222, "bar", "BBB"));
        assertEquals(Map.of("foo", 222, "bar", "BBB"), router.appData());
        WorkerDump workerDump = result(worker.dump());
        assertEquals(List.of(), workerDump.webRtcServerIds());
        assertEquals(List.of(router.id()), workerDump.routerIds());
        assertEquals(List.of(router.id()), workerDump.channelMessageHandlers().channelRequestHandlers());
        assertEquals(List.of(), workerDump.channelMessageHandlers().channelNotificationHandlers());
        assertEquals(js("""
                {id: '%s', transportIds: [], rtpObserverIds: [], mapProducerIdConsumerIds: [],
                 mapConsumerIdProducerId: [], mapProducerIdObserverIds: [], mapDataProducerIdDataConsumerIds: [],
                 mapDataConsumerIdDataProducerId: []}""".formatted(router.id())),
                tree(result(router.dump())));

        result(worker.close());

        assertTrue(router.closed());
    }

    @Test
    void unsupportedMediaCodecsAreUnsupportedErrors() {
        Throwable error = failure(worker.createRouter(RouterOptions.of(codecs("""
                [{kind: 'audio', mimeType: 'audio/chicken', clockRate: 8000, channels: 4}]"""))));

        assertInstanceOf(UnsupportedError.class, error);
        assertEquals(List.of(), result(worker.dump()).routerIds());
    }

    @Test
    void closeFiresObserverCloseOnceAndThenCallsReject() {
        Router router = createRouter();
        EventLog log = new EventLog()
                .on(router.observer(), Router.CLOSE, "close")
                .on(router.events(), Router.WORKER_CLOSE, "workerclose");

        OnLoop.run(worker, router::close);
        OnLoop.run(worker, router::close);

        assertEquals(List.of("close"), log.entries());
        assertTrue(router.closed());
        assertEquals(List.of(), result(worker.dump()).routerIds());
        assertInstanceOf(InvalidStateError.class, failure(router.dump()));
        assertInstanceOf(InvalidStateError.class, failure(router.createWebRtcTransport(
                WebRtcTransportOptions.withListenInfos(List.of(TransportListenInfo.udp("127.0.0.1", 0))))));
    }

    @Test
    void closingTheWorkerEmitsWorkercloseThenClose() {
        Router router = createRouter();
        EventLog log = new EventLog()
                .on(router.events(), Router.WORKER_CLOSE, "workerclose")
                .on(router.observer(), Router.CLOSE, "close");

        result(worker.close());

        assertEquals(List.of("workerclose", "close"), log.entries());
        assertTrue(router.closed());
    }

    @Test
    void transportsAppearInTheDumpAndLeaveItWhenClosed() {
        Router router = createRouter();
        EventLog log = new EventLog().on(router.observer(), Router.NEW_TRANSPORT, "newtransport", Transport::id);

        WebRtcTransport transport1 = loopbackTransport(router);
        WebRtcTransport transport2 = loopbackTransport(router);

        assertEquals(List.of("newtransport " + transport1.id(), "newtransport " + transport2.id()), log.entries());
        assertEquals(js("['" + transport1.id() + "', '" + transport2.id() + "']"),
                tree(result(router.dump())).get("transportIds"));
        OnLoop.run(worker, transport1::close);
        assertEquals(js("['" + transport2.id() + "']"), tree(result(router.dump())).get("transportIds"));
    }

    @Test
    void dumpMapsFollowProducersAndConsumers() {
        Router router = createRouter();
        WebRtcTransport transport1 = loopbackTransport(router);
        WebRtcTransport transport2 = loopbackTransport(router);
        Producer audio = result(transport1.produce(audioProducerOptions()));
        Producer video = result(transport1.produce(videoProducerOptions()));
        Consumer a1 = result(transport2.consume(ConsumerOptions.of(audio.id(), DEVICE_CAPABILITIES)));
        Consumer a2 = result(transport1.consume(ConsumerOptions.of(audio.id(), DEVICE_CAPABILITIES)));
        Consumer v1 = result(transport2.consume(ConsumerOptions.of(video.id(), DEVICE_CAPABILITIES)));

        JsonNode dump = tree(result(router.dump()));
        assertEquals(js("""
                [{key: '%s', values: ['%s', '%s']}, {key: '%s', values: ['%s']}]"""
                .formatted(audio.id(), a1.id(), a2.id(), video.id(), v1.id())), dump.get("mapProducerIdConsumerIds"));
        assertEquals(js("""
                [{key: '%s', value: '%s'}, {key: '%s', value: '%s'}, {key: '%s', value: '%s'}]"""
                .formatted(a1.id(), audio.id(), a2.id(), audio.id(), v1.id(), video.id())),
                dump.get("mapConsumerIdProducerId"));

        OnLoop.run(worker, a1::close);
        dump = tree(result(router.dump()));
        assertEquals(js("""
                [{key: '%s', values: ['%s']}, {key: '%s', values: ['%s']}]"""
                .formatted(audio.id(), a2.id(), video.id(), v1.id())), dump.get("mapProducerIdConsumerIds"));

        EventLog v1Log = new EventLog().on(v1.observer(), Consumer.CLOSE, "close");
        OnLoop.run(worker, video::close);
        v1Log.await("close");
        dump = tree(result(router.dump()));
        assertEquals(js("[{key: '%s', values: ['%s']}]".formatted(audio.id(), a2.id())),
                dump.get("mapProducerIdConsumerIds"));
        assertEquals(js("[{key: '%s', value: '%s'}]".formatted(a2.id(), audio.id())),
                dump.get("mapConsumerIdProducerId"));
    }

    /** Two transports, producers on the first and consumers on both, every close event in one log. */
    private final class Room {
        final Router router = createRouter();
        final WebRtcTransport transport1 = loopbackTransport(router);
        final WebRtcTransport transport2 = loopbackTransport(router);
        final Producer audio = result(transport1.produce(audioProducerOptions()));
        final Producer video = result(transport1.produce(videoProducerOptions()));
        final Consumer loopback = result(transport1.consume(ConsumerOptions.of(video.id(), DEVICE_CAPABILITIES)));
        final Consumer audioConsumer = result(transport2.consume(ConsumerOptions.of(audio.id(), DEVICE_CAPABILITIES)));
        final Consumer videoConsumer = result(transport2.consume(ConsumerOptions.of(video.id(), DEVICE_CAPABILITIES)));
        final EventLog log = new EventLog();

        Room() {
            log.on(router.events(), Router.WORKER_CLOSE, "router workerclose")
                    .on(router.observer(), Router.CLOSE, "router close");
            transport("transport1", transport1);
            transport("transport2", transport2);
            producer("audio", audio);
            producer("video", video);
            consumer("loopback", loopback);
            consumer("audioConsumer", audioConsumer);
            consumer("videoConsumer", videoConsumer);
        }

        private void transport(String name, Transport transport) {
            log.on(transport.events(), Transport.ROUTER_CLOSE, name + " routerclose")
                    .on(transport.events(), Transport.LISTEN_SERVER_CLOSE, name + " listenserverclose")
                    .on(transport.observer(), Transport.CLOSE, name + " close");
        }

        private void producer(String name, Producer producer) {
            log.on(producer.events(), Producer.TRANSPORT_CLOSE, name + " transportclose")
                    .on(producer.observer(), Producer.CLOSE, name + " close");
        }

        private void consumer(String name, Consumer consumer) {
            log.on(consumer.events(), Consumer.TRANSPORT_CLOSE, name + " transportclose")
                    .on(consumer.events(), Consumer.PRODUCER_CLOSE, name + " producerclose")
                    .on(consumer.observer(), Consumer.CLOSE, name + " close");
        }
    }

    private static final List<String> ROUTER_CLOSED = List.of(
            "audio transportclose", "audio close",
            "video transportclose", "video close",
            "loopback transportclose", "loopback close",
            "transport1 routerclose", "transport1 close",
            "audioConsumer transportclose", "audioConsumer close",
            "videoConsumer transportclose", "videoConsumer close",
            "transport2 routerclose", "transport2 close");

    @Test
    void closingTheRouterClosesEverythingWithTransportcloseAndRouterclose() {
        Room room = new Room();

        OnLoop.run(worker, room.router::close);
        // Let anything the close scheduled run before looking.
        OnLoop.run(worker, () -> { });

        List<String> expected = new ArrayList<>(ROUTER_CLOSED);
        expected.add("router close");
        assertEquals(expected, room.log.entries());
    }

    @Test
    void closingTheWorkerCascadesThroughTheRouter() {
        Room room = new Room();

        result(worker.close());

        List<String> expected = new ArrayList<>(ROUTER_CLOSED);
        expected.add("router workerclose");
        expected.add("router close");
        assertEquals(expected, room.log.entries());
    }

    @Test
    void closingATransportClosesItsEntitiesAndThenOtherConsumersOfItsProducersWithProducerclose() {
        Room room = new Room();

        OnLoop.run(worker, room.transport1::close);
        room.log.await("videoConsumer close");

        assertEquals(List.of(
                "audio transportclose", "audio close",
                "video transportclose", "video close",
                "loopback transportclose", "loopback close",
                "transport1 close",
                "audioConsumer producerclose", "audioConsumer close",
                "videoConsumer producerclose", "videoConsumer close"), room.log.entries());
        assertFalse(room.transport2.closed());
        JsonNode dump = tree(result(room.router.dump()));
        assertEquals(js("['" + room.transport2.id() + "']"), dump.get("transportIds"));
        assertEquals(js("[]"), dump.get("mapProducerIdConsumerIds"));
        assertEquals(js("[]"), dump.get("mapConsumerIdProducerId"));
        assertEquals(js("[]"), tree(result(room.transport2.dump())).get("consumerIds"));
    }

    @Test
    void closingAProducerClosesItsConsumersWithProducerclose() {
        Room room = new Room();

        OnLoop.run(worker, room.video::close);
        room.log.await("videoConsumer close");

        assertEquals(List.of(
                "video close",
                "loopback producerclose", "loopback close",
                "videoConsumer producerclose", "videoConsumer close"), room.log.entries());
        assertFalse(room.audioConsumer.closed());
        JsonNode dump = tree(result(room.router.dump()));
        assertEquals(js("[{key: '%s', values: ['%s']}]".formatted(room.audio.id(), room.audioConsumer.id())),
                dump.get("mapProducerIdConsumerIds"));
    }

    @Test
    void closingAConsumerFiresOnlyItsObserverClose() {
        Room room = new Room();

        OnLoop.run(worker, room.videoConsumer::close);
        OnLoop.run(worker, () -> { });

        assertEquals(List.of("videoConsumer close"), room.log.entries());
    }
}
