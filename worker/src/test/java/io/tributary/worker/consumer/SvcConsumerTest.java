package io.tributary.worker.consumer;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.codec.Vp9PayloadDescriptor;
import io.tributary.worker.testing.EventLog;
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

/**
 * The SVC consumer driven in-process: synthetic VP9 L3T3 pictures go into a producer on one
 * DirectTransport, and what the consumer on another forwards is read back from its {@code rtp} event.
 * Each picture has three spatial layers of two packets each (B, then E; the sender's marker on the
 * last), with temporal layers in the L3T3 pattern 0, 2, 1, 2. Received packets are labelled
 * {@code picture/spatialLayer} plus B, E and M (marker).
 */
class SvcConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 100;
    private static final int SSRC = 0x11112222;

    private final Vertx vertx = Vertx.vertx();
    private final List<byte[]> received = new ArrayList<>();
    private Worker worker;
    private Router router;
    private DirectTransport sendTransport;
    private DirectTransport recvTransport;
    private Producer producer;
    private int seq = 65530;
    private long timestamp = 9000;
    private int pictureId;
    private int tl0PicIdx;
    private int lastSeq = -1;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(codecs(
                "[{kind: 'video', mimeType: 'video/VP9', clockRate: 90000}]"))));
        sendTransport = result(router.createDirectTransport(null, Map.of()));
        recvTransport = result(router.createDirectTransport(null, Map.of()));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void theDefaultLayersAreTheHighestAndEverythingFlowsFromTheFirstKeyFrame() {
        Consumer consumer = consume("L3T3");
        EventLog layers = layersLog(consumer);
        assertInstanceOf(SvcConsumer.class, consumer);
        assertEquals(ConsumerType.SVC, consumer.type());
        assertEquals(new ConsumerLayers(2, 2), consumer.preferredLayers());
        assertNull(consumer.currentLayers());

        picture(false, 2, true);
        picture(true, 0, false);
        picture(false, 2, true);
        send(SyntheticRtp.padding(PAYLOAD_TYPE, nextSeq(), timestamp, SSRC));
        picture(false, 1, true);
        picture(false, 2, true);

        assertEquals(whole(1, 2, 3, 4), forwarded(consumer));
        assertEquals(List.of("layerschange 2:2"), layers.entries());
        assertEquals(new ConsumerLayers(2, 2), consumer.currentLayers());
    }

    @Test
    void fullSvcDowngradesAtTheEndOfTheTargetLayersFrame() {
        Consumer consumer = consume("L3T3");
        EventLog layers = layersLog(consumer);
        picture(true, 0, false);
        picture(false, 2, true);
        picture(false, 1, true);
        picture(false, 2, true);
        assertEquals(whole(0, 1, 2, 3), forwarded(consumer));

        result(consumer.setPreferredLayers(new ConsumerLayers(1, 1)));
        picture(false, 0, false);
        picture(false, 2, true);
        picture(false, 1, true);
        picture(false, 2, true);

        assertEquals(upToLayer1(4, 6), forwarded(consumer));
        assertEquals(List.of("layerschange 2:2", "layerschange 2:1", "layerschange 1:1"), layers.entries());
        assertEquals(new ConsumerLayers(1, 1), consumer.currentLayers());
        Map<String, Object> dump = OnLoop.call(worker, consumer::dump);
        for (String field : List.of("preferredSpatialLayer", "targetSpatialLayer", "currentSpatialLayer",
                "preferredTemporalLayer", "targetTemporalLayer", "currentTemporalLayer")) {
            assertEquals(1, dump.get(field), field);
        }
    }

    @Test
    void aSpatialUpgradeWaitsForAKeyFrameAndATemporalOneForASwitchingUpPoint() {
        Consumer consumer = consume("L3T3", new ConsumerLayers(1, 1));
        EventLog layers = layersLog(consumer);
        picture(true, 0, false);
        picture(false, 2, true);
        assertEquals(upToLayer1(0), forwarded(consumer));

        result(consumer.setPreferredLayers(new ConsumerLayers(2, 2)));
        picture(false, 1, true);
        picture(false, 2, false);
        picture(false, 0, false);
        picture(false, 2, true);
        assertEquals(upToLayer1(2, 4, 5), forwarded(consumer));
        picture(true, 0, false);
        picture(false, 2, true);

        assertEquals(whole(6, 7), forwarded(consumer));
        assertEquals(List.of("layerschange 1:1", "layerschange 1:2", "layerschange 2:2"), layers.entries());
    }

    @Test
    void kSvcSwitchesSpatialLayersAtKeyFramesAndForwardsOnlyTheCurrentLayersDeltaFrames() {
        Consumer consumer = consume("L3T3_KEY");
        EventLog layers = layersLog(consumer);
        picture(true, 0, false);
        picture(false, 2, true);
        List<String> expected = new ArrayList<>(whole(0));
        expected.addAll(List.of("1/2B", "1/2EM"));
        assertEquals(expected, forwarded(consumer));

        result(consumer.setPreferredLayers(new ConsumerLayers(1, 1)));
        picture(false, 1, true);
        picture(false, 2, true);
        assertEquals(List.of("2/2B", "2/2EM"), forwarded(consumer));
        picture(true, 0, false);
        picture(false, 1, true);
        picture(false, 2, true);

        expected = new ArrayList<>(upToLayer1(4));
        expected.addAll(List.of("5/1B", "5/1EM"));
        assertEquals(expected, forwarded(consumer));
        assertEquals(List.of("layerschange 2:2", "layerschange 2:1", "layerschange 1:1"), layers.entries());
    }

    @Test
    void pauseDropsTheLayersAndResumeRestartsAtAKeyFrameWithoutASequenceGap() {
        Consumer consumer = consume("L3T3");
        EventLog layers = layersLog(consumer);
        picture(true, 0, false);
        picture(false, 2, true);
        assertEquals(whole(0, 1), forwarded(consumer));

        result(consumer.pause());
        assertNull(consumer.currentLayers());
        picture(false, 1, true);
        result(consumer.resume());
        picture(false, 2, true);
        picture(true, 0, false);

        assertEquals(whole(4), forwarded(consumer));
        assertEquals(List.of("layerschange 2:2", "layerschange none", "layerschange 2:2"), layers.entries());
    }

    @Test
    void preferredLayersAreClampedToTheStreamsLayers() {
        Consumer consumer = consume("L3T3", new ConsumerLayers(12, 0));
        assertEquals(new ConsumerLayers(2, 0), consumer.preferredLayers());
        result(consumer.setPreferredLayers(new ConsumerLayers(1, 7)));
        assertEquals(new ConsumerLayers(1, 2), consumer.preferredLayers());
        result(consumer.setPreferredLayers(new ConsumerLayers(0, null)));
        assertEquals(new ConsumerLayers(0, 2), consumer.preferredLayers());
    }

    private Consumer consume(String scalabilityMode, ConsumerLayers preferred) {
        JsonNode rtpParameters = js("{codecs: [{mimeType: 'video/VP9', payloadType: " + PAYLOAD_TYPE
                + ", clockRate: 90000, rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}]}],"
                + " encodings: [{ssrc: " + SSRC + ", scalabilityMode: '" + scalabilityMode + "'}]}");
        producer = result(sendTransport.produce(ProducerOptions.of("video", rtpParameters)));
        ConsumerOptions options = ConsumerOptions.of(producer.id(), JSON.valueToTree(router.rtpCapabilities()))
                .withPreferredLayers(preferred);
        Consumer consumer = result(recvTransport.consume(options));
        consumer.events().on(DirectTransport.RTP, bytes -> {
            synchronized (received) {
                received.add(bytes);
            }
        });
        return consumer;
    }

    private Consumer consume(String scalabilityMode) {
        return consume(scalabilityMode, null);
    }

    private static EventLog layersLog(Consumer consumer) {
        return new EventLog().on(consumer.events(), Consumer.LAYERS_CHANGE, "layerschange",
                layers -> layers == null ? "none" : layers.spatialLayer() + ":" + layers.temporalLayer());
    }

    /** Sends one picture of three spatial layers; a key picture has no inter-picture prediction. */
    private void picture(boolean key, int temporalId, boolean switchingUp) {
        if (temporalId == 0) {
            tl0PicIdx++;
        }
        for (int spatial = 0; spatial < 3; spatial++) {
            for (int part = 0; part < 2; part++) {
                boolean end = part == 1;
                byte[] payload = SyntheticRtp.vp9(!key, !end, end, pictureId, temporalId, switchingUp, spatial,
                        spatial > 0, tl0PicIdx);
                send(SyntheticRtp.packet(PAYLOAD_TYPE, nextSeq(), timestamp, SSRC, spatial == 2 && end, payload));
            }
        }
        pictureId++;
        timestamp += 3000;
    }

    private int nextSeq() {
        int value = seq;
        seq = (seq + 1) & 0xFFFF;
        return value;
    }

    private void send(byte[] packet) {
        producer.send(packet);
    }

    /** What the consumer forwarded since the last call, labelled; checks the SSRC and seq continuity. */
    private List<String> forwarded(Consumer consumer) {
        OnLoop.run(worker, () -> { });
        List<byte[]> packets;
        synchronized (received) {
            packets = List.copyOf(received);
            received.clear();
        }
        List<String> labels = new ArrayList<>();
        RtpPacket rtp = new RtpPacket();
        Vp9PayloadDescriptor vp9 = new Vp9PayloadDescriptor();
        for (byte[] bytes : packets) {
            assertTrue(rtp.wrap(bytes, 0, bytes.length));
            assertEquals(consumer.rtpParameters().encodings().get(0).ssrc().intValue(), rtp.ssrc());
            if (lastSeq >= 0) {
                assertEquals((lastSeq + 1) & 0xFFFF, rtp.sequenceNumber(), () -> "gap before " + labels.size());
            }
            lastSeq = rtp.sequenceNumber();
            assertTrue(vp9.wrap(bytes, rtp.payloadOffset(), rtp.payloadLength()));
            labels.add(vp9.pictureId() + "/" + vp9.spatialId() + (vp9.startOfFrame() ? "B" : "")
                    + (vp9.endOfFrame() ? "E" : "") + (rtp.marker() ? "M" : ""));
        }
        return labels;
    }

    /** Every packet of these pictures, all three spatial layers. */
    private static List<String> whole(int... pictures) {
        List<String> labels = new ArrayList<>();
        for (int p : pictures) {
            labels.addAll(List.of(p + "/0B", p + "/0E", p + "/1B", p + "/1E", p + "/2B", p + "/2EM"));
        }
        return labels;
    }

    /** Spatial layers 0 and 1 of these pictures, the marker moved to the end of layer 1. */
    private static List<String> upToLayer1(int... pictures) {
        List<String> labels = new ArrayList<>();
        for (int p : pictures) {
            labels.addAll(List.of(p + "/0B", p + "/0E", p + "/1B", p + "/1EM"));
        }
        return labels;
    }
}
