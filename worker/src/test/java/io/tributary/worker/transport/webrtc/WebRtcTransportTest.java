package io.tributary.worker.transport.webrtc;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.MediasoupFixtures.DEVICE_CAPABILITIES;
import static io.tributary.worker.testing.IceClient.bindingRequest;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ice.IceState;
import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.FingerprintAlgorithm;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceCandidateTcpType;
import io.tributary.worker.ortc.IceCandidateType;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.MediasoupFixtures;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo.PortRange;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-WebRtcTransport.ts, with real STUN where mediasoup fakes worker notifications. */
class WebRtcTransportTest {

    /** test-WebRtcTransport's router: opus (useinbandfec, foo), VP8, H264 4d0032. */
    private static final List<RtpCodecCapability> MEDIA_CODECS = codecs("""
            [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2,
              parameters: {useinbandfec: 1, foo: 'bar'}},
             {kind: 'video', mimeType: 'video/VP8', clockRate: 90000},
             {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
              parameters: {'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032',
                           foo: 'bar'}}]""");

    private static final PortRange RANGE = new PortRange(2000, 3000);

    private static final String FINGERPRINT =
            "82:5A:68:3D:36:C3:0A:DE:AF:E7:32:43:D2:88:83:57:AC:2D:65:E5:80:C4:B6:FB:AF:1A:A0:21:9F:6D:0C:AD";

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private static TransportListenInfo info(TransportProtocol protocol, String ip, String announced) {
        return new TransportListenInfo(protocol, ip, announced, null, RANGE);
    }

    /** mediasoup's six listen infos: udp/tcp with an announced IP, with announced host names, and with none. */
    private static final List<TransportListenInfo> SIX = List.of(
            info(TransportProtocol.UDP, "127.0.0.1", "9.9.9.1"),
            info(TransportProtocol.TCP, "127.0.0.1", "9.9.9.1"),
            info(TransportProtocol.UDP, "0.0.0.0", "foo1.bar.org"),
            info(TransportProtocol.TCP, "0.0.0.0", "foo2.bar.org"),
            info(TransportProtocol.UDP, "127.0.0.1", null),
            info(TransportProtocol.TCP, "127.0.0.1", null));

    private WebRtcTransport create(WebRtcTransportOptions options) {
        return result(router.createWebRtcTransport(options));
    }

    /** A transport on one UDP port of 127.0.0.1 announced as 9.9.9.1, as most of mediasoup's cases use. */
    private WebRtcTransport announcedUdpTransport() {
        return create(WebRtcTransportOptions.withListenInfos(
                List.of(info(TransportProtocol.UDP, "127.0.0.1", "9.9.9.1"))));
    }

    private static DtlsParameters remoteDtls(DtlsRole role) {
        return new DtlsParameters(role, List.of(new DtlsFingerprint(FingerprintAlgorithm.SHA_256, FINGERPRINT)));
    }

    private static void assertCandidate(IceCandidate candidate, String address, TransportProtocol protocol) {
        assertEquals(address, candidate.ip());
        assertEquals(address, candidate.address());
        assertEquals(protocol, candidate.protocol());
        assertEquals(IceCandidateType.HOST, candidate.type());
        assertEquals(protocol == TransportProtocol.TCP ? IceCandidateTcpType.PASSIVE : null, candidate.tcpType());
        assertEquals(protocol == TransportProtocol.TCP ? "tcpcandidate" : "udpcandidate", candidate.foundation());
    }

    @Test
    void sixListenInfosGiveSixCandidatesInTheirOrder() {
        EventLog log = new EventLog().on(router.observer(), Router.NEW_TRANSPORT, "newtransport", Transport::id);

        WebRtcTransport transport = create(new WebRtcTransportOptions(null, SIX, null, true, true, false,
                WebRtcTransportOptions.DEFAULT_INITIAL_AVAILABLE_OUTGOING_BITRATE,
                WebRtcTransportOptions.DEFAULT_ICE_CONSENT_TIMEOUT, Map.of("foo", "bar"), null));

        assertEquals(List.of("newtransport " + transport.id()), log.entries());
        assertEquals(js("['" + transport.id() + "']"), tree(result(router.dump())).get("transportIds"));
        assertFalse(transport.closed());
        assertEquals(Map.of("foo", "bar"), transport.appData());
        assertEquals("controlled", transport.iceRole());
        assertEquals(Boolean.TRUE, transport.iceParameters().iceLite());
        assertEquals(32, transport.iceParameters().usernameFragment().length());
        assertEquals(32, transport.iceParameters().password().length());
        List<IceCandidate> candidates = transport.iceCandidates();
        assertEquals(6, candidates.size());
        assertCandidate(candidates.get(0), "9.9.9.1", TransportProtocol.UDP);
        assertCandidate(candidates.get(1), "9.9.9.1", TransportProtocol.TCP);
        assertCandidate(candidates.get(2), "foo1.bar.org", TransportProtocol.UDP);
        assertCandidate(candidates.get(3), "foo2.bar.org", TransportProtocol.TCP);
        assertCandidate(candidates.get(4), "127.0.0.1", TransportProtocol.UDP);
        assertCandidate(candidates.get(5), "127.0.0.1", TransportProtocol.TCP);
        assertEquals(1076302079L, candidates.get(0).priority());
        for (int i = 1; i < 6; i++) {
            assertTrue(candidates.get(i - 1).priority() > candidates.get(i).priority(), "priority of candidate " + i);
        }
        for (IceCandidate candidate : candidates) {
            assertTrue(candidate.port() >= 2000 && candidate.port() <= 3000, "port " + candidate.port());
        }
        assertEquals(IceState.NEW, transport.iceState());
        assertNull(transport.iceSelectedTuple());
        assertEquals(DtlsRole.AUTO, transport.dtlsParameters().role());
        assertFalse(transport.dtlsParameters().fingerprints().isEmpty());
        assertEquals(DtlsState.NEW, transport.dtlsState());
        assertNull(transport.dtlsRemoteCert());

        JsonNode dump = tree(result(transport.dump()));
        assertEquals(transport.id(), dump.get("id").asText());
        assertFalse(dump.get("direct").asBoolean());
        assertEquals(js("[]"), dump.get("producerIds"));
        assertEquals(js("[]"), dump.get("consumerIds"));
        assertEquals("controlled", dump.get("iceRole").asText());
        assertEquals(tree(transport.iceParameters()), dump.get("iceParameters"));
        assertEquals(tree(candidates), dump.get("iceCandidates"));
        assertEquals("new", dump.get("iceState").asText());
        assertNull(dump.get("iceSelectedTuple"));
        assertEquals(tree(transport.dtlsParameters()), dump.get("dtlsParameters"));
        assertEquals("new", dump.get("dtlsState").asText());
        assertTrue(dump.get("recvRtpHeaderExtensions").isObject(), dump::toString);
        assertTrue(dump.get("rtpListener").isObject());
        assertEquals(js("[]"), dump.get("traceEventTypes"));

        OnLoop.run(worker, transport::close);
        assertTrue(transport.closed());
    }

    @Test
    void listenInfosAreAllUsedWhateverEnableUdpAndEnableTcpSay() {
        WebRtcTransport transport = create(WebRtcTransportOptions.withListenInfos(SIX));

        assertEquals(6, transport.iceCandidates().size());
        assertEquals(TransportProtocol.TCP, transport.iceCandidates().get(1).protocol());
        for (int i = 1; i < 6; i++) {
            assertEquals(transport.iceCandidates().get(i - 1).priority() - 100 * 256,
                    transport.iceCandidates().get(i).priority());
        }
    }

    @Test
    void aFixedPortIsReportedAsGiven() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        WebRtcTransport transport = create(WebRtcTransportOptions.withListenInfos(
                List.of(TransportListenInfo.tcp("127.0.0.1", port))));

        assertEquals(port, transport.iceCandidates().get(0).port());
        assertEquals(TransportProtocol.TCP, transport.iceCandidates().get(0).protocol());
    }

    @Test
    void aPortRangeRunsOut() throws IOException {
        int min = twoFreeUdpPorts();
        PortRange range = new PortRange(min, min + 1);
        WebRtcTransportOptions options = WebRtcTransportOptions.withListenInfos(
                List.of(new TransportListenInfo(TransportProtocol.UDP, "127.0.0.1", null, null, range)));

        int port1 = create(options).iceCandidates().get(0).port();
        int port2 = create(options).iceCandidates().get(0).port();

        assertTrue(port1 >= min && port1 <= min + 1);
        assertTrue(port2 >= min && port2 <= min + 1);
        assertNotEquals(port1, port2);
        Throwable error = failure(router.createWebRtcTransport(options));
        assertSame(MediasoupError.class, error.getClass(), error::toString);
    }

    /** The lower of two consecutive UDP ports of 127.0.0.1 that are free now. */
    private static int twoFreeUdpPorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            if (port >= 65535) {
                continue;
            }
            try (DatagramSocket a = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                 DatagramSocket b = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new AssertionError("no two consecutive free UDP ports");
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        Throwable none = failure(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(null)));
        assertInstanceOf(TypeError.class, none);
        assertEquals("missing webRtcServer, listenInfos and listenIps (one of them is mandatory)", none.getMessage());
        assertInstanceOf(TypeError.class,
                failure(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(List.of()))));
        assertInstanceOf(TypeError.class, failure(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(
                List.of(new TransportListenInfo(TransportProtocol.UDP, "127.0.0.1", null, null,
                        new PortRange(4000, 3000)))))));
        assertInstanceOf(TypeError.class, failure(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(
                List.of(new TransportListenInfo(TransportProtocol.UDP, null, null, null, null))))));
        assertInstanceOf(TypeError.class, failure(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(
                List.of(new TransportListenInfo(null, "127.0.0.1", null, null, null))))));
        assertEquals(js("[]"), tree(result(router.dump())).get("transportIds"));
    }

    @Test
    void aNonBindableIpIsAnError() {
        Throwable error = failure(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(
                List.of(info(TransportProtocol.UDP, "8.8.8.8", null)))));

        assertSame(MediasoupError.class, error.getClass(), error::toString);
        assertEquals(js("[]"), tree(result(router.dump())).get("transportIds"));
    }

    @Test
    void statsOfAFreshTransport() {
        WebRtcTransport transport = announcedUdpTransport();

        List<Map<String, Object>> stats = result(transport.getStats());

        assertEquals(1, stats.size());
        Map<String, Object> s = stats.get(0);
        assertEquals("webrtc-transport", s.get("type"));
        assertEquals(transport.id(), s.get("transportId"));
        assertInstanceOf(Number.class, s.get("timestamp"));
        assertEquals("controlled", s.get("iceRole"));
        assertEquals("new", s.get("iceState"));
        assertEquals("new", s.get("dtlsState"));
        for (String counter : List.of("bytesReceived", "recvBitrate", "bytesSent", "sendBitrate", "rtpBytesReceived",
                "rtpRecvBitrate", "rtpBytesSent", "rtpSendBitrate", "rtxBytesReceived", "rtxRecvBitrate",
                "rtxBytesSent", "rtxSendBitrate", "probationBytesSent", "probationSendBitrate")) {
            assertEquals(0L, ((Number) s.get(counter)).longValue(), counter);
        }
        assertFalse(s.containsKey("sctpState"));
        assertFalse(s.containsKey("iceSelectedTuple"));
        assertFalse(s.containsKey("maxIncomingBitrate"));
    }

    @Test
    void connectSetsTheLocalRoleFromTheRemoteOneAndOnlyOnce() {
        WebRtcTransport transport = announcedUdpTransport();

        assertNull(result(transport.connect(remoteDtls(DtlsRole.CLIENT))));
        Throwable again = failure(transport.connect(remoteDtls(DtlsRole.CLIENT)));

        assertSame(MediasoupError.class, again.getClass(), again::toString);
        assertEquals(DtlsRole.SERVER, transport.dtlsParameters().role());
        // Even invalid parameters are refused for that reason first, as mediasoup's worker does.
        Throwable invalidAgain = failure(transport.connect(new DtlsParameters(DtlsRole.CLIENT, List.of())));
        assertSame(MediasoupError.class, invalidAgain.getClass(), invalidAgain::toString);
    }

    @Test
    void aRemoteServerOrAutoRoleMakesTheTransportClient() {
        WebRtcTransport withServer = announcedUdpTransport();
        WebRtcTransport withAuto = announcedUdpTransport();
        WebRtcTransport withoutRole = announcedUdpTransport();

        result(withServer.connect(remoteDtls(DtlsRole.SERVER)));
        result(withAuto.connect(remoteDtls(DtlsRole.AUTO)));
        result(withoutRole.connect(remoteDtls(null)));

        assertEquals(DtlsRole.CLIENT, withServer.dtlsParameters().role());
        assertEquals(DtlsRole.CLIENT, withAuto.dtlsParameters().role());
        assertEquals(DtlsRole.CLIENT, withoutRole.dtlsParameters().role());
    }

    @Test
    void connectWithWrongArgumentsIsATypeErrorAndKeepsRoleAuto() {
        WebRtcTransport transport = announcedUdpTransport();

        assertInstanceOf(TypeError.class, failure(transport.connect(null)));
        assertInstanceOf(TypeError.class, failure(transport.connect(new DtlsParameters(DtlsRole.CLIENT, List.of()))));
        assertInstanceOf(TypeError.class, failure(transport.connect(new DtlsParameters(DtlsRole.CLIENT, List.of()))));
        // What a client's JSON with an unknown algorithm or role becomes before connect() can be called.
        assertInstanceOf(TypeError.class, failure(worker.loop().call(() -> Ortc.validateDtlsParameters(js(
                "{fingerprints: [{algorithm: 'sha-256000', value: '" + FINGERPRINT + "'}], role: 'client'}")))));
        assertInstanceOf(TypeError.class, failure(worker.loop().call(() -> Ortc.validateDtlsParameters(js(
                "{fingerprints: [{algorithm: 'sha-256', value: '" + FINGERPRINT + "'}], role: 'chicken'}")))));

        assertEquals(DtlsRole.AUTO, transport.dtlsParameters().role());
        assertNull(result(transport.connect(remoteDtls(DtlsRole.CLIENT))));
    }

    @Test
    void restartIceGivesNewCredentials() {
        WebRtcTransport transport = announcedUdpTransport();
        IceParameters before = transport.iceParameters();

        IceParameters after = result(transport.restartIce());

        assertEquals(Boolean.TRUE, after.iceLite());
        assertEquals(32, after.usernameFragment().length());
        assertEquals(32, after.password().length());
        assertNotEquals(before.usernameFragment(), after.usernameFragment());
        assertNotEquals(before.password(), after.password());
        assertEquals(after, transport.iceParameters());
    }

    @Test
    void iceAndDtlsStateEventsFireOncePerRealChange() throws IOException {
        WebRtcTransport transport = announcedUdpTransport();
        EventLog log = new EventLog()
                .on(transport.events(), WebRtcTransport.ICE_STATE_CHANGE, "icestatechange", IceState::value)
                .on(transport.observer(), WebRtcTransport.ICE_STATE_CHANGE, "observer icestatechange", IceState::value)
                .on(transport.events(), WebRtcTransport.ICE_SELECTED_TUPLE_CHANGE, "iceselectedtuplechange",
                        TupleInfo::protocol)
                .on(transport.events(), WebRtcTransport.DTLS_STATE_CHANGE, "dtlsstatechange", DtlsState::value)
                .on(transport.observer(), WebRtcTransport.DTLS_STATE_CHANGE, "observer dtlsstatechange",
                        DtlsState::value);

        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            assertEquals(StunClass.SUCCESS_RESPONSE, bindingRequest(client, transport));
            log.await("observer icestatechange completed");
            assertEquals(StunClass.SUCCESS_RESPONSE, bindingRequest(client, transport));
            OnLoop.run(worker, () -> { });

            // mediasoup's worker announces the selected tuple before the state.
            assertEquals(List.of("iceselectedtuplechange udp", "icestatechange completed",
                    "observer icestatechange completed"), log.entries());
            assertEquals(IceState.COMPLETED, transport.iceState());
            TupleInfo tuple = transport.iceSelectedTuple();
            assertEquals(new TupleInfo("9.9.9.1", "9.9.9.1", transport.iceCandidates().get(0).port(), "127.0.0.1",
                    client.getLocalPort(), "udp"), tuple);
            Map<String, Object> stats = result(transport.getStats()).get(0);
            assertEquals("completed", stats.get("iceState"));
            assertEquals(tuple, stats.get("iceSelectedTuple"));

            result(transport.connect(remoteDtls(DtlsRole.SERVER)));
            log.await("observer dtlsstatechange connecting");
            assertEquals(DtlsState.CONNECTING, transport.dtlsState());

            OnLoop.run(worker, transport::close);
            OnLoop.run(worker, () -> { });

            assertEquals(List.of("iceselectedtuplechange udp", "icestatechange completed",
                    "observer icestatechange completed", "dtlsstatechange connecting",
                    "observer dtlsstatechange connecting"), log.entries());
            assertEquals(IceState.CLOSED, transport.iceState());
            assertNull(transport.iceSelectedTuple());
            assertEquals(DtlsState.CLOSED, transport.dtlsState());
        }
    }

    @Test
    void methodsRejectWhenClosedAndStatesAreClosed() {
        WebRtcTransport transport = announcedUdpTransport();
        EventLog log = new EventLog()
                .on(transport.observer(), Transport.CLOSE, "close")
                .on(transport.events(), WebRtcTransport.ICE_STATE_CHANGE, "icestatechange", IceState::value)
                .on(transport.events(), WebRtcTransport.DTLS_STATE_CHANGE, "dtlsstatechange", DtlsState::value);

        OnLoop.run(worker, transport::close);
        OnLoop.run(worker, transport::close);

        assertEquals(List.of("close"), log.entries());
        assertTrue(transport.closed());
        assertEquals(IceState.CLOSED, transport.iceState());
        assertNull(transport.iceSelectedTuple());
        assertEquals(DtlsState.CLOSED, transport.dtlsState());
        assertInstanceOf(InvalidStateError.class, failure(transport.dump()));
        assertInstanceOf(InvalidStateError.class, failure(transport.getStats()));
        assertInstanceOf(InvalidStateError.class, failure(transport.connect(remoteDtls(DtlsRole.CLIENT))));
        assertInstanceOf(InvalidStateError.class, failure(transport.restartIce()));
        assertInstanceOf(InvalidStateError.class, failure(transport.produce(
                ProducerOptions.of("audio", MediasoupFixtures.AUDIO_RTP_PARAMETERS))));
        assertInstanceOf(InvalidStateError.class,
                failure(transport.consume(ConsumerOptions.of("foo", DEVICE_CAPABILITIES))));
    }

    @Test
    void closingTheRouterEmitsRoutercloseAndClosesTheStates() {
        WebRtcTransport transport = announcedUdpTransport();
        EventLog log = new EventLog()
                .on(transport.events(), Transport.ROUTER_CLOSE, "routerclose")
                .on(transport.observer(), Transport.CLOSE, "close");

        OnLoop.run(worker, router::close);

        assertEquals(List.of("routerclose", "close"), log.entries());
        assertTrue(transport.closed());
        assertEquals(IceState.CLOSED, transport.iceState());
        assertNull(transport.iceSelectedTuple());
        assertEquals(DtlsState.CLOSED, transport.dtlsState());
    }

    @Test
    void closingTheWorkerEmitsRouterclose() {
        WebRtcTransport transport = announcedUdpTransport();
        EventLog log = new EventLog()
                .on(transport.events(), Transport.ROUTER_CLOSE, "routerclose")
                .on(transport.observer(), Transport.CLOSE, "close");

        result(worker.close());

        assertEquals(List.of("routerclose", "close"), log.entries());
        assertEquals(IceState.CLOSED, transport.iceState());
        assertEquals(DtlsState.CLOSED, transport.dtlsState());
    }

    @Test
    void theDumpTracksProducersConsumersAndTheirSsrcs() {
        Router consumerRouter = result(worker.createRouter(RouterOptions.of(MediasoupFixtures.MEDIA_CODECS)));
        WebRtcTransport transport = MediasoupFixtures.loopbackTransport(consumerRouter);
        var video = result(transport.produce(MediasoupFixtures.videoProducerOptions()));
        var consumer = result(transport.consume(ConsumerOptions.of(video.id(), DEVICE_CAPABILITIES)));

        JsonNode dump = tree(result(transport.dump()));

        assertEquals(js("['" + video.id() + "']"), dump.get("producerIds"));
        assertEquals(js("['" + consumer.id() + "']"), dump.get("consumerIds"));
        var encoding = consumer.rtpParameters().encodings().get(0);
        assertEquals(js("{'" + encoding.ssrc() + "': '" + consumer.id() + "'}"), dump.get("mapSsrcConsumerId"));
        assertEquals(js("{'" + encoding.rtx().ssrc() + "': '" + consumer.id() + "'}"),
                dump.get("mapRtxSsrcConsumerId"));
        assertEquals(js("{mid: 10}"), dump.get("recvRtpHeaderExtensions"));
        assertEquals(video.id(), dump.at("/rtpListener/midTable/VIDEO").asText());
        assertEquals(video.id(), dump.at("/rtpListener/ssrcTable/22222222").asText());
        assertEquals(video.id(), dump.at("/rtpListener/ssrcTable/22222223").asText());
        assertNotNull(dump.get("maxMessageSize"));
    }
}
