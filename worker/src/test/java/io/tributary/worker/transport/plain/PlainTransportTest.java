package io.tributary.worker.transport.plain;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.Ports;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-PlainTransport.ts, without SCTP and udpReusePort. */
class PlainTransportTest {

    private static final TransportListenInfo LOOPBACK = TransportListenInfo.udp("127.0.0.1", 0);
    private static final String AES_CM_KEY = "ZnQ3eWJraDg0d3ZoYzM5cXN1Y2pnaHU5NWxrZTVv";

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

    private PlainTransport create(PlainTransportOptions options) {
        return result(router.createPlainTransport(options));
    }

    @Test
    void creationWithAnAnnouncedAddress() {
        PlainTransport transport = create(PlainTransportOptions.of(LOOPBACK.withAnnouncedAddress("9.9.9.1"))
                .withAppData(Map.of("foo", "bar")));

        TupleInfo tuple = transport.tuple();
        assertEquals("9.9.9.1", tuple.localIp());
        assertEquals("9.9.9.1", tuple.localAddress());
        assertTrue(tuple.localPort() > 0);
        assertEquals("udp", tuple.protocol());
        assertNull(tuple.remoteIp());
        assertNull(transport.rtcpTuple());
        assertNull(transport.srtpParameters());
        assertEquals(Map.of("foo", "bar"), transport.appData());
        assertEquals(List.of(transport.id()), router.dump().map(d -> d.transportIds()).toCompletionStage()
                .toCompletableFuture().join());
    }

    @Test
    void rtcpMuxFalseGivesAnRtcpTupleOnItsOwnPort() {
        PlainTransport unmuxed = create(PlainTransportOptions.of(LOOPBACK).withRtcpMux(false));
        assertFalse(unmuxed.rtcpMux());
        assertEquals("127.0.0.1", unmuxed.rtcpTuple().localAddress());
        assertNotEquals(unmuxed.tuple().localPort(), unmuxed.rtcpTuple().localPort());

        int rtpPort = Ports.freeUdpPort();
        int rtcpPort = Ports.freeUdpPort();
        PlainTransport fixed = create(new PlainTransportOptions(TransportListenInfo.udp("127.0.0.1", rtpPort),
                TransportListenInfo.udp("127.0.0.1", rtcpPort), true, false, false, null, null, null));
        assertFalse(fixed.rtcpMux());
        assertEquals(rtpPort, fixed.tuple().localPort());
        assertEquals(rtcpPort, fixed.rtcpTuple().localPort());
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        assertInstanceOf(TypeError.class, failure(router.createPlainTransport(PlainTransportOptions.of(null))));
        assertInstanceOf(TypeError.class, failure(router.createPlainTransport(PlainTransportOptions.of(
                new TransportListenInfo(TransportProtocol.UDP, "127.0.0.1", null, null,
                        new TransportListenInfo.PortRange(3000, 2000))))));
        assertInstanceOf(TypeError.class, failure(router.createPlainTransport(PlainTransportOptions.of(
                TransportListenInfo.tcp("127.0.0.1", 0)))));
        assertInstanceOf(TypeError.class, failure(router.createPlainTransport(PlainTransportOptions.of(
                TransportListenInfo.udp("", 0)))));
        assertInstanceOf(TypeError.class, failure(router.createPlainTransport(PlainTransportOptions.of(LOOPBACK)
                .withSrtp("FOO"))));
    }

    @Test
    void enableSrtpGeneratesKeysOfTheSuiteLength() {
        PlainTransport aesCm = create(PlainTransportOptions.of(LOOPBACK).withSrtp(null));
        assertEquals("AES_CM_128_HMAC_SHA1_80", aesCm.srtpParameters().cryptoSuite());
        assertEquals(40, aesCm.srtpParameters().keyBase64().length());

        PlainTransport gcm = create(PlainTransportOptions.of(LOOPBACK).withSrtp("AEAD_AES_256_GCM"));
        assertEquals("AEAD_AES_256_GCM", gcm.srtpParameters().cryptoSuite());
        assertEquals(60, gcm.srtpParameters().keyBase64().length());

        PlainTransport gcm128 = create(PlainTransportOptions.of(LOOPBACK).withSrtp("AEAD_AES_128_GCM"));
        assertEquals(40, gcm128.srtpParameters().keyBase64().length());
    }

    @Test
    void srtpConnectRejectsBadSuitesAndKeys() {
        PlainTransport transport = create(PlainTransportOptions.of(LOOPBACK).withComedia(true).withSrtp(null));

        assertInstanceOf(TypeError.class, failure(transport.connect(null, null, null, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect(null, null, null,
                new SrtpParameters("FOO", AES_CM_KEY))));
        assertInstanceOf(TypeError.class, failure(transport.connect(null, null, null,
                new SrtpParameters(null, AES_CM_KEY))));
        assertInstanceOf(TypeError.class, failure(transport.connect(null, null, null,
                new SrtpParameters("AES_CM_128_HMAC_SHA1_80", null))));
        assertInstanceOf(TypeError.class, failure(transport.connect(null, null, null,
                new SrtpParameters("AES_CM_128_HMAC_SHA1_80", "abc"))));

        result(transport.connect(null, null, null, new SrtpParameters("AES_CM_128_HMAC_SHA1_80", AES_CM_KEY)));
        assertInstanceOf(MediasoupError.class, failure(transport.connect(null, null, null,
                new SrtpParameters("AES_CM_128_HMAC_SHA1_80", AES_CM_KEY))));
    }

    @Test
    void srtpConnectWithAnotherSuiteSwitchesTheLocalOne() {
        PlainTransport transport = create(PlainTransportOptions.of(LOOPBACK).withComedia(true).withSrtp(null));
        String gcmKey = SrtpParameters.random(io.tributary.worker.srtp.SrtpProfile.AEAD_AES_256_GCM).keyBase64();

        result(transport.connect(null, null, null, new SrtpParameters("AEAD_AES_256_GCM", gcmKey)));

        assertEquals("AEAD_AES_256_GCM", transport.srtpParameters().cryptoSuite());
        assertEquals(60, transport.srtpParameters().keyBase64().length());
    }

    @Test
    void connectSetsTheRemoteTuplesOnceAndRejectsWrongArguments() {
        PlainTransport transport = create(PlainTransportOptions.of(LOOPBACK).withRtcpMux(false));

        assertInstanceOf(TypeError.class, failure(transport.connect(null, 1234, 1235, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("1.2.3.4", null, 1235, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("1.2.3.4", 1234, null, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("chicken", 1234, 1235, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("1.2.3.4", 70000, 1235, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("1.2.3.4", 1234, 1235,
                new SrtpParameters("AES_CM_128_HMAC_SHA1_80", AES_CM_KEY))));

        result(transport.connect("1.2.3.4", 1234, 1235, null));

        assertEquals("1.2.3.4", transport.tuple().remoteIp());
        assertEquals(1234, transport.tuple().remotePort());
        assertEquals("1.2.3.4", transport.rtcpTuple().remoteIp());
        assertEquals(1235, transport.rtcpTuple().remotePort());
        Throwable again = failure(transport.connect("1.2.3.4", 1234, 1235, null));
        assertInstanceOf(MediasoupError.class, again);
        assertFalse(again instanceof TypeError);
    }

    @Test
    void getStatsHasThePlainType() {
        PlainTransport transport = create(PlainTransportOptions.of(LOOPBACK));

        Map<String, Object> stats = result(transport.getStats()).get(0);

        assertEquals("plain-rtp-transport", stats.get("type"));
        assertEquals(transport.id(), stats.get("transportId"));
        assertEquals(true, stats.get("rtcpMux"));
        assertEquals(false, stats.get("comedia"));
    }

    @Test
    void methodsRejectWhenClosedAndRouterCloseIsAnnounced() {
        PlainTransport closed = create(PlainTransportOptions.of(LOOPBACK));
        PlainTransport open = create(PlainTransportOptions.of(LOOPBACK));
        EventLog log = new EventLog()
                .on(open.events(), Transport.ROUTER_CLOSE, "routerclose")
                .on(open.observer(), Transport.CLOSE, "close");

        OnLoop.run(worker, closed::close);

        assertTrue(closed.closed());
        assertInstanceOf(InvalidStateError.class, failure(closed.getStats()));
        assertInstanceOf(InvalidStateError.class, failure(closed.dump()));
        assertInstanceOf(InvalidStateError.class, failure(closed.connect("1.2.3.4", 1234, null, null)));
        assertInstanceOf(InvalidStateError.class, failure(closed.setMaxIncomingBitrate(100_000)));

        OnLoop.run(worker, router::close);

        assertTrue(open.closed());
        assertEquals(List.of("routerclose", "close"), log.entries());
    }
}
