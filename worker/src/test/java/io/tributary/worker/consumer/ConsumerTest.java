package io.tributary.worker.consumer;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.contains;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.MediasoupFixtures.DEVICE_CAPABILITIES;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static io.tributary.worker.testing.MediasoupFixtures.audioProducerOptions;
import static io.tributary.worker.testing.MediasoupFixtures.loopbackTransport;
import static io.tributary.worker.testing.MediasoupFixtures.videoProducerOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-Consumer.ts: producers on transport 1, consumers on transport 2. */
class ConsumerTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper STATS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final JsonNode ISAC_ONLY = js("""
            {codecs: [{kind: 'audio', mimeType: 'audio/ISAC', preferredPayloadType: 100, clockRate: 32000,
                       channels: 1}],
             headerExtensions: []}""");

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private WebRtcTransport transport1;
    private WebRtcTransport transport2;
    private Producer audioProducer;
    private Producer videoProducer;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        transport1 = loopbackTransport(router);
        transport2 = loopbackTransport(router);
        audioProducer = result(transport1.produce(audioProducerOptions()));
        videoProducer = result(transport1.produce(videoProducerOptions()));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private Consumer consume(Producer producer) {
        return result(transport2.consume(ConsumerOptions.of(producer.id(), DEVICE_CAPABILITIES)));
    }

    private static ConsumerOptions withAppData(ConsumerOptions o, Map<String, Object> appData) {
        return new ConsumerOptions(o.producerId(), o.rtpCapabilities(), o.paused(), o.mid(), o.preferredLayers(),
                o.ignoreDtx(), o.enableRtx(), o.pipe(), appData);
    }

    /** The router dump's map has this entry. */
    private static void assertHas(JsonNode routerDump, String map, String entry) {
        assertTrue(contains(routerDump.get(map), entry), () -> map + " lacks " + entry + ": " + routerDump);
    }

    /** An entry of mapProducerIdConsumerIds. */
    private static String consumers(String producerId, String... consumerIds) {
        return "{key: '" + producerId + "', values: [" + String.join(", ",
                Arrays.stream(consumerIds).map(id -> "'" + id + "'").toList()) + "]}";
    }

    /** An entry of mapConsumerIdProducerId. */
    private static String producer(String consumerId, String producerId) {
        return "{key: '" + consumerId + "', value: '" + producerId + "'}";
    }

    @Test
    void consumingAudioAndAPausedSimulcastVideo() {
        EventLog log = new EventLog().on(transport2.observer(), Transport.NEW_CONSUMER, "newconsumer", Consumer::id);

        assertTrue(router.canConsume(audioProducer.id(), DEVICE_CAPABILITIES));
        Consumer audio = result(transport2.consume(
                withAppData(ConsumerOptions.of(audioProducer.id(), DEVICE_CAPABILITIES), Map.of("baz", "LOL"))));

        assertEquals(List.of("newconsumer " + audio.id()), log.entries());
        assertNotNull(audio.id());
        assertEquals(audioProducer.id(), audio.producerId());
        assertFalse(audio.closed());
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals("0", audio.rtpParameters().mid());
        assertEquals(js("""
                [{mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                  parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}, rtcpFeedback: []}]"""),
                tree(audio.rtpParameters().codecs()));
        assertEquals(ConsumerType.SIMPLE, audio.type());
        assertFalse(audio.paused());
        assertFalse(audio.producerPaused());
        assertEquals(1, audio.priority());
        assertEquals(new ConsumerScore(10, 0, List.of(0)), audio.score());
        assertNull(audio.preferredLayers());
        assertNull(audio.currentLayers());
        assertEquals(Map.of("baz", "LOL"), audio.appData());
        JsonNode dump1 = tree(result(router.dump()));
        assertHas(dump1, "mapProducerIdConsumerIds", consumers(audioProducer.id(), audio.id()));
        assertHas(dump1, "mapConsumerIdProducerId", producer(audio.id(), audioProducer.id()));
        JsonNode transportDump = tree(result(transport2.dump()));
        assertEquals(js("[]"), transportDump.get("producerIds"));
        assertEquals(js("['" + audio.id() + "']"), transportDump.get("consumerIds"));

        assertTrue(router.canConsume(videoProducer.id(), DEVICE_CAPABILITIES));
        OnLoop.run(worker, videoProducer::pause);
        ConsumerOptions pausedAskingLayer12 = ConsumerOptions.of(videoProducer.id(), DEVICE_CAPABILITIES)
                .withPaused(true).withPreferredLayers(new ConsumerLayers(12, 0));
        Consumer video = result(transport2.consume(withAppData(pausedAskingLayer12, Map.of("baz", "LOL"))));

        assertEquals(List.of("newconsumer " + audio.id(), "newconsumer " + video.id()), log.entries());
        assertEquals(videoProducer.id(), video.producerId());
        assertEquals(MediaKind.VIDEO, video.kind());
        assertEquals("1", video.rtpParameters().mid());
        assertEquals(js("""
                [{mimeType: 'video/H264', payloadType: 103, clockRate: 90000,
                  parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                 {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''}]},
                 {mimeType: 'video/rtx', payloadType: 104, clockRate: 90000, parameters: {apt: 103},
                  rtcpFeedback: []}]"""),
                tree(video.rtpParameters().codecs()));
        assertEquals(ConsumerType.SIMULCAST, video.type());
        assertTrue(video.paused());
        assertTrue(video.producerPaused());
        assertEquals(1, video.priority());
        assertEquals(new ConsumerScore(10, 0, List.of(0, 0, 0, 0)), video.score());
        assertEquals(new ConsumerLayers(3, 0), video.preferredLayers());
        assertNull(video.currentLayers());
        assertEquals(Map.of("baz", "LOL"), video.appData());
        JsonNode dump2 = tree(result(router.dump()));
        assertHas(dump2, "mapProducerIdConsumerIds", consumers(videoProducer.id(), video.id()));
        assertHas(dump2, "mapConsumerIdProducerId", producer(video.id(), videoProducer.id()));
        assertEquals(2, dump2.get("mapConsumerIdProducerId").size());
        assertEquals(js("['" + audio.id() + "', '" + video.id() + "']"),
                tree(result(transport2.dump())).get("consumerIds"));
    }

    @Test
    void aSingleTemporallyLayeredVp8EncodingIsConsumedAsSimulcastWithOneStream() {
        Producer vp8 = result(transport1.produce(ProducerOptions.of("video", js("""
                {mid: 'VP8', codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000,
                                       rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}]}],
                 encodings: [{ssrc: 33333333, scalabilityMode: 'L1T3'}]}"""))));
        JsonNode vp8Device = js("""
                {codecs: [{kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 96, clockRate: 90000,
                           rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}]}],
                 headerExtensions: []}""");

        Consumer consumer = result(transport2.consume(ConsumerOptions.of(vp8.id(), vp8Device)));

        assertEquals(ConsumerType.SIMULCAST, consumer.type());
        assertEquals("L1T3", consumer.rtpParameters().encodings().get(0).scalabilityMode());
        assertEquals(new ConsumerLayers(0, 2), consumer.preferredLayers());
        assertEquals(new ConsumerScore(10, 0, List.of(0)), consumer.score());
        assertNull(consumer.currentLayers());
    }

    /** test-Consumer's {@code pipe: true} consume of the paused four-encoding H264 producer. */
    @Test
    void pipeTrueGivesAPipeConsumerOfEveryEncodingWithoutMid() {
        OnLoop.run(worker, videoProducer::pause);
        Consumer pipe = result(transport2.consume(ConsumerOptions.of(videoProducer.id(), DEVICE_CAPABILITIES)
                .withPipe(true)));

        assertEquals(ConsumerType.PIPE, pipe.type());
        assertNull(pipe.rtpParameters().mid());
        assertEquals(List.of("video/H264", "video/rtx"),
                pipe.rtpParameters().codecs().stream().map(c -> c.mimeType()).toList());
        assertFalse(pipe.paused());
        assertTrue(pipe.producerPaused());
        assertEquals(1, pipe.priority());
        assertEquals(new ConsumerScore(10, 10, List.of(0, 0, 0, 0)), pipe.score());
        assertNull(pipe.preferredLayers());
        assertNull(pipe.currentLayers());
        OnLoop.run(worker, () -> pipe.setPreferredLayers(new ConsumerLayers(1, 1)));
        assertNull(pipe.preferredLayers());
        long base = pipe.rtpParameters().encodings().get(0).ssrc();
        JsonNode ssrcMap = tree(result(transport2.dump())).get("mapSsrcConsumerId");
        for (int i = 0; i < 4; i++) {
            assertEquals(base + i, pipe.rtpParameters().encodings().get(i).ssrc());
            assertEquals(pipe.id(), ssrcMap.get(Long.toString(base + i)).asText());
        }
        JsonNode dump = tree(OnLoop.call(worker, pipe::dump));
        assertEquals("pipe", dump.get("type").asText());
        assertEquals(4, dump.get("rtpStreams").size());
        assertHas(tree(result(router.dump())), "mapConsumerIdProducerId", producer(pipe.id(), videoProducer.id()));
    }

    @Test
    void enableRtxOnAudioAddsNack() {
        Consumer audio = result(transport2.consume(
                ConsumerOptions.of(audioProducer.id(), DEVICE_CAPABILITIES).withEnableRtx(true)));

        assertEquals(js("""
                [{mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                  parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'},
                  rtcpFeedback: [{type: 'nack', parameter: ''}]}]"""),
                tree(audio.rtpParameters().codecs()));
    }

    @Test
    void aGivenMidIsUsedAndTheCounterGoesOn() {
        Consumer first = consume(audioProducer);
        Consumer custom = result(transport2.consume(
                ConsumerOptions.of(audioProducer.id(), DEVICE_CAPABILITIES).withMid("custom-mid")));
        Consumer third = consume(audioProducer);

        assertTrue(first.rtpParameters().mid().matches("[0-9]+"));
        assertEquals("custom-mid", custom.rtpParameters().mid());
        assertEquals(Integer.parseInt(first.rtpParameters().mid()) + 1, Integer.parseInt(third.rtpParameters().mid()));
    }

    @Test
    void midsCountPerTransport() {
        Consumer onTransport2 = consume(audioProducer);
        Consumer onTransport1 = result(transport1.consume(ConsumerOptions.of(videoProducer.id(), DEVICE_CAPABILITIES)));

        assertEquals("0", onTransport2.rtpParameters().mid());
        assertEquals("0", onTransport1.rtpParameters().mid());
    }

    @Test
    void incompatibleCapabilitiesCannotConsume() {
        assertFalse(router.canConsume(audioProducer.id(), ISAC_ONLY));
        assertInstanceOf(UnsupportedError.class,
                failure(transport2.consume(ConsumerOptions.of(audioProducer.id(), ISAC_ONLY))));

        JsonNode none = js("{codecs: [], headerExtensions: []}");
        assertFalse(router.canConsume(audioProducer.id(), none));
        assertInstanceOf(UnsupportedError.class,
                failure(transport2.consume(ConsumerOptions.of(audioProducer.id(), none))));
    }

    @Test
    void canConsumeIsFalseNeverAnErrorForUnknownProducersAndInvalidCapabilities() {
        assertFalse(router.canConsume("unknown", DEVICE_CAPABILITIES));
        assertFalse(router.canConsume(audioProducer.id(), js("{codecs: 'chicken'}")));
        assertFalse(router.canConsume(audioProducer.id(), null));
    }

    @Test
    void consumeArgumentErrors() {
        Throwable missing = failure(transport2.consume(ConsumerOptions.of(null, DEVICE_CAPABILITIES)));
        assertInstanceOf(TypeError.class, missing);
        assertEquals("missing producerId", missing.getMessage());

        Throwable emptyMid = failure(transport2.consume(
                ConsumerOptions.of(audioProducer.id(), DEVICE_CAPABILITIES).withMid("")));
        assertInstanceOf(TypeError.class, emptyMid);
        assertEquals("if given, mid must be non empty string", emptyMid.getMessage());

        Throwable unknown = failure(transport2.consume(ConsumerOptions.of("foo", DEVICE_CAPABILITIES)));
        assertSame(MediasoupError.class, unknown.getClass());
        assertEquals("Producer with id \"foo\" not found", unknown.getMessage());

        // mediasoup validates the capabilities before it looks the producer up.
        assertInstanceOf(TypeError.class, failure(transport2.consume(ConsumerOptions.of("foo", js("{codecs: 1}")))));
    }

    @Test
    void dumpShowsWhatTheWorkerHolds() {
        Consumer audio = consume(audioProducer);
        JsonNode dump1 = tree(OnLoop.call(worker, audio::dump));

        assertEquals(audio.id(), dump1.get("id").asText());
        assertEquals(audioProducer.id(), dump1.get("producerId").asText());
        assertEquals("audio", dump1.get("kind").asText());
        assertEquals("simple", dump1.get("type").asText());
        assertEquals(js("""
                [{mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                  parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}, rtcpFeedback: []}]"""),
                dump1.at("/rtpParameters/codecs"));
        assertEquals(js("""
                [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4, parameters: {},
                  encrypt: false},
                 {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 10, parameters: {}, encrypt: false}]"""),
                dump1.at("/rtpParameters/headerExtensions"));
        assertEquals(1, dump1.at("/rtpParameters/encodings").size());
        assertEquals(100, dump1.at("/rtpParameters/encodings/0/codecPayloadType").asInt());
        assertEquals(audio.rtpParameters().encodings().get(0).ssrc().longValue(),
                dump1.at("/rtpParameters/encodings/0/ssrc").asLong());
        assertEquals(1, dump1.get("consumableRtpEncodings").size());
        assertEquals(audioProducer.consumableRtpParameters().encodings().get(0).ssrc().longValue(),
                dump1.at("/consumableRtpEncodings/0/ssrc").asLong());
        assertEquals(js("[100]"), dump1.get("supportedCodecPayloadTypes"));
        assertEquals(js("[]"), dump1.get("traceEventTypes"));
        assertFalse(dump1.get("paused").asBoolean());
        assertFalse(dump1.get("producerPaused").asBoolean());
        assertEquals(1, dump1.get("priority").asInt());

        Consumer video = result(transport2.consume(
                ConsumerOptions.of(videoProducer.id(), DEVICE_CAPABILITIES).withPaused(true)));
        JsonNode dump2 = tree(OnLoop.call(worker, video::dump));

        assertEquals("simulcast", dump2.get("type").asText());
        assertEquals(js("""
                [{mimeType: 'video/H264', payloadType: 103, clockRate: 90000,
                  parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'},
                                 {type: 'goog-remb'}]},
                 {mimeType: 'video/rtx', payloadType: 104, clockRate: 90000, parameters: {apt: 103},
                  rtcpFeedback: []}]"""),
                dump2.at("/rtpParameters/codecs"));
        assertEquals(js("""
                [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4, parameters: {},
                  encrypt: false},
                 {uri: 'urn:3gpp:video-orientation', id: 11, parameters: {}, encrypt: false},
                 {uri: 'urn:ietf:params:rtp-hdrext:toffset', id: 12, parameters: {}, encrypt: false}]"""),
                dump2.at("/rtpParameters/headerExtensions"));
        JsonNode encoding = dump2.at("/rtpParameters/encodings/0");
        assertEquals(1, dump2.at("/rtpParameters/encodings").size());
        assertEquals(103, encoding.get("codecPayloadType").asInt());
        assertEquals(video.rtpParameters().encodings().get(0).ssrc().longValue(), encoding.get("ssrc").asLong());
        assertEquals(video.rtpParameters().encodings().get(0).rtx().ssrc(), encoding.at("/rtx/ssrc").asLong());
        assertEquals("L4T5", encoding.get("scalabilityMode").asText());
        JsonNode consumable = dump2.get("consumableRtpEncodings");
        assertEquals(4, consumable.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(videoProducer.consumableRtpParameters().encodings().get(i).ssrc().longValue(),
                    consumable.get(i).get("ssrc").asLong());
            assertEquals("L1T5", consumable.get(i).get("scalabilityMode").asText());
        }
        assertEquals(js("[103]"), dump2.get("supportedCodecPayloadTypes"));
        assertTrue(dump2.get("paused").asBoolean());
        assertFalse(dump2.get("producerPaused").asBoolean());
        assertEquals(1, dump2.get("priority").asInt());
    }

    @Test
    void statsStartWithTheOutboundStream() {
        Consumer audio = consume(audioProducer);
        Consumer video = consume(videoProducer);

        JsonNode audioStats = STATS_JSON.valueToTree(OnLoop.call(worker, () -> audio.getStats(System.currentTimeMillis())));
        JsonNode videoStats = STATS_JSON.valueToTree(OnLoop.call(worker, () -> video.getStats(System.currentTimeMillis())));

        assertEquals(1, audioStats.size());
        assertEquals("outbound-rtp", audioStats.get(0).get("type").asText());
        assertEquals("audio", audioStats.get(0).get("kind").asText());
        assertEquals("audio/opus", audioStats.get(0).get("mimeType").asText());
        assertEquals(audio.rtpParameters().encodings().get(0).ssrc(), audioStats.get(0).get("ssrc").asLong());
        assertEquals(1, videoStats.size());
        assertEquals("outbound-rtp", videoStats.get(0).get("type").asText());
        assertEquals("video", videoStats.get(0).get("kind").asText());
        assertEquals("video/H264", videoStats.get(0).get("mimeType").asText());
        assertEquals(video.rtpParameters().encodings().get(0).ssrc(), videoStats.get(0).get("ssrc").asLong());
    }

    @Test
    void pauseAndResumeFireOncePerRealChange() {
        Consumer audio = consume(audioProducer);
        EventLog log = new EventLog()
                .on(audio.observer(), Consumer.PAUSE, "pause")
                .on(audio.observer(), Consumer.RESUME, "resume");

        OnLoop.run(worker, audio::pause);
        assertTrue(audio.paused());
        assertTrue(tree(OnLoop.call(worker, audio::dump)).get("paused").asBoolean());
        OnLoop.run(worker, audio::resume);
        assertFalse(audio.paused());
        assertFalse(tree(OnLoop.call(worker, audio::dump)).get("paused").asBoolean());
        OnLoop.run(worker, () -> {
            audio.pause();
            audio.resume();
            audio.pause();
            audio.pause();
            audio.pause();
            audio.resume();
        });

        assertEquals(3, log.count("pause"));
        assertEquals(3, log.count("resume"));
    }

    @Test
    void producerPauseAndResumeMoveTheConsumersEffectiveState() {
        Consumer audio = consume(audioProducer);
        EventLog log = new EventLog()
                .on(audio.observer(), Consumer.PAUSE, "pause")
                .on(audio.observer(), Consumer.RESUME, "resume")
                .on(audio.events(), Consumer.PRODUCER_PAUSE, "producerpause")
                .on(audio.events(), Consumer.PRODUCER_RESUME, "producerresume");

        OnLoop.run(worker, audioProducer::pause);
        assertFalse(audio.paused());
        assertTrue(audio.producerPaused());
        assertTrue(tree(OnLoop.call(worker, audio::dump)).get("producerPaused").asBoolean());
        OnLoop.run(worker, audioProducer::resume);
        assertFalse(audio.paused());
        assertFalse(audio.producerPaused());

        assertEquals(List.of("producerpause", "pause", "producerresume", "resume"), log.entries());
    }

    @Test
    void observerPauseAndResumeFollowTheEffectiveState() {
        Consumer audio = consume(audioProducer);
        EventLog log = new EventLog()
                .on(audio.observer(), Consumer.PAUSE, "pause")
                .on(audio.observer(), Consumer.RESUME, "resume")
                .on(audio.events(), Consumer.PRODUCER_PAUSE, "producerpause")
                .on(audio.events(), Consumer.PRODUCER_RESUME, "producerresume");

        OnLoop.run(worker, () -> {
            audio.pause();
            audioProducer.pause();
            audio.resume();
            audioProducer.resume();
        });

        assertEquals(List.of("pause", "producerpause", "producerresume", "resume"), log.entries());
    }

    @Test
    void setPreferredLayersClampsOnSimulcastAndIsANoOpOnAudio() {
        Consumer audio = consume(audioProducer);
        Consumer video = consume(videoProducer);

        OnLoop.run(worker, () -> audio.setPreferredLayers(new ConsumerLayers(1, 1)));
        assertNull(audio.preferredLayers());
        OnLoop.run(worker, () -> video.setPreferredLayers(new ConsumerLayers(2, 3)));
        assertEquals(new ConsumerLayers(2, 3), video.preferredLayers());
        OnLoop.run(worker, () -> video.setPreferredLayers(new ConsumerLayers(3, null)));
        assertEquals(new ConsumerLayers(3, 4), video.preferredLayers());
        OnLoop.run(worker, () -> video.setPreferredLayers(new ConsumerLayers(3, 0)));
        assertEquals(new ConsumerLayers(3, 0), video.preferredLayers());
        OnLoop.run(worker, () -> video.setPreferredLayers(new ConsumerLayers(66, 66)));
        assertEquals(new ConsumerLayers(3, 4), video.preferredLayers());
    }

    @Test
    void preferredLayersDefaultToTheHighest() {
        assertEquals(new ConsumerLayers(3, 4), consume(videoProducer).preferredLayers());
    }

    @Test
    void setPreferredLayersWithoutLayersIsATypeError() {
        Consumer video = consume(videoProducer);

        assertInstanceOf(TypeError.class, OnLoop.failure(worker, () -> video.setPreferredLayers(null)));
    }

    @Test
    void setPriorityAndUnsetPriority() {
        Consumer video = consume(videoProducer);

        OnLoop.run(worker, () -> video.setPriority(2));
        assertEquals(2, video.priority());
        assertEquals(2, tree(OnLoop.call(worker, video::dump)).get("priority").asInt());
        OnLoop.run(worker, video::unsetPriority);
        assertEquals(1, video.priority());
    }

    @Test
    void setPriorityWithWrongArgumentsIsATypeError() {
        Consumer video = consume(videoProducer);

        assertInstanceOf(TypeError.class, OnLoop.failure(worker, () -> video.setPriority(null)));
        assertInstanceOf(TypeError.class, OnLoop.failure(worker, () -> video.setPriority(0)));
        assertInstanceOf(TypeError.class, OnLoop.failure(worker, () -> video.setPriority(-1)));
        assertEquals(1, video.priority());
    }

    @Test
    void closeFiresObserverCloseOnceAndCleansTheMaps() {
        Consumer audio = consume(audioProducer);
        Consumer video = consume(videoProducer);
        EventLog log = new EventLog()
                .on(audio.observer(), Consumer.CLOSE, "close")
                .on(audio.events(), Consumer.TRANSPORT_CLOSE, "transportclose")
                .on(audio.events(), Consumer.PRODUCER_CLOSE, "producerclose");

        OnLoop.run(worker, audio::close);
        OnLoop.run(worker, audio::close);

        assertEquals(List.of("close"), log.entries());
        assertTrue(audio.closed());
        JsonNode routerDump = tree(result(router.dump()));
        assertHas(routerDump, "mapProducerIdConsumerIds", consumers(audioProducer.id()));
        assertHas(routerDump, "mapProducerIdConsumerIds", consumers(videoProducer.id(), video.id()));
        assertEquals(js("[{key: '" + video.id() + "', value: '" + videoProducer.id() + "'}]"),
                routerDump.get("mapConsumerIdProducerId"));
        JsonNode transportDump = tree(result(transport2.dump()));
        assertEquals(js("[]"), transportDump.get("producerIds"));
        assertEquals(js("['" + video.id() + "']"), transportDump.get("consumerIds"));
    }

    @Test
    void methodsRejectWhenClosed() {
        Consumer audio = consume(audioProducer);
        OnLoop.run(worker, audio::close);

        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, audio::dump));
        assertInstanceOf(MediasoupError.class,
                OnLoop.failure(worker, () -> audio.getStats(System.currentTimeMillis())));
        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, audio::pause));
        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, audio::resume));
        assertInstanceOf(MediasoupError.class,
                OnLoop.failure(worker, () -> audio.setPreferredLayers(new ConsumerLayers(0, null))));
        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, () -> audio.setPriority(2)));
    }

    @Test
    void closingTheProducerEmitsProducercloseThenClose() {
        Consumer audio = consume(audioProducer);
        EventLog log = new EventLog()
                .on(audio.events(), Consumer.PRODUCER_CLOSE, "producerclose")
                .on(audio.events(), Consumer.TRANSPORT_CLOSE, "transportclose")
                .on(audio.observer(), Consumer.CLOSE, "close");

        OnLoop.run(worker, audioProducer::close);
        log.await("close");

        assertEquals(List.of("producerclose", "close"), log.entries());
        assertTrue(audio.closed());
        JsonNode routerDump = tree(result(router.dump()));
        assertEquals(1, routerDump.get("mapProducerIdConsumerIds").size());
        assertEquals(js("[]"), routerDump.get("mapConsumerIdProducerId"));
        assertEquals(js("[]"), tree(result(transport2.dump())).get("consumerIds"));
    }

    @Test
    void closingTheTransportEmitsTransportcloseThenClose() {
        Consumer video = consume(videoProducer);
        EventLog log = new EventLog()
                .on(video.events(), Consumer.TRANSPORT_CLOSE, "transportclose")
                .on(video.events(), Consumer.PRODUCER_CLOSE, "producerclose")
                .on(video.observer(), Consumer.CLOSE, "close");

        OnLoop.run(worker, transport2::close);

        assertEquals(List.of("transportclose", "close"), log.entries());
        assertTrue(video.closed());
        JsonNode routerDump = tree(result(router.dump()));
        assertHas(routerDump, "mapProducerIdConsumerIds", consumers(audioProducer.id()));
        assertHas(routerDump, "mapProducerIdConsumerIds", consumers(videoProducer.id()));
        assertEquals(js("[]"), routerDump.get("mapConsumerIdProducerId"));
    }
}
