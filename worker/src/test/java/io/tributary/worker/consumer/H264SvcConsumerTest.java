package io.tributary.worker.consumer;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.rtp.FrameMarking;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.SyntheticRtp;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An H264-SVC L2T2 producer whose layers are told by the frame-marking extension: its SVC consumer
 * filters them like VP9's. One packet per layer frame (S and E set); received packets are labelled
 * {@code picture/spatialLayer}, plus M for the marker.
 */
class H264SvcConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 104;
    private static final int SSRC = 0x5555;
    private static final int SENDER_FRAME_MARKING_ID = 9;
    private static final String H264_PARAMETERS =
            "{'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1}";

    private final Vertx vertx = Vertx.vertx();
    private final List<byte[]> received = new ArrayList<>();
    private Worker worker;
    private Producer producer;
    private int seq = 7000;
    private int picture;

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void frameMarkedLayersAreFilteredAndTheLastForwardedLayerGetsTheMarker() {
        Consumer consumer = consume(new ConsumerLayers(0, 0));
        assertInstanceOf(SvcConsumer.class, consumer);
        EventLog layers = new EventLog().on(consumer.events(), Consumer.LAYERS_CHANGE, "layerschange",
                l -> l.spatialLayer() + ":" + l.temporalLayer());

        picture(true, 0);
        picture(false, 1);
        picture(false, 0);
        assertEquals(List.of("0/0M", "2/0M"), forwarded());

        result(consumer.setPreferredLayers(new ConsumerLayers(1, 1)));
        picture(false, 1);
        picture(true, 0);
        picture(false, 1);

        assertEquals(List.of("3/0M", "4/0", "4/1M", "5/0", "5/1M"), forwarded());
        assertEquals(List.of("layerschange 0:0", "layerschange 0:1", "layerschange 1:1"), layers.entries());
    }

    private Consumer consume(ConsumerLayers preferred) {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = result(worker.createRouter(RouterOptions.of(codecs(
                "[{kind: 'video', mimeType: 'video/H264-SVC', clockRate: 90000, parameters: "
                        + H264_PARAMETERS + "}]"))));
        DirectTransport sendTransport = result(router.createDirectTransport(null, Map.of()));
        DirectTransport recvTransport = result(router.createDirectTransport(null, Map.of()));
        producer = result(sendTransport.produce(ProducerOptions.of("video", js("""
                {codecs: [{mimeType: 'video/H264-SVC', payloadType: %d, clockRate: 90000, parameters: %s,
                           rtcpFeedback: [{type: 'nack', parameter: 'pli'}]}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:framemarking', id: %d}],
                 encodings: [{ssrc: %d, scalabilityMode: 'L2T2'}]}"""
                .formatted(PAYLOAD_TYPE, H264_PARAMETERS, SENDER_FRAME_MARKING_ID, SSRC)))));
        Consumer consumer = result(recvTransport.consume(ConsumerOptions.of(producer.id(),
                JSON.valueToTree(router.rtpCapabilities())).withPreferredLayers(preferred)));
        consumer.events().on(DirectTransport.RTP, bytes -> {
            synchronized (received) {
                received.add(bytes);
            }
        });
        return consumer;
    }

    /** Two layer frames, the sender's marker on the upper one. */
    private void picture(boolean key, int temporalId) {
        for (int spatial = 0; spatial < 2; spatial++) {
            byte[] marking = SyntheticRtp.frameMarking(true, true, key, temporalId, spatial, picture);
            producer.send(SyntheticRtp.packet(PAYLOAD_TYPE, seq++, 3000L * picture, SSRC, spatial == 1,
                    SENDER_FRAME_MARKING_ID, marking, SyntheticRtp.h264(key && spatial == 0)));
        }
        picture++;
    }

    private List<String> forwarded() {
        OnLoop.run(worker, () -> { });
        List<String> labels = new ArrayList<>();
        RtpPacket rtp = new RtpPacket();
        FrameMarking marking = new FrameMarking();
        synchronized (received) {
            for (byte[] bytes : received) {
                assertTrue(rtp.wrap(bytes, 0, bytes.length));
                assertTrue(marking.wrap(rtp, RtpExtensionIds.FRAME_MARKING));
                labels.add(rtp.timestamp() / 3000 + "/" + (marking.layerId() >>> 4) + (rtp.marker() ? "M" : ""));
            }
            received.clear();
        }
        return labels;
    }
}
