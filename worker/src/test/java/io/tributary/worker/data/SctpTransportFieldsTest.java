package io.tributary.worker.data;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.plain.PlainTransport;
import io.tributary.worker.transport.plain.PlainTransportOptions;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SCTP fields of test-WebRtcTransport and test-PlainTransport, and the transport dump and stats data fields. */
class SctpTransportFieldsTest {

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private WebRtcTransport webRtc(TransportSctpOptions sctp) {
        return result(router.createWebRtcTransport(DataFixtures.loopbackOptions().withSctp(sctp)));
    }

    private PlainTransport plain(TransportSctpOptions sctp) {
        return result(router.createPlainTransport(PlainTransportOptions.of(TransportListenInfo.udp("127.0.0.1", 0))
                .withSctp(sctp)));
    }

    @Test
    void webRtcTransportReportsItsSctpParametersAndState() {
        WebRtcTransport transport = webRtc(TransportSctpOptions.enabled()
                .withNumSctpStreams(new NumSctpStreams(2048, 2048)).withMaxSctpMessageSize(1_000_000));

        assertEquals(js("{port: 5000, OS: 2048, MIS: 2048, maxMessageSize: 1000000}"), tree(transport.sctpParameters()));
        assertEquals(SctpState.NEW, transport.sctpState());

        Map<String, Object> dump = result(transport.dump());
        assertEquals(1_000_000L, dump.get("maxMessageSize"));
        assertEquals(js("""
                {port: 5000, OS: 2048, MIS: 2048, maxMessageSize: 1000000, sendBufferSize: 262144,
                 sctpBufferedAmount: 0, isDataChannel: true}"""), tree(dump.get("sctpParameters")));
        assertEquals("new", dump.get("sctpState"));
        assertEquals(js("{streamIdTable: []}"), tree(dump.get("sctpListener")));
        List<String> keys = List.copyOf(dump.keySet());
        assertEquals(List.of("maxMessageSize", "dataProducerIds", "dataConsumerIds", "sctpParameters", "sctpState",
                "sctpListener", "traceEventTypes"), keys.subList(keys.indexOf("maxMessageSize"), keys.indexOf("traceEventTypes") + 1));

        Map<String, Object> stats = result(transport.getStats()).get(0);
        assertEquals("new", stats.get("sctpState"));
        assertEquals(List.of("type", "transportId", "timestamp", "sctpState"), List.copyOf(stats.keySet()).subList(0, 4));
    }

    @Test
    void theSctpListenerMapsStreamsToDataProducers() {
        WebRtcTransport transport = webRtc(TransportSctpOptions.enabled());
        DataProducer three = result(transport.produceData(DataProducerOptions.of(js("{streamId: 3}"))));
        DataProducer one = result(transport.produceData(DataProducerOptions.of(js("{streamId: 1}"))));

        assertEquals(js("""
                {streamIdTable: [{key: 1, value: '%s'}, {key: 3, value: '%s'}]}""".formatted(one.id(), three.id())),
                tree(result(transport.dump()).get("sctpListener")));
    }

    @Test
    void withoutSctpThereAreNoSctpFields() {
        WebRtcTransport transport = webRtc(TransportSctpOptions.DISABLED);

        assertNull(transport.sctpParameters());
        assertNull(transport.sctpState());
        Map<String, Object> dump = result(transport.dump());
        assertEquals(262144L, dump.get("maxMessageSize"));
        assertEquals(List.of(), dump.get("dataProducerIds"));
        assertFalse(dump.containsKey("sctpParameters") || dump.containsKey("sctpState") || dump.containsKey("sctpListener"));
        assertFalse(result(transport.getStats()).get(0).containsKey("sctpState"));
    }

    @Test
    void plainTransportUsesTheDefaults() {
        PlainTransport transport = plain(TransportSctpOptions.enabled());

        assertEquals(js("{port: 5000, OS: 1024, MIS: 1024, maxMessageSize: 262144}"), tree(transport.sctpParameters()));
        assertEquals(SctpState.NEW, transport.sctpState());
        assertEquals(false, ((Map<?, ?>) result(transport.dump()).get("sctpParameters")).get("isDataChannel"));
        assertEquals("new", result(transport.getStats()).get(0).get("sctpState"));
    }

    @Test
    void closingSetsSctpStateClosedWithoutAnEvent() {
        WebRtcTransport webRtc = webRtc(TransportSctpOptions.enabled());
        PlainTransport plain = plain(TransportSctpOptions.enabled());
        List<SctpState> events = new CopyOnWriteArrayList<>();
        webRtc.events().on(WebRtcTransport.SCTP_STATE_CHANGE, events::add);
        plain.observer().on(PlainTransport.SCTP_STATE_CHANGE, events::add);

        webRtc.close();
        plain.close();
        result(worker.loop().call(() -> null));

        assertEquals(SctpState.CLOSED, webRtc.sctpState());
        assertEquals(SctpState.CLOSED, plain.sctpState());
        assertEquals(List.of(), events);
    }

    @Test
    void routerCloseAlsoClosesTheAssociation() {
        PlainTransport plain = plain(TransportSctpOptions.enabled());
        router.close();
        result(worker.loop().call(() -> null));
        assertEquals(SctpState.CLOSED, plain.sctpState());
    }

    @Test
    void badSctpOptionsAreTypeErrors() {
        Throwable streams = failure(router.createWebRtcTransport(DataFixtures.loopbackOptions()
                .withSctp(TransportSctpOptions.enabled().withNumSctpStreams(new NumSctpStreams(0, 1024)))));
        assertInstanceOf(TypeError.class, streams);
        Throwable buffer = failure(router.createPlainTransport(PlainTransportOptions.of(TransportListenInfo.udp("127.0.0.1", 0))
                .withSctp(TransportSctpOptions.enabled().withSctpSendBufferSize(268435457L))));
        assertInstanceOf(TypeError.class, buffer);
        assertEquals("wrong sctpSendBufferSize (maximum value exceeded)", buffer.getMessage());
        assertInstanceOf(TypeError.class, failure(router.createWebRtcTransport(DataFixtures.loopbackOptions()
                .withSctp(TransportSctpOptions.enabled().withMaxSctpMessageSize(0)))));
        // Sizes are not checked while SCTP stays off.
        result(router.createWebRtcTransport(DataFixtures.loopbackOptions()
                .withSctp(TransportSctpOptions.DISABLED.withMaxSctpMessageSize(0))));
    }

    @Test
    void signaledNumSctpStreamsMustHaveOsAndMis() {
        assertEquals(new NumSctpStreams(2048, 256), TransportSctpOptions.parseNumSctpStreams(js("{OS: 2048, MIS: 256}")));
        for (String bad : List.of("'foo'", "{OS: 1}", "{MIS: 1}", "{OS: '1', MIS: 1}", "null")) {
            TypeError error = assertThrows(TypeError.class, () -> TransportSctpOptions.parseNumSctpStreams(js(bad)));
            assertEquals("if given, numSctpStreams must contain OS and MIS", error.getMessage());
        }
    }

    @Test
    void pipeDefaultsAreLarger() {
        TransportSctpOptions pipe = TransportSctpOptions.pipeDefaults();
        assertFalse(pipe.enableSctp());
        assertEquals(268435456L, pipe.maxSctpMessageSize());
        assertEquals(268435456L, pipe.sctpSendBufferSize());
        assertEquals(new NumSctpStreams(1024, 1024), pipe.numSctpStreams());
    }

    @Test
    void sctpPacketsAreToldApartFromRtpAndRtcp() {
        byte[] sctp = {0x13, (byte) 0x88, 0x13, (byte) 0x88, 0, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(TransportData.isSctp(sctp, 0, 12));
        assertFalse(TransportData.isSctp(sctp, 0, 11));
        byte[] otherPorts = {0x13, (byte) 0x88, 0x13, (byte) 0x89, 0, 0, 0, 0, 0, 0, 0, 0};
        assertFalse(TransportData.isSctp(otherPorts, 0, 12));
        byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
        assertFalse(TransportData.isSctp(rtp, 0, 12));
    }
}
