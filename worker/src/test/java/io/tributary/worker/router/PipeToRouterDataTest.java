package io.tributary.worker.router;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.data.DataType;
import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.SctpStreamParameters;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-PipeTransport.ts, the data cases, and every rule of pipeToRouter for DataProducers. */
class PipeToRouterDataTest {

    private final PipeFixtures fx = new PipeFixtures();
    private final Set<PipeTransport> pipes1 = PipeFixtures.trackPipeTransports(fx.router1);
    private final Set<PipeTransport> pipes2 = PipeFixtures.trackPipeTransports(fx.router2);
    private final WebRtcTransport sctpTransport1 = sctpTransport(fx.router1);
    private final WebRtcTransport sctpTransport2 = sctpTransport(fx.router2);
    /** mediasoup's test DataProducer: stream 666, unordered, 5 s lifetime, label 'foo', protocol 'bar'. */
    private final DataProducer dataProducer = result(sctpTransport1.produceData(DataProducerOptions.of(
            js("{streamId: 666, ordered: false, maxPacketLifeTime: 5000}")).withLabel("foo").withProtocol("bar")
            .withAppData(Map.of("foo", "bar3"))));

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static WebRtcTransport sctpTransport(Router router) {
        return result(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(
                List.of(TransportListenInfo.udp("127.0.0.1", 0))).withSctp(TransportSctpOptions.enabled())));
    }

    private PipeToRouterResult pipeData(Router to) {
        return result(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer(dataProducer.id(), to)));
    }

    private static void assertMediasoupsStream(SctpStreamParameters params) {
        assertEquals(false, params.ordered());
        assertEquals(5000, params.maxPacketLifeTime());
        assertNull(params.maxRetransmits());
    }

    @Test
    void pipesADataProducer() {
        int transports1 = result(fx.router1.dump()).transportIds().size();
        int transports2 = result(fx.router2.dump()).transportIds().size();

        PipeToRouterResult piped = pipeData(fx.router2);
        DataConsumer pipeDataConsumer = piped.pipeDataConsumer();
        DataProducer pipeDataProducer = piped.pipeDataProducer();

        assertEquals(transports1 + 1, result(fx.router1.dump()).transportIds().size(), "one pipe transport each");
        assertEquals(transports2 + 1, result(fx.router2.dump()).transportIds().size());
        assertNull(piped.pipeConsumer());
        assertNull(piped.pipeProducer());

        assertFalse(pipeDataConsumer.closed());
        assertEquals(DataType.SCTP, pipeDataConsumer.type());
        assertEquals(dataProducer.id(), pipeDataConsumer.dataProducerId());
        assertMediasoupsStream(pipeDataConsumer.sctpStreamParameters());
        assertEquals("foo", pipeDataConsumer.label());
        assertEquals("bar", pipeDataConsumer.protocol());
        assertEquals(Map.of(), pipeDataConsumer.appData());

        assertEquals(dataProducer.id(), pipeDataProducer.id());
        assertFalse(pipeDataProducer.closed());
        assertEquals(DataType.SCTP, pipeDataProducer.type());
        assertEquals(pipeDataConsumer.sctpStreamParameters(), pipeDataProducer.sctpStreamParameters(),
                "the piped DataProducer listens on the stream the pipe DataConsumer sends on");
        assertEquals("foo", pipeDataProducer.label());
        assertEquals("bar", pipeDataProducer.protocol());
        assertEquals(Map.of("foo", "bar3"), pipeDataProducer.appData());
        assertFalse(pipeDataProducer.paused());
        assertTrue(fx.router2.hasDataProducer(dataProducer.id()));
    }

    @Test
    void thePairCarriesAConnectedAssociationWithThePipeDefaults() {
        pipeData(fx.router2);

        for (PipeTransport pipe : List.of(pipes1.iterator().next(), pipes2.iterator().next())) {
            assertEquals(SctpState.CONNECTED, pipe.sctpState(), "pipeToRouter hands out a pair ready for data");
            assertEquals(js("{port: 5000, OS: 1024, MIS: 1024, maxMessageSize: 268435456}"), tree(pipe.sctpParameters()));
            Map<?, ?> dumped = (Map<?, ?>) result(pipe.dump()).get("sctpParameters");
            assertEquals(268435456L, dumped.get("sendBufferSize"));
            assertEquals(false, dumped.get("isDataChannel"));
            assertEquals("connected", result(pipe.getStats()).get(0).get("sctpState"));
        }
    }

    @Test
    void aRegularDataConsumerOfThePipedDataProducer() {
        pipeData(fx.router2);

        DataConsumer dataConsumer = result(sctpTransport2.consumeData(DataConsumerOptions.of(dataProducer.id())));

        assertFalse(dataConsumer.closed());
        assertEquals(DataType.SCTP, dataConsumer.type());
        assertMediasoupsStream(dataConsumer.sctpStreamParameters());
        assertEquals("foo", dataConsumer.label());
        assertEquals("bar", dataConsumer.protocol());
    }

    @Test
    void closingTheOriginalClosesThePipedDataProducerAndItsDataConsumers() {
        PipeToRouterResult piped = pipeData(fx.router2);
        DataConsumer dataConsumer = result(sctpTransport2.consumeData(DataConsumerOptions.of(dataProducer.id())));
        EventLog log = new EventLog()
                .on(dataConsumer.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose")
                .on(piped.pipeDataConsumer().events(), DataConsumer.DATA_PRODUCER_CLOSE, "pipe dataproducerclose")
                .on(piped.pipeDataProducer().observer(), DataProducer.CLOSE, "pipe data producer closed");

        dataProducer.close();

        log.await("pipe dataproducerclose");
        log.await("pipe data producer closed");
        log.await("dataproducerclose");
        assertTrue(dataConsumer.closed());
        assertTrue(piped.pipeDataConsumer().closed());
        assertFalse(fx.router2.hasDataProducer(dataProducer.id()));
    }

    @Test
    void closingThePipedDataProducerClosesThePipeDataConsumer() {
        PipeToRouterResult piped = pipeData(fx.router2);
        EventLog log = new EventLog().on(piped.pipeDataConsumer().observer(), DataConsumer.CLOSE, "pipe consumer closed");

        piped.pipeDataProducer().close();

        log.await("pipe consumer closed");
        assertFalse(dataProducer.closed(), "the original stays");
        assertEquals(1, pipes1.size(), "the pair stays for later pipes");
        assertEquals(dataProducer.id(), pipeData(fx.router2).pipeDataProducer().id(), "and it can be piped again");
    }

    @Test
    void closingThePipeDataConsumerClosesThePipedDataProducer() {
        PipeToRouterResult piped = pipeData(fx.router2);
        EventLog log = new EventLog().on(piped.pipeDataProducer().observer(), DataProducer.CLOSE, "piped closed");

        piped.pipeDataConsumer().close();

        log.await("piped closed");
        assertFalse(dataProducer.closed());
        OnLoop.run(fx.worker2, () -> { });
        assertFalse(fx.router2.hasDataProducer(dataProducer.id()));
    }

    @Test
    void producersAndDataProducersShareThePair() {
        result(fx.router1.pipeToRouter(PipeToRouterOptions.producer(fx.audioProducer.id(), fx.router2)));

        pipeData(fx.router2);

        assertEquals(1, pipes1.size());
        assertEquals(1, pipes2.size());
        assertEquals(List.of(dataProducer.id()), result(pipes2.iterator().next().dump()).get("dataProducerIds"));
    }

    @Test
    void anUnknownDataProducerIsATypeError() {
        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer("12345678", fx.router2)));

        assertInstanceOf(TypeError.class, error);
        assertEquals("DataProducer not found", error.getMessage());
        assertEquals(Set.of(), pipes1, "no transport is created for a rejected call");
    }

    @Test
    void aPairWithoutSctpCannotCarryData() {
        result(fx.router1.pipeToRouter(PipeToRouterOptions.producer(fx.audioProducer.id(), fx.router2)
                .withSctp(false, null)));

        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer(dataProducer.id(), fx.router2)));

        assertInstanceOf(TypeError.class, error);
        assertEquals("missing sctpParameters.MIS", error.getMessage());
        assertNull(pipes1.iterator().next().sctpState());
    }

    @Test
    void pipingBetweenRoutersOfTheSameWorkerFailsOnTheDuplicateId() {
        Router sameWorker = fx.newRouter(fx.worker1);

        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer(dataProducer.id(), sameWorker)));

        assertInstanceOf(MediasoupError.class, error);
        assertFalse(error instanceof TypeError, "the worker's duplicate-id check is a plain Error");
        assertEquals("Channel request handler with ID " + dataProducer.id()
                + " already exists [method:transport.produceData]", error.getMessage());
        assertFalse(sameWorker.hasDataProducer(dataProducer.id()));
        PipeTransport localPipe = pipes1.iterator().next();
        assertEquals(List.of(), result(localPipe.dump()).get("dataConsumerIds"), "the pipe DataConsumer is closed again");
    }

    @Test
    void theOriginalClosingWhileThePipedDataProducerIsMadeIsAnInvalidStateError() {
        pipe(fx.audioProducer.id());
        PipeTransport remotePipe = pipes2.iterator().next();
        // Closed on its own loop before the piped DataProducer's creation returns (worker 2 waits for it).
        remotePipe.observer().on(Transport.NEW_DATA_PRODUCER, piped -> OnLoop.run(fx.worker1, dataProducer::close));

        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer(dataProducer.id(), fx.router2)));

        assertInstanceOf(InvalidStateError.class, error);
        assertEquals("original DataProducer closed", error.getMessage());
        OnLoop.run(fx.worker2, () -> { });
        assertFalse(fx.router2.hasDataProducer(dataProducer.id()), "the piped DataProducer is closed again");
    }

    private void pipe(String producerId) {
        result(fx.router1.pipeToRouter(PipeToRouterOptions.producer(producerId, fx.router2)));
    }
}
