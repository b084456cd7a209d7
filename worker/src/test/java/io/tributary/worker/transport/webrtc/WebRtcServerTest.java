package io.tributary.worker.transport.webrtc;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.MediasoupFixtures.DEVICE_CAPABILITIES;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static io.tributary.worker.testing.MediasoupFixtures.audioProducerOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerDump;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ice.IceState;
import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.ice.StunWriter;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceCandidateTcpType;
import io.tributary.worker.ortc.IceCandidateType;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo.PortRange;
import io.tributary.worker.transport.TransportListenInfo;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-WebRtcServer.ts. */
class WebRtcServerTest {

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private int udpPort;
    private int tcpPort;

    @BeforeEach
    void setUp() throws IOException {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        udpPort = freeUdpPort();
        tcpPort = freeTcpPort();
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private WebRtcServer createServer(List<TransportListenInfo> infos, Map<String, Object> appData) {
        return result(worker.createWebRtcServer(new WebRtcServerOptions(infos, appData)));
    }

    /** The server of most cases: UDP and TCP on 127.0.0.1, fixed ports. */
    private WebRtcServer udpAndTcpServer() {
        return createServer(List.of(TransportListenInfo.udp("127.0.0.1", udpPort),
                TransportListenInfo.tcp("127.0.0.1", tcpPort)), null);
    }

    private static WebRtcTransportOptions onServer(WebRtcServer server) {
        return WebRtcTransportOptions.withServer(server);
    }

    private void assertFreshServerDump(WebRtcServer server, int udp, int tcp) {
        assertEquals(js("""
                {id: '%s', udpSockets: [{ip: '127.0.0.1', port: %d}], tcpServers: [{ip: '127.0.0.1', port: %d}],
                 webRtcTransportIds: [], localIceUsernameFragments: [], tupleHashes: []}"""
                .formatted(server.id(), udp, tcp)), tree(result(server.dump())));
    }

    private void assertWorkerDumpListsOnly(WebRtcServer server) {
        WorkerDump dump = result(worker.dump());
        assertEquals(List.of(server.id()), dump.webRtcServerIds());
        assertEquals(List.of(), dump.routerIds());
        assertEquals(List.of(server.id()), dump.channelMessageHandlers().channelRequestHandlers());
        assertEquals(List.of(), dump.channelMessageHandlers().channelNotificationHandlers());
    }

    @Test
    void createWithExplicitPorts() {
        EventLog log = new EventLog().on(worker.observer(), Worker.NEW_WEBRTC_SERVER, "newwebrtcserver",
                WebRtcServer::id);

        WebRtcServer server = createServer(List.of(TransportListenInfo.udp("127.0.0.1", udpPort),
                TransportListenInfo.tcp("127.0.0.1", tcpPort).withAnnouncedAddress("foo.bar.org")),
                Map.of("foo", 123));

        assertEquals(List.of("newwebrtcserver " + server.id()), log.entries());
        assertNotNull(server.id());
        assertFalse(server.closed());
        assertEquals(Map.of("foo", 123), server.appData());
        assertWorkerDumpListsOnly(server);
        assertFreshServerDump(server, udpPort, tcpPort);

        result(worker.close());

        assertTrue(server.closed());
    }

    @Test
    void createWithPortRanges() {
        WebRtcServer server = createServer(List.of(
                new TransportListenInfo(TransportProtocol.UDP, "127.0.0.1", null, null,
                        new PortRange(udpPort, udpPort)),
                new TransportListenInfo(TransportProtocol.TCP, "127.0.0.1", "1.2.3.4", null,
                        new PortRange(tcpPort, tcpPort))), Map.of("foo", 123));

        assertEquals(Map.of("foo", 123), server.appData());
        assertWorkerDumpListsOnly(server);
        assertFreshServerDump(server, udpPort, tcpPort);
    }

    @Test
    void createWithoutPortOrRangeTakesAPortOfTheWorkerRange() {
        WebRtcServer server = createServer(List.of(
                new TransportListenInfo(TransportProtocol.UDP, "127.0.0.1", null, null, null),
                new TransportListenInfo(TransportProtocol.TCP, "127.0.0.1", "1.2.3.4", null, null)), null);

        JsonNode dump = tree(result(server.dump()));
        int udp = dump.at("/udpSockets/0/port").asInt();
        int tcp = dump.at("/tcpServers/0/port").asInt();
        assertTrue(udp >= 10000 && udp <= 59999, "udp port " + udp);
        assertTrue(tcp >= 10000 && tcp <= 59999, "tcp port " + tcp);
        assertFreshServerDump(server, udp, tcp);
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        assertInstanceOf(TypeError.class, failure(worker.createWebRtcServer(WebRtcServerOptions.of(null))));
        assertInstanceOf(TypeError.class, failure(worker.createWebRtcServer(WebRtcServerOptions.of(List.of()))));
        assertInstanceOf(TypeError.class, failure(worker.createWebRtcServer(WebRtcServerOptions.of(
                List.of(new TransportListenInfo(TransportProtocol.UDP, null, null, udpPort, null))))));
        assertEquals(List.of(), result(worker.dump()).webRtcServerIds());
    }

    @Test
    void unavailableListenInfosAreErrors() throws IOException {
        int otherPort = freeUdpPort();
        Throwable foreignIp = failure(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                TransportListenInfo.udp("127.0.0.1", otherPort), TransportListenInfo.udp("1.2.3.4", udpPort)))));
        assertSame(MediasoupError.class, foreignIp.getClass(), foreignIp::toString);

        Throwable samePortTwice = failure(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                TransportListenInfo.udp("127.0.0.1", otherPort),
                TransportListenInfo.udp("127.0.0.1", otherPort).withAnnouncedAddress("1.2.3.4")))));
        assertSame(MediasoupError.class, samePortTwice.getClass(), samePortTwice::toString);
        assertEquals(List.of(), result(worker.dump()).webRtcServerIds());

        createServer(List.of(TransportListenInfo.udp("127.0.0.1", udpPort)), null);
        Worker worker2 = result(Worker.create(vertx, WorkerSettings.defaults()));
        try {
            Throwable takenByAnotherWorker = failure(worker2.createWebRtcServer(
                    WebRtcServerOptions.of(List.of(TransportListenInfo.udp("127.0.0.1", udpPort)))));
            assertSame(MediasoupError.class, takenByAnotherWorker.getClass(), takenByAnotherWorker::toString);
        } finally {
            result(worker2.close());
        }
    }

    @Test
    void aClosedWorkerRejectsWithInvalidStateError() {
        result(worker.close());

        assertInstanceOf(InvalidStateError.class, failure(worker.createWebRtcServer(
                WebRtcServerOptions.of(List.of(TransportListenInfo.udp("127.0.0.1", udpPort))))));
    }

    @Test
    void closeFiresObserverCloseOnce() {
        WebRtcServer server = createServer(List.of(TransportListenInfo.udp("127.0.0.1", udpPort)), null);
        EventLog log = new EventLog()
                .on(server.observer(), WebRtcServer.CLOSE, "close")
                .on(server.events(), WebRtcServer.WORKER_CLOSE, "workerclose");

        OnLoop.run(worker, server::close);
        OnLoop.run(worker, server::close);

        assertEquals(List.of("close"), log.entries());
        assertTrue(server.closed());
        assertEquals(List.of(), result(worker.dump()).webRtcServerIds());
        assertInstanceOf(InvalidStateError.class, failure(server.dump()));
    }

    @Test
    void closingTheWorkerEmitsWorkercloseThenClose() {
        WebRtcServer server = createServer(List.of(TransportListenInfo.tcp("127.0.0.1", tcpPort)), null);
        EventLog log = new EventLog()
                .on(server.events(), WebRtcServer.WORKER_CLOSE, "workerclose")
                .on(server.observer(), WebRtcServer.CLOSE, "close");

        result(worker.close());

        assertEquals(List.of("workerclose", "close"), log.entries());
        assertTrue(server.closed());
    }

    @Test
    void aTransportWithoutUdpGetsTheTcpCandidateAndLeavesWhenClosed() {
        WebRtcServer server = udpAndTcpServer();
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        EventLog log = new EventLog()
                .on(server.observer(), WebRtcServer.WEBRTC_TRANSPORT_HANDLED, "handled", Transport::id)
                .on(server.observer(), WebRtcServer.WEBRTC_TRANSPORT_UNHANDLED, "unhandled", Transport::id)
                .on(router.observer(), Router.NEW_TRANSPORT, "newtransport", Transport::id);

        WebRtcTransport transport = result(router.createWebRtcTransport(new WebRtcTransportOptions(server, null,
                false, null, false, false, WebRtcTransportOptions.DEFAULT_INITIAL_AVAILABLE_OUTGOING_BITRATE,
                WebRtcTransportOptions.DEFAULT_ICE_CONSENT_TIMEOUT, Map.of("foo", "bar"), null)));

        assertEquals(List.of("handled " + transport.id(), "newtransport " + transport.id()), log.entries());
        assertEquals(js("['" + transport.id() + "']"), tree(result(router.dump())).get("transportIds"));
        assertEquals(Map.of("foo", "bar"), transport.appData());
        List<IceCandidate> candidates = transport.iceCandidates();
        assertEquals(1, candidates.size());
        assertEquals("127.0.0.1", candidates.get(0).ip());
        assertEquals(tcpPort, candidates.get(0).port());
        assertEquals(TransportProtocol.TCP, candidates.get(0).protocol());
        assertEquals(IceCandidateType.HOST, candidates.get(0).type());
        assertEquals(IceCandidateTcpType.PASSIVE, candidates.get(0).tcpType());
        // The second listen info's preference: 10000 - 100.
        assertEquals(1076302079L - 100 * 256, candidates.get(0).priority());
        assertEquals(IceState.NEW, transport.iceState());
        assertNull(transport.iceSelectedTuple());
        JsonNode dump = tree(result(server.dump()));
        assertEquals(js("['" + transport.id() + "']"), dump.get("webRtcTransportIds"));
        assertEquals(js("[{localIceUsernameFragment: '" + transport.iceParameters().usernameFragment()
                + "', webRtcTransportId: '" + transport.id() + "'}]"), dump.get("localIceUsernameFragments"));
        assertEquals(js("[]"), dump.get("tupleHashes"));

        OnLoop.run(worker, transport::close);

        assertTrue(transport.closed());
        assertEquals(List.of("handled " + transport.id(), "newtransport " + transport.id(),
                "unhandled " + transport.id()), log.entries());
        assertFreshServerDump(server, udpPort, tcpPort);
        assertEquals(js("[]"), tree(result(router.dump())).get("transportIds"));
    }

    @Test
    void preferTcpRaisesTheTcpCandidate() {
        WebRtcServer server = udpAndTcpServer();
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));

        WebRtcTransport transport = result(router.createWebRtcTransport(onServer(server)
                .withProtocols(true, true, false, true)));

        List<IceCandidate> candidates = transport.iceCandidates();
        assertEquals(TransportProtocol.UDP, candidates.get(0).protocol());
        assertEquals(TransportProtocol.TCP, candidates.get(1).protocol());
        assertEquals(1076302079L, candidates.get(0).priority());
        assertEquals(1076302079L + 900 * 256, candidates.get(1).priority());
    }

    @Test
    void aServerWithNoSocketOfTheEnabledProtocolsGivesATypeError() {
        WebRtcServer server = createServer(List.of(TransportListenInfo.udp("127.0.0.1", udpPort)), null);
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));

        Throwable error = failure(router.createWebRtcTransport(
                onServer(server).withProtocols(false, true, false, false)));

        assertInstanceOf(TypeError.class, error);
        assertEquals(js("[]"), tree(result(server.dump())).get("webRtcTransportIds"));
    }

    @Test
    void closingTheServerClosesItsTransportsWithListenserverclose() {
        WebRtcServer server = udpAndTcpServer();
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        EventLog log = new EventLog()
                .on(server.observer(), WebRtcServer.WEBRTC_TRANSPORT_HANDLED, "handled")
                .on(server.observer(), WebRtcServer.WEBRTC_TRANSPORT_UNHANDLED, "unhandled")
                .on(server.observer(), WebRtcServer.CLOSE, "server close");
        WebRtcTransport transport = result(router.createWebRtcTransport(onServer(server)));
        log.on(transport.events(), Transport.LISTEN_SERVER_CLOSE, "listenserverclose")
                .on(transport.events(), Transport.ROUTER_CLOSE, "routerclose")
                .on(transport.observer(), Transport.CLOSE, "transport close");

        List<IceCandidate> candidates = transport.iceCandidates();
        assertEquals(2, candidates.size());
        assertEquals(udpPort, candidates.get(0).port());
        assertEquals(TransportProtocol.UDP, candidates.get(0).protocol());
        assertNull(candidates.get(0).tcpType());
        assertEquals(tcpPort, candidates.get(1).port());
        assertEquals(TransportProtocol.TCP, candidates.get(1).protocol());
        assertEquals(IceCandidateTcpType.PASSIVE, candidates.get(1).tcpType());
        String firstUfrag = transport.iceParameters().usernameFragment();
        IceParameters restarted = result(transport.restartIce());
        assertEquals(js("""
                [{localIceUsernameFragment: '%s', webRtcTransportId: '%s'},
                 {localIceUsernameFragment: '%s', webRtcTransportId: '%s'}]"""
                .formatted(firstUfrag, transport.id(), restarted.usernameFragment(), transport.id())),
                sortedByUfrag(tree(result(server.dump())).get("localIceUsernameFragments"), firstUfrag));

        OnLoop.run(worker, server::close);

        assertEquals(List.of("handled", "listenserverclose", "transport close", "unhandled", "server close"),
                log.entries());
        assertTrue(server.closed());
        assertTrue(transport.closed());
        assertEquals(IceState.CLOSED, transport.iceState());
        assertNull(transport.iceSelectedTuple());
        assertEquals(DtlsState.CLOSED, transport.dtlsState());
        WorkerDump workerDump = result(worker.dump());
        assertEquals(List.of(), workerDump.webRtcServerIds());
        assertEquals(List.of(router.id()), workerDump.routerIds());
        assertEquals(List.of(router.id()), workerDump.channelMessageHandlers().channelRequestHandlers());
        assertEquals(js("[]"), tree(result(router.dump())).get("transportIds"));
    }

    /** The entry of {@code first} first (the dump's order of ufrags is not specified). */
    private static JsonNode sortedByUfrag(JsonNode entries, String first) {
        assertEquals(2, entries.size(), entries::toString);
        if (entries.get(0).get("localIceUsernameFragment").asText().equals(first)) {
            return entries;
        }
        return js("[" + entries.get(1) + ", " + entries.get(0) + "]");
    }

    @Test
    void closingTheServerClosesEveryEntityOfItsTransportsWithTransportclose() {
        WebRtcServer server = udpAndTcpServer();
        Router router = result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        WebRtcTransport transport1 = result(router.createWebRtcTransport(onServer(server)));
        WebRtcTransport transport2 = result(router.createWebRtcTransport(onServer(server)));
        Producer producer = result(transport1.produce(audioProducerOptions()));
        Consumer consumer = result(transport2.consume(ConsumerOptions.of(producer.id(), DEVICE_CAPABILITIES)));
        EventLog log = new EventLog()
                .on(producer.events(), Producer.TRANSPORT_CLOSE, "producer transportclose")
                .on(consumer.events(), Consumer.TRANSPORT_CLOSE, "consumer transportclose")
                .on(consumer.events(), Consumer.PRODUCER_CLOSE, "consumer producerclose")
                .on(transport1.events(), Transport.LISTEN_SERVER_CLOSE, "transport1 listenserverclose")
                .on(transport2.events(), Transport.LISTEN_SERVER_CLOSE, "transport2 listenserverclose");

        OnLoop.run(worker, server::close);
        OnLoop.run(worker, () -> { });

        assertEquals(List.of("producer transportclose", "transport1 listenserverclose", "consumer transportclose",
                "transport2 listenserverclose"), log.entries());
        assertTrue(consumer.closed());
    }

    @Test
    void aClosedServerCannotTakeTransports() {
        WebRtcServer server = udpAndTcpServer();
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        OnLoop.run(worker, server::close);

        Throwable error = failure(router.createWebRtcTransport(onServer(server)));

        assertInstanceOf(MediasoupError.class, error);
        assertEquals(js("[]"), tree(result(router.dump())).get("transportIds"));
    }

    @Test
    void theServerRoutesStunByUfragAndRecordsTheTuple() throws IOException {
        WebRtcServer server = udpAndTcpServer();
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        WebRtcTransport transport = result(router.createWebRtcTransport(onServer(server)));
        WebRtcTransport other = result(router.createWebRtcTransport(onServer(server)));
        EventLog log = new EventLog()
                .on(transport.events(), WebRtcTransport.ICE_STATE_CHANGE, "transport", s -> s.value())
                .on(other.events(), WebRtcTransport.ICE_STATE_CHANGE, "other", s -> s.value());

        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            IceParameters local = transport.iceParameters();
            byte[] tid = new byte[12];
            new Random().nextBytes(tid);
            byte[] out = new byte[256];
            StunWriter writer = new StunWriter().begin(out, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                    .username(local.usernameFragment() + ":remote").priority(1853824767L).iceControlling(7)
                    .useCandidate().messageIntegrity(StunMessage.integrityMac(local.password())).fingerprint();
            client.send(new DatagramPacket(out, writer.length(), new InetSocketAddress("127.0.0.1", udpPort)));
            client.receive(new DatagramPacket(new byte[512], 512));
            log.await("transport completed");
        }

        JsonNode tuples = tree(result(server.dump())).get("tupleHashes");
        assertEquals(1, tuples.size(), tuples::toString);
        assertEquals(transport.id(), tuples.get(0).get("webRtcTransportId").asText());
        assertEquals(IceState.NEW, other.iceState());
        assertEquals(List.of("transport completed"), log.entries());
    }
}
