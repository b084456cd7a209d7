package io.tributary.worker.transport.pipe;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerType;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.Ports;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-PipeTransport.ts, the transport's own cases (pipeToRouter's are in PipeToRouterTest). */
class PipeTransportTest {

    private static final TransportListenInfo LOOPBACK = TransportListenInfo.udp("127.0.0.1", 0);
    private static final String GCM_KEY = "YTdjcDBvY2JoMGY5YXNlNDc0eDJsdGgwaWRvNnJsamRrdG16aWVpZHphdHo=";

    private final PipeFixtures fx = new PipeFixtures();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private PipeTransport create(PipeTransportOptions options) {
        return result(fx.router1.createPipeTransport(options));
    }

    @Test
    void creationWithDefaults() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK).withAppData(Map.of("foo", "bar")));

        TupleInfo tuple = transport.tuple();
        assertEquals("127.0.0.1", tuple.localAddress());
        assertEquals("127.0.0.1", tuple.localIp());
        assertTrue(tuple.localPort() > 0);
        assertEquals("udp", tuple.protocol());
        assertNull(tuple.remoteIp());
        assertNull(tuple.remotePort());
        assertNull(transport.srtpParameters());
        assertNull(transport.sctpParameters());
        assertNull(transport.sctpState());
        assertFalse(transport.rtx());
        assertEquals(Map.of("foo", "bar"), transport.appData());
        assertTrue(result(fx.router1.dump()).transportIds().contains(transport.id()));

        Map<String, Object> dump = result(transport.dump());
        assertEquals(transport.id(), dump.get("id"));
        assertEquals(false, dump.get("rtx"));
        assertEquals(tuple, dump.get("tuple"));
        assertFalse(dump.containsKey("srtpParameters"));
        assertFalse(dump.containsKey("link"), "no link before connect()");

        Map<String, Object> stats = result(transport.getStats()).get(0);
        assertEquals("pipe-transport", stats.get("type"));
        assertEquals(transport.id(), stats.get("transportId"));
        assertEquals(tuple, stats.get("tuple"));
        assertEquals(0L, stats.get("bytesReceived"));
        assertEquals(0L, stats.get("bytesSent"));
    }

    @Test
    void sctpParametersFollowTheOptions() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK)
                .withSctp(true, new NumSctpStreams(2048, 1024)));

        assertEquals(js("{port: 5000, OS: 2048, MIS: 1024, maxMessageSize: 268435456}"),
                tree(transport.sctpParameters()));
        assertEquals(SctpState.NEW, transport.sctpState());
        assertEquals("new", result(transport.getStats()).get(0).get("sctpState"));

        OnLoop.run(fx.worker1, transport::close);

        assertEquals(SctpState.CLOSED, transport.sctpState());
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        assertInstanceOf(TypeError.class, failure(fx.router1.createPipeTransport(PipeTransportOptions.of(null))));
        assertInstanceOf(TypeError.class, failure(fx.router1.createPipeTransport(PipeTransportOptions.of(
                new TransportListenInfo(TransportProtocol.UDP, "127.0.0.1", null, null,
                        new TransportListenInfo.PortRange(4000, 3000))))));
        assertInstanceOf(TypeError.class, failure(fx.router1.createPipeTransport(
                PipeTransportOptions.ofListenIp("123", null))));
        assertInstanceOf(TypeError.class, failure(fx.router1.createPipeTransport(
                PipeTransportOptions.of(TransportListenInfo.tcp("127.0.0.1", 0)))));
        assertInstanceOf(TypeError.class, failure(fx.router1.createPipeTransport(PipeTransportOptions.of(LOOPBACK)
                .withSctp(true, new NumSctpStreams(0, 1024)))));
    }

    @Test
    void enableRtxKeepsNackAndTheRtxCodec() {
        PipeTransport transport = create(PipeTransportOptions.of(new TransportListenInfo(TransportProtocol.UDP,
                "127.0.0.1", null, null, new TransportListenInfo.PortRange(20000, 30000))).withRtx(true));

        Consumer consumer = result(transport.consume(fx.videoProducer.id(), Map.of()));

        assertEquals(ConsumerType.PIPE, consumer.type());
        assertEquals("video", consumer.kind().value());
        assertNull(consumer.rtpParameters().mid());
        assertEquals(js("""
                [{mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                 {type: 'ccm', parameter: 'fir'}]},
                 {mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: {apt: 101},
                  rtcpFeedback: []}]"""), tree(consumer.rtpParameters().codecs()));
        List<RtpEncodingParameters> encodings = consumer.rtpParameters().encodings();
        assertEquals(3, encodings.size());
        encodings.forEach(encoding -> assertTrue(encoding.rtx() != null, "every encoding has its RTX stream"));
        assertFalse(consumer.paused());
        assertFalse(consumer.producerPaused());
        assertEquals(10, consumer.score().score());
        assertEquals(10, consumer.score().producerScore());
        assertEquals(Map.of(), consumer.appData());
    }

    @Test
    void withoutRtxNeitherNackNorRtx() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK));

        Consumer consumer = result(transport.consume(fx.videoProducer.id(), Map.of()));

        assertEquals(js("""
                [{mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                  rtcpFeedback: [{type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'}]}]"""),
                tree(consumer.rtpParameters().codecs()));
        consumer.rtpParameters().encodings().forEach(encoding -> assertNull(encoding.rtx()));
    }

    @Test
    void connectWithValidSrtpParametersSucceeds() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK).withSrtp(true));
        assertEquals("AEAD_AES_256_GCM", transport.srtpParameters().cryptoSuite());
        assertEquals(60, transport.srtpParameters().keyBase64().length());

        result(transport.connect("127.0.0.2", 9999, new SrtpParameters("AEAD_AES_256_GCM", GCM_KEY)));

        assertEquals("127.0.0.2", transport.tuple().remoteIp());
        assertEquals(9999, transport.tuple().remotePort());
        assertEquals(transport.srtpParameters(), result(transport.dump()).get("srtpParameters"));
        Throwable again = failure(transport.connect("127.0.0.2", 9999, new SrtpParameters("AEAD_AES_256_GCM", GCM_KEY)));
        assertInstanceOf(MediasoupError.class, again);
        assertFalse(again instanceof TypeError, "a second connect() is a plain Error");
    }

    @Test
    void srtpParametersWithoutEnableSrtpAreATypeError() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK).withRtx(true));
        assertNull(transport.srtpParameters());

        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters("AEAD_AES_256_GCM", GCM_KEY))));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters("invalid", null))));
    }

    @Test
    void invalidSrtpParametersAreTypeErrors() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK).withSrtp(true));

        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters(null, GCM_KEY))));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters("AEAD_AES_256_GCM", null))));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters("FOO", GCM_KEY))));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters("AEAD_AES_256_GCM", "abc"))));
        String aesCmKey = SrtpParameters.random(io.tributary.worker.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80).keyBase64();
        Throwable otherSuite = failure(transport.connect("127.0.0.2", 9999,
                new SrtpParameters("AES_CM_128_HMAC_SHA1_80", aesCmKey)));
        assertInstanceOf(TypeError.class, otherSuite);
        assertEquals("invalid/unsupported srtpParameters.cryptoSuite", otherSuite.getMessage());

        assertNull(transport.tuple().remoteIp(), "a failed connect() leaves the transport unconnected");
        result(transport.connect("127.0.0.2", 9999, new SrtpParameters("AEAD_AES_256_GCM", GCM_KEY)));
    }

    @Test
    void connectRejectsAMissingOrBadAddress() {
        PipeTransport transport = create(PipeTransportOptions.of(LOOPBACK));

        assertInstanceOf(TypeError.class, failure(transport.connect(null, 9999, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", null, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("chicken", 9999, null)));
        assertInstanceOf(TypeError.class, failure(transport.connect("127.0.0.2", 70000, null)));
        result(transport.connect("::1", 9999, null));
        assertEquals(9999, transport.tuple().remotePort());
        assertEquals("udp", ((Map<?, ?>) result(transport.dump()).get("link")).get("type"));
    }

    @Test
    void aFixedPortIsReportedAsGiven() {
        int port = Ports.freeUdpPort();

        PipeTransport transport = create(PipeTransportOptions.of(TransportListenInfo.udp("127.0.0.1", port)));

        assertEquals(port, transport.tuple().localPort());
    }

    @Test
    void methodsRejectWhenClosedAndRouterCloseIsAnnounced() {
        PipeTransport closed = create(PipeTransportOptions.of(LOOPBACK));
        PipeTransport open = create(PipeTransportOptions.of(LOOPBACK));
        EventLog log = new EventLog()
                .on(open.events(), Transport.ROUTER_CLOSE, "routerclose")
                .on(open.observer(), Transport.CLOSE, "close");

        OnLoop.run(fx.worker1, closed::close);

        assertTrue(closed.closed());
        assertInstanceOf(InvalidStateError.class, failure(closed.getStats()));
        assertInstanceOf(InvalidStateError.class, failure(closed.dump()));
        assertInstanceOf(InvalidStateError.class, failure(closed.connect("127.0.0.2", 9999, null)));
        assertInstanceOf(InvalidStateError.class, failure(closed.consume(fx.audioProducer.id(), Map.of())));

        OnLoop.run(fx.worker1, fx.router1::close);

        assertTrue(open.closed());
        assertEquals(List.of("routerclose", "close"), log.entries());
    }
}
