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

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterDump;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-DataConsumer.ts: a DataProducer on one SCTP transport, consumed on another and on a DirectTransport. */
class DataConsumerTest {

    /** Valid values are 0..65535: the rest wrap, and duplicates collapse. */
    private static final List<Integer> SUBCHANNELS = List.of(0, 1, 1, 1, 2, 65535, 65536, 65537, 100);

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private WebRtcTransport transport1;
    private WebRtcTransport transport2;
    private DirectTransport directTransport;
    private DataProducer dataProducer;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
        transport1 = DataFixtures.sctpTransport(router);
        transport2 = DataFixtures.sctpTransport(router);
        directTransport = result(router.createDirectTransport(null, Map.of()));
        dataProducer = result(transport1.produceData(
                DataProducerOptions.of(js("{streamId: 12345, ordered: false, maxPacketLifeTime: 5000}"))
                        .withLabel("foo").withProtocol("bar")));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private DataConsumer consumeWithOverrides() {
        return result(transport2.consumeData(DataConsumerOptions.of(dataProducer.id()).withMaxPacketLifeTime(4000)
                .withSubchannels(SUBCHANNELS).withAppData(Map.of("baz", "LOL"))));
    }

    private DataConsumer consume(Transport transport) {
        return result(transport.consumeData(DataConsumerOptions.of(dataProducer.id())));
    }

    private DataConsumer consume(Transport transport, DataProducer producer) {
        return result(transport.consumeData(DataConsumerOptions.of(producer.id())));
    }

    private static Set<Integer> set(List<Integer> values) {
        return new TreeSet<>(values);
    }

    @Test
    void consumeDataCopiesTheProducerAndAppliesOverrides() {
        EventLog log = new EventLog().on(transport2.observer(), Transport.NEW_DATA_CONSUMER, "newdataconsumer",
                DataConsumer::id);

        DataConsumer consumer = consumeWithOverrides();

        assertEquals(List.of("newdataconsumer " + consumer.id()), log.entries());
        assertNotNull(consumer.id());
        assertEquals(dataProducer.id(), consumer.dataProducerId());
        assertFalse(consumer.closed());
        assertEquals(DataType.SCTP, consumer.type());
        assertEquals(0, consumer.sctpStreamParameters().streamId());
        assertEquals(false, consumer.sctpStreamParameters().ordered());
        assertEquals(4000, consumer.sctpStreamParameters().maxPacketLifeTime());
        assertNull(consumer.sctpStreamParameters().maxRetransmits());
        assertEquals("foo", consumer.label());
        assertEquals("bar", consumer.protocol());
        assertFalse(consumer.paused());
        assertEquals(Set.of(0, 1, 2, 100, 65535), set(consumer.subchannels()));
        assertEquals(Map.of("baz", "LOL"), consumer.appData());

        RouterDump dump = result(router.dump());
        assertEquals(List.of(new RouterDump.KeyValues(dataProducer.id(), List.of(consumer.id()))),
                dump.mapDataProducerIdDataConsumerIds());
        assertEquals(List.of(new RouterDump.KeyValue(consumer.id(), dataProducer.id())),
                dump.mapDataConsumerIdDataProducerId());
        Map<String, Object> transportDump = result(transport2.dump());
        assertEquals(List.of(), transportDump.get("dataProducerIds"));
        assertEquals(List.of(consumer.id()), transportDump.get("dataConsumerIds"));
    }

    @Test
    void dumpMirrorsTheDataConsumer() {
        DataConsumer consumer = consumeWithOverrides();

        JsonNode dump = tree(result(consumer.dump()));

        assertEquals(consumer.id(), dump.get("id").asText());
        assertEquals(dataProducer.id(), dump.get("dataProducerId").asText());
        assertEquals("sctp", dump.get("type").asText());
        assertEquals(js("{streamId: 0, ordered: false, maxPacketLifeTime: 4000}"), dump.get("sctpStreamParameters"));
        assertEquals("foo", dump.get("label").asText());
        assertEquals("bar", dump.get("protocol").asText());
        assertEquals(0, dump.get("bufferedAmountLowThreshold").asLong());
        assertFalse(dump.get("paused").asBoolean());
        assertFalse(dump.get("dataProducerPaused").asBoolean());
        assertEquals(js("[0, 1, 2, 100, 65535]"), dump.get("subchannels"));
    }

    @Test
    void statsStartAtZero() {
        DataConsumer consumer = consume(transport2);

        JsonNode stats = tree(result(consumer.getStats()));

        assertEquals(1, stats.size());
        assertEquals("data-consumer", stats.get(0).get("type").asText());
        assertEquals("foo", stats.get(0).get("label").asText());
        assertEquals("bar", stats.get(0).get("protocol").asText());
        assertEquals(0, stats.get(0).get("messagesSent").asLong());
        assertEquals(0, stats.get(0).get("bytesSent").asLong());
        assertEquals(0, stats.get(0).get("bufferedAmount").asLong());
    }

    @Test
    void setSubchannelsStoresAUint16Set() {
        DataConsumer consumer = consume(transport2);

        result(consumer.setSubchannels(List.of(999, 999, 998, 65536)));

        assertEquals(List.of(0, 998, 999), consumer.subchannels());
    }

    @Test
    void addAndRemoveSubchannel() {
        DataConsumer consumer = consume(transport2);

        result(consumer.setSubchannels(List.of()));
        assertEquals(List.of(), consumer.subchannels());
        result(consumer.addSubchannel(5));
        assertEquals(List.of(5), consumer.subchannels());
        result(consumer.addSubchannel(10));
        assertEquals(List.of(5, 10), consumer.subchannels());
        result(consumer.addSubchannel(5));
        assertEquals(List.of(5, 10), consumer.subchannels());
        result(consumer.removeSubchannel(666));
        assertEquals(List.of(5, 10), consumer.subchannels());
        result(consumer.removeSubchannel(5));
        assertEquals(List.of(10), consumer.subchannels());
        result(consumer.setSubchannels(List.of()));
        assertEquals(List.of(), consumer.subchannels());
    }

    @Test
    void consumeDataOnADirectTransportIsDirectWithoutStreamParameters() {
        EventLog log = new EventLog().on(directTransport.observer(), Transport.NEW_DATA_CONSUMER, "newdataconsumer",
                DataConsumer::id);

        DataConsumer consumer = result(directTransport.consumeData(DataConsumerOptions.of(dataProducer.id())
                .withPaused(true).withAppData(Map.of("hehe", "HEHE"))));

        assertEquals(List.of("newdataconsumer " + consumer.id()), log.entries());
        assertEquals(dataProducer.id(), consumer.dataProducerId());
        assertFalse(consumer.closed());
        assertEquals(DataType.DIRECT, consumer.type());
        assertNull(consumer.sctpStreamParameters());
        assertEquals("foo", consumer.label());
        assertEquals("bar", consumer.protocol());
        assertTrue(consumer.paused());
        assertEquals(Map.of("hehe", "HEHE"), consumer.appData());
        Map<String, Object> transportDump = result(directTransport.dump());
        assertEquals(List.of(), transportDump.get("dataProducerIds"));
        assertEquals(List.of(consumer.id()), transportDump.get("dataConsumerIds"));

        JsonNode dump = tree(result(consumer.dump()));
        assertEquals("direct", dump.get("type").asText());
        assertFalse(dump.has("sctpStreamParameters"));
        assertTrue(dump.get("paused").asBoolean());
        assertEquals(js("[]"), dump.get("subchannels"));
        JsonNode stats = tree(result(consumer.getStats())).get(0);
        assertEquals("data-consumer", stats.get("type").asText());
        assertEquals(0, stats.get("messagesSent").asLong());
    }

    @Test
    void pauseAndResumeFireObserverEventsOnlyOnRealChanges() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.observer(), DataConsumer.PAUSE, "pause")
                .on(consumer.observer(), DataConsumer.RESUME, "resume");

        result(consumer.pause());
        assertTrue(consumer.paused());
        assertTrue(result(consumer.dump()).paused());
        result(consumer.resume());
        assertFalse(consumer.paused());
        assertFalse(result(consumer.dump()).paused());

        consumer.pause();
        consumer.resume();
        consumer.pause();
        consumer.pause();
        consumer.pause();
        result(consumer.resume());

        assertEquals(3, log.count("pause"));
        assertEquals(3, log.count("resume"));
    }

    @Test
    void dataProducerPauseAndResumeReachTheConsumer() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.observer(), DataConsumer.PAUSE, "pause")
                .on(consumer.observer(), DataConsumer.RESUME, "resume")
                .on(consumer.events(), DataConsumer.DATA_PRODUCER_PAUSE, "dataproducerpause")
                .on(consumer.events(), DataConsumer.DATA_PRODUCER_RESUME, "dataproducerresume");

        dataProducer.pause();
        result(dataProducer.resume());

        assertEquals(List.of("dataproducerpause", "pause", "dataproducerresume", "resume"), log.entries());
        assertFalse(consumer.paused());
        assertFalse(consumer.dataProducerPaused());
    }

    @Test
    void theEffectiveStateDecidesTheObserverEvents() {
        DataConsumer consumer = consume(transport2);
        result(consumer.pause());
        EventLog log = new EventLog().on(consumer.observer(), DataConsumer.PAUSE, "pause")
                .on(consumer.observer(), DataConsumer.RESUME, "resume")
                .on(consumer.events(), DataConsumer.DATA_PRODUCER_PAUSE, "dataproducerpause");

        result(dataProducer.pause());
        result(consumer.resume());
        assertEquals(List.of("dataproducerpause"), log.entries());
        assertTrue(consumer.dataProducerPaused());
        // A DataConsumer created while its producer is paused says so, without an event.
        DataConsumer late = consume(transport2);
        assertTrue(late.dataProducerPaused());
        assertTrue(result(late.dump()).dataProducerPaused());
    }

    @Test
    void closeEmitsObserverCloseAndCleansTheDumps() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.observer(), DataConsumer.CLOSE, "close");

        consumer.close();
        result(worker.loop().call(() -> null));

        assertEquals(List.of("close"), log.entries());
        assertTrue(consumer.closed());
        RouterDump dump = result(router.dump());
        assertEquals(List.of(new RouterDump.KeyValues(dataProducer.id(), List.of())), dump.mapDataProducerIdDataConsumerIds());
        assertEquals(List.of(), dump.mapDataConsumerIdDataProducerId());
        assertEquals(List.of(), result(transport2.dump()).get("dataConsumerIds"));
    }

    @Test
    void methodsRejectWhenClosed() {
        DataConsumer consumer = consume(transport2);
        consumer.close();

        assertInstanceOf(InvalidStateError.class, failure(consumer.dump()));
        assertInstanceOf(InvalidStateError.class, failure(consumer.getStats()));
        assertInstanceOf(InvalidStateError.class, failure(consumer.pause()));
        assertInstanceOf(InvalidStateError.class, failure(consumer.setSubchannels(List.of(1))));
    }

    @Test
    void dataProducerCloseEmitsDataproducerclose() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose")
                .on(consumer.events(), DataConsumer.TRANSPORT_CLOSE, "transportclose")
                .on(consumer.observer(), DataConsumer.CLOSE, "close");

        dataProducer.close();
        log.await("close");

        assertEquals(List.of("dataproducerclose", "close"), log.entries());
        assertTrue(consumer.closed());
        assertEquals(List.of(), result(transport2.dump()).get("dataConsumerIds"));
    }

    @Test
    void transportCloseEmitsTransportcloseAndCleansTheRouter() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.events(), DataConsumer.TRANSPORT_CLOSE, "transportclose")
                .on(consumer.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose")
                .on(consumer.observer(), DataConsumer.CLOSE, "close");

        transport2.close();
        log.await("close");

        assertEquals(List.of("transportclose", "close"), log.entries());
        assertTrue(consumer.closed());
        RouterDump dump = result(router.dump());
        assertEquals(List.of(new RouterDump.KeyValues(dataProducer.id(), List.of())), dump.mapDataProducerIdDataConsumerIds());
        assertEquals(List.of(), dump.mapDataConsumerIdDataProducerId());
    }

    @Test
    void closingTheProducersTransportClosesConsumersElsewhereWithDataproducerclose() {
        DataConsumer consumer = consume(transport2);
        DataConsumer direct = consume(directTransport);
        EventLog log = new EventLog().on(consumer.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose sctp")
                .on(direct.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose direct")
                .on(consumer.events(), DataConsumer.TRANSPORT_CLOSE, "transportclose");

        transport1.close();
        log.await("dataproducerclose sctp");
        log.await("dataproducerclose direct");

        assertEquals(2, log.entries().size());
        assertTrue(dataProducer.closed());
        assertEquals(List.of(), result(router.dump()).mapDataProducerIdDataConsumerIds());
    }

    @Test
    void routerCloseClosesEverythingWithTransportclose() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.events(), DataConsumer.TRANSPORT_CLOSE, "consumer transportclose")
                .on(consumer.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose")
                .on(dataProducer.events(), DataProducer.TRANSPORT_CLOSE, "producer transportclose");

        router.close();
        result(worker.loop().call(() -> null));
        result(worker.loop().call(() -> null));

        assertEquals(List.of("producer transportclose", "consumer transportclose"), log.entries());
    }

    @Test
    void streamIdsAreAllocatedRotatingAndReusedAfterClose() {
        DataConsumer first = consume(transport2);
        DataConsumer second = consume(transport2);
        assertEquals(0, first.sctpStreamParameters().streamId());
        assertEquals(1, second.sctpStreamParameters().streamId());

        first.close();
        // The scan goes on from the last id given, so a freed id is reused only after a wrap.
        assertEquals(2, consume(transport2).sctpStreamParameters().streamId());
        assertEquals(0, consume(transport1).sctpStreamParameters().streamId());
    }

    @Test
    void streamIdsRunOutAtMis() {
        WebRtcTransport small = result(router.createWebRtcTransport(DataFixtures.loopbackOptions()
                .withSctp(TransportSctpOptions.enabled().withNumSctpStreams(new NumSctpStreams(1024, 2)))));
        DataConsumer a = consume(small);
        consume(small);

        Throwable error = failure(small.consumeData(DataConsumerOptions.of(dataProducer.id())));
        assertSame(MediasoupError.class, error.getClass());
        assertEquals("no sctpStreamId available", error.getMessage());

        a.close();
        assertEquals(0, consume(small).sctpStreamParameters().streamId());
    }

    @Test
    void consumeDataErrors() {
        Throwable missing = failure(transport2.consumeData(DataConsumerOptions.of(null)));
        assertInstanceOf(TypeError.class, missing);
        assertEquals("missing dataProducerId", missing.getMessage());

        Throwable unknown = failure(transport2.consumeData(DataConsumerOptions.of("nope")));
        assertSame(MediasoupError.class, unknown.getClass());
        assertEquals("DataProducer with id \"nope\" not found", unknown.getMessage());

        // The producer's maxPacketLifeTime and a given maxRetransmits cannot both apply; the stream id is not lost.
        Throwable both = failure(transport2.consumeData(DataConsumerOptions.of(dataProducer.id()).withMaxRetransmits(3)));
        assertInstanceOf(TypeError.class, both);
        assertEquals("cannot provide both maxPacketLifeTime and maxRetransmits", both.getMessage());
        Throwable ordered = failure(transport2.consumeData(DataConsumerOptions.of(dataProducer.id()).withOrdered(true)));
        assertEquals("cannot be ordered with maxPacketLifeTime or maxRetransmits", ordered.getMessage());
        assertEquals(0, consume(transport2).sctpStreamParameters().streamId());
    }

    @Test
    void overridesCanMakeAStreamReliableAgain() {
        DataConsumer consumer = result(transport2.consumeData(DataConsumerOptions.of(dataProducer.id())
                .withOrdered(true).withMaxPacketLifeTime(0)));
        assertEquals(true, consumer.sctpStreamParameters().ordered());

        DataProducer direct = result(directTransport.produceData(DataProducerOptions.direct()));
        DataConsumer ofDirect = result(transport2.consumeData(DataConsumerOptions.of(direct.id()).withMaxRetransmits(2)));
        assertEquals(false, ofDirect.sctpStreamParameters().ordered());
        assertEquals(2, ofDirect.sctpStreamParameters().maxRetransmits());
        assertEquals(true, consume(transport2, direct).sctpStreamParameters().ordered());
    }

    @Test
    void sctpOnlyMethodsRejectOnADirectConsumer() {
        DataConsumer consumer = consume(directTransport);

        Throwable send = failure(consumer.send("hi"));
        assertInstanceOf(TypeError.class, send);
        assertEquals("invalid DataConsumer type", send.getMessage());
        assertInstanceOf(TypeError.class, failure(consumer.getBufferedAmount()));
        assertInstanceOf(TypeError.class, failure(consumer.setBufferedAmountLowThreshold(10)));
    }

    @Test
    void anSctpConsumerCannotSendBeforeTheAssociationIsUp() {
        DataConsumer consumer = consume(transport2);

        assertEquals(0L, result(consumer.getBufferedAmount()));
        Throwable send = failure(consumer.send("hi"));
        assertSame(MediasoupError.class, send.getClass());
        assertEquals("message send failed", send.getMessage());
        Throwable tooBig = failure(consumer.send(new byte[262145]));
        assertInstanceOf(TypeError.class, tooBig);
        assertEquals("given message exceeds maxMessageSize value [maxMessageSize:262144, len:262145]", tooBig.getMessage());
    }

    @Test
    void setBufferedAmountLowThresholdFiresAtOnceWhenAlreadyLow() {
        DataConsumer consumer = consume(transport2);
        EventLog log = new EventLog().on(consumer.events(), DataConsumer.BUFFERED_AMOUNT_LOW, "bufferedamountlow",
                String::valueOf);

        result(consumer.setBufferedAmountLowThreshold(1000));

        assertEquals(List.of("bufferedamountlow 0"), log.entries());
        assertEquals(1000, result(consumer.dump()).bufferedAmountLowThreshold());
    }
}
