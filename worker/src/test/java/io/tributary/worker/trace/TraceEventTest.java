package io.tributary.worker.trace;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.SyntheticRtp;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Producer and consumer {@code trace} events: only the enabled types, with direction and packet info. */
class TraceEventTest {

    private static final int PAYLOAD_TYPE = 101;
    private static final int SSRC = 0x1234;

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Producer producer;
    private Consumer consumer;
    private final List<TraceEvent> producerTraces = new ArrayList<>();
    private final List<TraceEvent> consumerTraces = new ArrayList<>();

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = result(worker.createRouter(RouterOptions.of(codecs(
                "[{kind: 'video', mimeType: 'video/VP8', clockRate: 90000}]"))));
        DirectTransport sendTransport = result(router.createDirectTransport(null, Map.of()));
        DirectTransport recvTransport = result(router.createDirectTransport(null, Map.of()));
        producer = result(sendTransport.produce(ProducerOptions.of("video", js("""
                {codecs: [{mimeType: 'video/VP8', payloadType: %d, clockRate: 90000,
                           rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}]}],
                 encodings: [{ssrc: %d}]}""".formatted(PAYLOAD_TYPE, SSRC)))));
        consumer = result(recvTransport.consume(ConsumerOptions.of(producer.id(),
                new ObjectMapper().valueToTree(router.rtpCapabilities()))));
        result(consumer.resume());
        producer.events().on(Producer.TRACE, producerTraces::add);
        consumer.events().on(Consumer.TRACE, consumerTraces::add);
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void nothingIsTracedUntilEnabled() {
        send(1, true);
        assertEquals(List.of(), producerTraces);
        assertEquals(List.of(), consumerTraces);
        assertEquals(List.of(), OnLoop.call(worker, producer::dump).get("traceEventTypes"));
    }

    @Test
    void enabledTypesAreTracedWithDirectionAndPacketInfo() {
        result(producer.enableTraceEvent(List.of("rtp", "keyframe", "FOO")));
        result(consumer.enableTraceEvent(List.of("keyframe", "sr")));
        assertEquals(List.of("rtp", "keyframe"), OnLoop.call(worker, producer::dump).get("traceEventTypes"));
        assertEquals(List.of("keyframe"), OnLoop.call(worker, consumer::dump).get("traceEventTypes"),
                "consumers know no 'sr' trace");

        send(1, true);
        send(2, false);

        assertEquals(List.of("rtp", "keyframe", "rtp"), producerTraces.stream().map(TraceEvent::type).toList());
        assertTrue(producerTraces.stream().allMatch(t -> t.direction().equals(TraceEvent.IN)));
        Map<?, ?> rtp = (Map<?, ?>) producerTraces.get(0).info().get("rtpPacket");
        assertEquals(1, rtp.get("sequenceNumber"));
        assertEquals((long) SSRC, rtp.get("ssrc"));
        assertEquals(true, rtp.get("isKeyFrame"));
        assertEquals(false, producerTraces.get(0).info().get("isRtx"));

        assertEquals(1, consumerTraces.size(), "only the key frame is traced at the consumer: " + consumerTraces);
        assertEquals("keyframe", consumerTraces.get(0).type());
        assertEquals(TraceEvent.OUT, consumerTraces.get(0).direction());
    }

    @Test
    void badTypesAreTypeErrors() {
        assertInstanceOf(TypeError.class, failure(producer.enableTraceEvent("rtp")));
        assertInstanceOf(TypeError.class, failure(consumer.enableTraceEvent(List.of(1))));
    }

    private void send(int seq, boolean keyFrame) {
        byte[] packet = SyntheticRtp.packet(PAYLOAD_TYPE, seq, 3000L * seq, SSRC, true,
                SyntheticRtp.vp8(keyFrame, seq));
        OnLoop.call(worker, () -> {
            producer.send(packet);
            return null;
        });
    }
}
