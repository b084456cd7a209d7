package io.tributary.worker.transport;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static io.tributary.worker.testing.MediasoupFixtures.loopbackTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.rtcp.RembPacket;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's transport bitrate setters and enableTraceEvent(), and the limitation REMB. */
class TransportBitratesTest {

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

    @Test
    void bitratesFollowTheWorkerRulesAndShowInStats() {
        WebRtcTransport transport = loopbackTransport(router);
        Map<String, Object> stats = result(transport.getStats()).get(0);
        assertFalse(stats.containsKey("maxIncomingBitrate"));
        assertFalse(stats.containsKey("maxOutgoingBitrate"));
        assertFalse(stats.containsKey("minOutgoingBitrate"));

        result(transport.setMaxIncomingBitrate(100_000));
        result(transport.setMaxOutgoingBitrate(2_000_000));
        result(transport.setMinOutgoingBitrate(100_000));
        assertInstanceOf(TypeError.class, failure(transport.setMaxIncomingBitrate(29_999)));
        assertInstanceOf(TypeError.class, failure(transport.setMaxOutgoingBitrate(-1)));
        assertInstanceOf(TypeError.class, failure(transport.setMaxOutgoingBitrate(99_999)));
        assertInstanceOf(TypeError.class, failure(transport.setMinOutgoingBitrate(3_000_000)));
        assertInstanceOf(TypeError.class, failure(transport.setMinOutgoingBitrate(1000)));

        stats = result(transport.getStats()).get(0);
        assertEquals(100_000L, stats.get("maxIncomingBitrate"));
        assertEquals(2_000_000L, stats.get("maxOutgoingBitrate"));
        assertEquals(100_000L, stats.get("minOutgoingBitrate"));

        result(transport.setMaxOutgoingBitrate(0));
        result(transport.setMinOutgoingBitrate(3_000_000));
        result(transport.setMaxIncomingBitrate(0));
        stats = result(transport.getStats()).get(0);
        assertFalse(stats.containsKey("maxIncomingBitrate"));
        assertEquals(3_000_000L, stats.get("minOutgoingBitrate"));
    }

    @Test
    void directTransportHasNoBitrateControl() {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));

        assertInstanceOf(UnsupportedError.class, failure(transport.setMaxIncomingBitrate(100_000)));
        assertInstanceOf(UnsupportedError.class, failure(transport.setMaxOutgoingBitrate(100_000)));
        assertInstanceOf(UnsupportedError.class, failure(transport.setMinOutgoingBitrate(100_000)));
    }

    @Test
    void enableTraceEventRecordsKnownTypesInTheDump() {
        WebRtcTransport transport = loopbackTransport(router);

        result(transport.enableTraceEvent(List.of("bwe", "foo", "probation")));
        assertEquals(List.of("probation", "bwe"), result(transport.dump()).get("traceEventTypes"));
        result(transport.enableTraceEvent(List.of("bwe")));
        assertEquals(List.of("bwe"), result(transport.dump()).get("traceEventTypes"));
        assertInstanceOf(TypeError.class, failure(transport.enableTraceEvent("bwe")));
        assertInstanceOf(TypeError.class, failure(transport.enableTraceEvent(List.of("bwe", 1))));
        result(transport.enableTraceEvent(List.of()));
        assertEquals(List.of(), result(transport.dump()).get("traceEventTypes"));
    }

    @Test
    void settersRejectWhenClosed() {
        WebRtcTransport transport = loopbackTransport(router);
        OnLoop.run(worker, transport::close);

        assertInstanceOf(InvalidStateError.class, failure(transport.setMaxIncomingBitrate(100_000)));
        assertInstanceOf(InvalidStateError.class, failure(transport.setMaxOutgoingBitrate(100_000)));
        assertInstanceOf(InvalidStateError.class, failure(transport.setMinOutgoingBitrate(100_000)));
        assertInstanceOf(InvalidStateError.class, failure(transport.enableTraceEvent(List.of())));
    }

    @Test
    void aMaxIncomingBitrateWithTransportCcSendsALimitationRembEvery1500Ms() {
        List<byte[]> sent = new ArrayList<>();
        IncomingBandwidthFeedback feedback = new IncomingBandwidthFeedback(
                (buf, off, len) -> sent.add(Arrays.copyOfRange(buf, off, off + len)), 1234);
        feedback.useTransportCc(5);

        feedback.onTick(10_000);
        assertTrue(sent.isEmpty(), "no limit, no REMB");
        feedback.limitIncomingBitrate(300_000);
        feedback.onTick(11_000);
        feedback.onTick(12_000);
        feedback.onTick(12_500);

        assertEquals(2, sent.size());
        RembPacket remb = new RembPacket();
        assertTrue(remb.wrap(sent.get(0), 0, sent.get(0).length));
        assertEquals(300_000, remb.bitrate());
    }
}
