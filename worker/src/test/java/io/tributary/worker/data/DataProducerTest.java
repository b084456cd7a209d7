package io.tributary.worker.data;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterDump;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-DataProducer.ts, on two WebRtcTransports with SCTP enabled. */
class DataProducerTest {

    private static final Map<String, Object> APP_DATA = Map.of("foo", 1, "bar", "2");
    /** Stream 666, nothing else said: ordered. */
    private static final DataProducerOptions OPTIONS_1 = DataProducerOptions.of(js("{streamId: 666}"))
            .withLabel("foo").withProtocol("bar").withAppData(APP_DATA);
    /** Stream 777 with a retransmit limit and no 'ordered': unordered; paused. */
    private static final DataProducerOptions OPTIONS_2 = DataProducerOptions.of(js("{streamId: 777, maxRetransmits: 3}"))
            .withLabel("foo").withProtocol("bar").withPaused(true).withAppData(APP_DATA);

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private WebRtcTransport transport1;
    private WebRtcTransport transport2;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
        transport1 = DataFixtures.sctpTransport(router);
        transport2 = DataFixtures.sctpTransport(router);
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void produceDataOnStream666IsOrderedAndShowsInTheDumps() {
        EventLog log = new EventLog().on(transport1.observer(), Transport.NEW_DATA_PRODUCER, "newdataproducer",
                DataProducer::id);

        DataProducer producer = result(transport1.produceData(OPTIONS_1));

        assertEquals(List.of("newdataproducer " + producer.id()), log.entries());
        assertNotNull(producer.id());
        assertFalse(producer.closed());
        assertEquals(DataType.SCTP, producer.type());
        assertEquals(666, producer.sctpStreamParameters().streamId());
        assertEquals(true, producer.sctpStreamParameters().ordered());
        assertNull(producer.sctpStreamParameters().maxPacketLifeTime());
        assertNull(producer.sctpStreamParameters().maxRetransmits());
        assertEquals("foo", producer.label());
        assertEquals("bar", producer.protocol());
        assertFalse(producer.paused());
        assertEquals(APP_DATA, producer.appData());

        RouterDump dump = result(router.dump());
        assertEquals(List.of(new RouterDump.KeyValues(producer.id(), List.of())), dump.mapDataProducerIdDataConsumerIds());
        assertEquals(List.of(), dump.mapDataConsumerIdDataProducerId());
        Map<String, Object> transportDump = result(transport1.dump());
        assertEquals(transport1.id(), transportDump.get("id"));
        assertEquals(List.of(producer.id()), transportDump.get("dataProducerIds"));
        assertEquals(List.of(), transportDump.get("dataConsumerIds"));
    }

    @Test
    void aRetransmitLimitWithoutOrderedMakesTheStreamUnordered() {
        DataProducer producer = result(transport2.produceData(OPTIONS_2));

        assertEquals(DataType.SCTP, producer.type());
        assertEquals(777, producer.sctpStreamParameters().streamId());
        assertEquals(false, producer.sctpStreamParameters().ordered());
        assertNull(producer.sctpStreamParameters().maxPacketLifeTime());
        assertEquals(3, producer.sctpStreamParameters().maxRetransmits());
        assertTrue(producer.paused());
        assertEquals(List.of(producer.id()), result(transport2.dump()).get("dataProducerIds"));
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        assertInstanceOf(TypeError.class, failure(transport1.produceData(DataProducerOptions.of(null))));
        assertInstanceOf(TypeError.class, failure(transport1.produceData(DataProducerOptions.of(js("{foo: 'foo'}")))));
        assertInstanceOf(TypeError.class, failure(transport1.produceData(DataProducerOptions.of(js("{streamId: 65535}")))));
    }

    @Test
    void anAlreadyUsedStreamIdIsAnError() {
        result(transport1.produceData(OPTIONS_1));

        Throwable error = failure(transport1.produceData(DataProducerOptions.of(js("{streamId: 666}"))));
        assertSame(MediasoupError.class, error.getClass());
        assertEquals("streamId already exists in SCTP listener [streamId:666]", error.getMessage());
        // Another transport has its own streams.
        result(transport2.produceData(DataProducerOptions.of(js("{streamId: 666}"))));
    }

    @Test
    void aDuplicateIdIsATypeError() {
        DataProducer producer = result(transport1.produceData(OPTIONS_1));

        Throwable error = failure(transport2.produceData(DataProducerOptions.of(js("{streamId: 1}")).withId(producer.id())));
        assertInstanceOf(TypeError.class, error);
        assertEquals("a DataProducer with same id \"" + producer.id() + "\" already exists", error.getMessage());
    }

    @Test
    void orderedWithMaxPacketLifeTimeIsATypeError() {
        Throwable error = failure(transport1.produceData(
                DataProducerOptions.of(js("{streamId: 999, ordered: true, maxPacketLifeTime: 4000}"))));
        assertInstanceOf(TypeError.class, error);
        assertEquals("cannot be ordered with maxPacketLifeTime or maxRetransmits", error.getMessage());
    }

    @Test
    void dumpMirrorsTheDataProducer() {
        DataProducer producer1 = result(transport1.produceData(OPTIONS_1));
        assertEquals(js("""
                {id: '%s', type: 'sctp', sctpStreamParameters: {streamId: 666, ordered: true},
                 label: 'foo', protocol: 'bar', paused: false}""".formatted(producer1.id())),
                tree(result(producer1.dump())));

        DataProducer producer2 = result(transport2.produceData(OPTIONS_2));
        assertEquals(js("""
                {id: '%s', type: 'sctp', sctpStreamParameters: {streamId: 777, ordered: false, maxRetransmits: 3},
                 label: 'foo', protocol: 'bar', paused: true}""".formatted(producer2.id())),
                tree(result(producer2.dump())));
    }

    @Test
    void statsStartAtZero() {
        DataProducer producer = result(transport1.produceData(OPTIONS_1));

        List<DataProducerStats> stats = result(producer.getStats());
        assertEquals(1, stats.size());
        var json = tree(stats.get(0));
        assertEquals("data-producer", json.get("type").asText());
        assertTrue(json.get("timestamp").isNumber());
        assertEquals("foo", json.get("label").asText());
        assertEquals("bar", json.get("protocol").asText());
        assertEquals(0, json.get("messagesReceived").asLong());
        assertEquals(0, json.get("bytesReceived").asLong());
    }

    @Test
    void pauseAndResumeFireObserverEventsOnlyOnRealChanges() {
        DataProducer producer = result(transport1.produceData(OPTIONS_1));
        EventLog log = new EventLog().on(producer.observer(), DataProducer.PAUSE, "pause")
                .on(producer.observer(), DataProducer.RESUME, "resume");

        result(producer.pause());
        assertTrue(producer.paused());
        assertTrue(result(producer.dump()).paused());
        result(producer.resume());
        assertFalse(producer.paused());
        assertFalse(result(producer.dump()).paused());

        // Not awaited in between, as in mediasoup's test: the calls keep their order.
        producer.pause();
        producer.resume();
        producer.pause();
        producer.pause();
        producer.pause();
        result(producer.resume());

        assertEquals(3, log.count("pause"));
        assertEquals(3, log.count("resume"));
        assertEquals(List.of("pause", "resume", "pause", "resume", "pause", "resume"), log.entries());
    }

    @Test
    void closeEmitsObserverCloseAndCleansTheDumps() {
        DataProducer producer = result(transport1.produceData(OPTIONS_1));
        EventLog log = new EventLog().on(producer.observer(), DataProducer.CLOSE, "close");

        producer.close();
        result(worker.loop().call(() -> null));

        assertEquals(List.of("close"), log.entries());
        assertTrue(producer.closed());
        RouterDump dump = result(router.dump());
        assertEquals(List.of(), dump.mapDataProducerIdDataConsumerIds());
        assertEquals(List.of(), dump.mapDataConsumerIdDataProducerId());
        Map<String, Object> transportDump = result(transport1.dump());
        assertEquals(List.of(), transportDump.get("dataProducerIds"));
        assertEquals(List.of(), transportDump.get("dataConsumerIds"));
        // The stream is free again.
        result(transport1.produceData(DataProducerOptions.of(js("{streamId: 666}"))));
    }

    @Test
    void methodsRejectWhenClosed() {
        DataProducer producer = result(transport1.produceData(OPTIONS_1));
        producer.close();

        assertInstanceOf(InvalidStateError.class, failure(producer.dump()));
        assertInstanceOf(InvalidStateError.class, failure(producer.getStats()));
        assertInstanceOf(InvalidStateError.class, failure(producer.pause()));
        assertInstanceOf(InvalidStateError.class, failure(producer.send("hi")));
    }

    @Test
    void transportCloseEmitsTransportcloseThenObserverClose() {
        DataProducer producer = result(transport2.produceData(OPTIONS_2));
        EventLog log = new EventLog().on(producer.events(), DataProducer.TRANSPORT_CLOSE, "transportclose")
                .on(producer.observer(), DataProducer.CLOSE, "close");

        transport2.close();
        log.await("close");

        assertEquals(List.of("transportclose", "close"), log.entries());
        assertTrue(producer.closed());
    }

    @Test
    void transportsWithoutSctpRefuseData() {
        Transport plain = result(router.createWebRtcTransport(DataFixtures.loopbackOptions()));

        Throwable produce = failure(plain.produceData(OPTIONS_1));
        assertSame(MediasoupError.class, produce.getClass());
        assertEquals("SCTP not enabled and not a direct Transport", produce.getMessage());
        // Invalid stream parameters are reported first, as the node library checks them before asking the worker.
        assertInstanceOf(TypeError.class, failure(plain.produceData(DataProducerOptions.of(null))));

        DataProducer producer = result(transport1.produceData(OPTIONS_1));
        Throwable consume = failure(plain.consumeData(DataConsumerOptions.of(producer.id())));
        assertInstanceOf(TypeError.class, consume);
        assertEquals("missing sctpParameters.MIS", consume.getMessage());
    }

    @Test
    void produceDataOnAClosedTransportRejects() {
        transport1.close();
        Future<DataProducer> produced = transport1.produceData(OPTIONS_1);
        assertInstanceOf(InvalidStateError.class, failure(produced));
    }
}
