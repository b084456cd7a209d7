package io.tributary.worker.producer;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static io.tributary.worker.testing.MediasoupFixtures.loopbackTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-Producer.ts, on two WebRtcTransports of one router. */
class ProducerTest {

    /** test-Producer's router: opus (foo '111'), VP8, H264 4d0032 (its rtcpFeedback is ignored). */
    private static final List<RtpCodecCapability> MEDIA_CODECS = codecs("""
            [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: {foo: '111'}},
             {kind: 'video', mimeType: 'video/VP8', clockRate: 90000},
             {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
              parameters: {'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032',
                           foo: 'bar'},
              rtcpFeedback: []}]""");

    /** Opus with payload type 0 and, on purpose, no encodings. */
    private static final JsonNode AUDIO = js("""
            {mid: 'AUDIO',
             codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2,
                       parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12}],
             rtcp: {cname: 'audio-1'}}""");

    /** H264 with four SSRC encodings (the first L1T3) and RTX; nack feedback without a parameter. */
    private static final JsonNode VIDEO = js("""
            {mid: 'VIDEO',
             codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                       parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                       rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}, {type: 'goog-remb'}]},
                      {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                {uri: 'urn:3gpp:video-orientation', id: 13}],
             encodings: [{ssrc: 22222222, rtx: {ssrc: 22222223}, scalabilityMode: 'L1T3'},
                         {ssrc: 22222224, rtx: {ssrc: 22222225}},
                         {ssrc: 22222226, rtx: {ssrc: 22222227}},
                         {ssrc: 22222228, rtx: {ssrc: 22222229}}],
             rtcp: {cname: 'video-1'}}""");

    private static final Map<String, Object> APP_DATA = Map.of("foo", 1, "bar", "2");

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private WebRtcTransport transport1;
    private WebRtcTransport transport2;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        transport1 = loopbackTransport(router);
        transport2 = loopbackTransport(router);
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private Producer produceAudio() {
        return result(transport1.produce(ProducerOptions.of("audio", AUDIO).withAppData(APP_DATA)));
    }

    private Producer produceVideo() {
        return result(transport2.produce(ProducerOptions.of("video", VIDEO).withAppData(APP_DATA)));
    }

    private static Throwable produceFailure(Transport transport, String kind, String rtpParameters) {
        return failure(transport.produce(ProducerOptions.of(kind, js(rtpParameters))));
    }

    /** mediasoup's plain Error, which is neither a TypeError nor any other subclass. */
    private static void assertPlainError(Throwable error) {
        assertSame(MediasoupError.class, error.getClass(), () -> "not a plain Error: " + error);
    }

    @Test
    void audioProducerIsSimpleWithNoScoreAndShowsInTheDumps() {
        EventLog log = new EventLog().on(transport1.observer(), Transport.NEW_PRODUCER, "newproducer", Producer::id);

        Producer producer = produceAudio();

        assertEquals(List.of("newproducer " + producer.id()), log.entries());
        assertNotNull(producer.id());
        assertFalse(producer.closed());
        assertEquals(MediaKind.AUDIO, producer.kind());
        assertEquals(ProducerType.SIMPLE, producer.type());
        assertNotNull(producer.rtpParameters());
        assertNotNull(producer.consumableRtpParameters());
        assertFalse(producer.paused());
        assertEquals(List.of(), producer.score());
        assertEquals(APP_DATA, producer.appData());
        JsonNode routerDump = tree(result(router.dump()));
        assertEquals(js("[{key: '" + producer.id() + "', values: []}]"), routerDump.get("mapProducerIdConsumerIds"));
        assertEquals(js("[]"), routerDump.get("mapConsumerIdProducerId"));
        JsonNode transportDump = tree(result(transport1.dump()));
        assertEquals(transport1.id(), transportDump.get("id").asText());
        assertEquals(js("['" + producer.id() + "']"), transportDump.get("producerIds"));
        assertEquals(js("[]"), transportDump.get("consumerIds"));
    }

    @Test
    void videoProducerWithFourEncodingsIsSimulcast() {
        EventLog log = new EventLog().on(transport2.observer(), Transport.NEW_PRODUCER, "newproducer", Producer::id);

        Producer producer = produceVideo();

        assertEquals(List.of("newproducer " + producer.id()), log.entries());
        assertEquals(MediaKind.VIDEO, producer.kind());
        assertEquals(ProducerType.SIMULCAST, producer.type());
        assertFalse(producer.paused());
        assertEquals(List.of(), producer.score());
        assertEquals(APP_DATA, producer.appData());
        JsonNode routerDump = tree(result(router.dump()));
        assertEquals(js("[{key: '" + producer.id() + "', values: []}]"), routerDump.get("mapProducerIdConsumerIds"));
        assertEquals(0, routerDump.get("mapConsumerIdProducerId").size());
        JsonNode transportDump = tree(result(transport2.dump()));
        assertEquals(js("['" + producer.id() + "']"), transportDump.get("producerIds"));
        assertEquals(js("[]"), transportDump.get("consumerIds"));
    }

    @Test
    void producingWithoutHeaderExtensionsAndRtcpIsAllowed() {
        Producer producer = result(transport1.produce(ProducerOptions.of("audio", js("""
                {mid: 'AUDIO2',
                 codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2,
                           parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}}]}"""))
                .withAppData(APP_DATA)));

        assertEquals(ProducerType.SIMPLE, producer.type());
        assertFalse(producer.paused());
        assertEquals(List.of(), producer.score());
        assertEquals(APP_DATA, producer.appData());
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        Throwable chicken = produceFailure(transport1, "chicken", "{}");
        assertInstanceOf(TypeError.class, chicken);
        assertEquals("invalid kind \"chicken\"", chicken.getMessage());
        assertInstanceOf(TypeError.class, produceFailure(transport1, "audio", "{}"));
        // An SSRC that is not a number.
        assertInstanceOf(TypeError.class, produceFailure(transport1, "audio",
                "{codecs: [], headerExtensions: [], encodings: [{ssrc: '1111'}], rtcp: {cname: 'qwerty'}}"));
        // Empty encodings (they become [{}]) and no mid: nothing identifies the stream.
        assertInstanceOf(TypeError.class, produceFailure(transport1, "video", """
                {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'}},
                          {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
                 headerExtensions: [], encodings: [], rtcp: {cname: 'qwerty'}}"""));
        // An RTX codec whose apt points to no codec, with an audio kind as in mediasoup's test, then with video.
        String wrongApt = """
                {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'}},
                          {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 111}}],
                 headerExtensions: [], encodings: [{ssrc: 6666, rtx: {ssrc: 6667}}], rtcp: {cname: 'video-1'}}""";
        assertInstanceOf(TypeError.class, produceFailure(transport1, "audio", wrongApt));
        assertInstanceOf(TypeError.class, produceFailure(transport1, "video", wrongApt));
    }

    @Test
    void unsupportedCodecsAreUnsupportedErrors() {
        assertInstanceOf(UnsupportedError.class, produceFailure(transport1, "audio", """
                {codecs: [{mimeType: 'audio/ISAC', payloadType: 108, clockRate: 32000}],
                 headerExtensions: [], encodings: [{ssrc: 1111}], rtcp: {cname: 'audio'}}"""));
        assertInstanceOf(UnsupportedError.class, produceFailure(transport1, "video", """
                {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': 'CHICKEN'}},
                          {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
                 headerExtensions: [], encodings: [{ssrc: 6666, rtx: {ssrc: 6667}}]}"""));
    }

    @Test
    void alreadyUsedMidOrSsrcIsAnError() {
        ProducerOptions audio = ProducerOptions.of("audio", js("""
                {mid: 'AUDIO', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 33333333}]}"""));
        ProducerOptions video = ProducerOptions.of("video", js("""
                {mid: 'VIDEO2',
                 codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'}}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10}],
                 encodings: [{ssrc: 22222222}], rtcp: {cname: 'video-1'}}"""));

        result(transport1.produce(audio));
        assertPlainError(failure(transport1.produce(audio)));
        result(transport2.produce(video));
        assertPlainError(failure(transport2.produce(video)));
        // Another SSRC under the same MID, and the same SSRC under another MID.
        assertPlainError(produceFailure(transport1, "audio", """
                {mid: 'AUDIO', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 44444444}]}"""));
        assertPlainError(produceFailure(transport1, "audio", """
                {mid: 'AUDIO3', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 33333333}]}"""));
    }

    @Test
    void aDuplicateProducerIdIsATypeError() {
        Producer producer = produceAudio();

        Throwable error = failure(transport2.produce(ProducerOptions.of("video", VIDEO).withId(producer.id())));

        assertInstanceOf(TypeError.class, error);
        assertEquals("a Producer with same id \"" + producer.id() + "\" already exists", error.getMessage());
    }

    @Test
    void noMidAndASingleEncodingWithoutSsrcOrRidIsRejected() {
        Throwable error = produceFailure(transport1, "audio", """
                {codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2}],
                 encodings: [{}]}""");

        assertInstanceOf(TypeError.class, error);
    }

    @Test
    void anRtpExtensionIdOfZeroIsATypeError() {
        Throwable error = produceFailure(transport1, "audio", """
                {mid: 'AUDIO', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 0}],
                 encodings: [{ssrc: 1234}]}""");

        assertInstanceOf(TypeError.class, error);
    }

    @Test
    void theTypeFollowsTheEncodingsAndTheCodec() {
        Router router2 = result(worker.createRouter(RouterOptions.of(codecs("""
                [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2},
                 {kind: 'video', mimeType: 'video/VP8', clockRate: 90000},
                 {kind: 'video', mimeType: 'video/VP9', clockRate: 90000}]"""))));
        WebRtcTransport transport = loopbackTransport(router2);

        // A single VP8 encoding with temporal layers is simulcast (one stream), VP9 with layers is SVC.
        assertEquals(ProducerType.SIMULCAST, result(transport.produce(ProducerOptions.of("video", js("""
                {mid: 'vp8', codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000}],
                 encodings: [{ssrc: 1111, scalabilityMode: 'L1T3'}]}""")))).type());
        assertEquals(ProducerType.SVC, result(transport.produce(ProducerOptions.of("video", js("""
                {mid: 'vp9', codecs: [{mimeType: 'video/VP9', payloadType: 98, clockRate: 90000}],
                 encodings: [{ssrc: 2222, scalabilityMode: 'L3T3'}]}""")))).type());
        assertEquals(ProducerType.SIMPLE, result(transport.produce(ProducerOptions.of("video", js("""
                {mid: 'vp9-simple', codecs: [{mimeType: 'video/VP9', payloadType: 98, clockRate: 90000}],
                 encodings: [{ssrc: 3333}]}""")))).type());
        // Layers or several encodings on a codec that cannot have them.
        Throwable layeredOpus = produceFailure(transport, "audio", """
                {mid: 'opus-l1t3', codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 4444, scalabilityMode: 'L1T3'}]}""");
        assertInstanceOf(TypeError.class, layeredOpus);
        Throwable simulcastOpus = produceFailure(transport, "audio", """
                {mid: 'opus-x2', codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 5555}, {ssrc: 6666}]}""");
        assertInstanceOf(TypeError.class, simulcastOpus);
        assertEquals("audio/opus codec not supported for simulcast", simulcastOpus.getMessage());
        Throwable simulcastVp9 = produceFailure(transport, "video", """
                {mid: 'vp9-x2', codecs: [{mimeType: 'video/vp9', payloadType: 98, clockRate: 90000}],
                 encodings: [{ssrc: 7777}, {ssrc: 8888}]}""");
        assertEquals("video/VP9 codec not supported for simulcast", simulcastVp9.getMessage());
        assertEquals(3, tree(result(transport.dump())).get("producerIds").size());
    }

    @Test
    void producersOfATransportShareTheFirstCname() {
        Producer first = result(transport1.produce(ProducerOptions.of("audio", js("""
                {mid: 'A', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 1001}]}"""))));
        Producer second = result(transport1.produce(ProducerOptions.of("audio", js("""
                {mid: 'B', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 1002}], rtcp: {cname: 'given-later'}}"""))));
        Producer named = result(transport2.produce(ProducerOptions.of("audio", js("""
                {mid: 'C', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 1003}], rtcp: {cname: 'first-given'}}"""))));
        Producer unnamed = result(transport2.produce(ProducerOptions.of("audio", js("""
                {mid: 'D', codecs: [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 1004}]}"""))));

        String random = first.rtpParameters().rtcp().cname();
        assertEquals(8, random.length(), random);
        assertEquals(random, second.rtpParameters().rtcp().cname());
        assertEquals("first-given", named.rtpParameters().rtcp().cname());
        assertEquals("first-given", unnamed.rtpParameters().rtcp().cname());
    }

    @Test
    void dumpEchoesTheParametersAsTheWorkerHoldsThem() {
        Producer audio = produceAudio();
        JsonNode audioDump = tree(OnLoop.call(worker, audio::dump));

        assertEquals(audio.id(), audioDump.get("id").asText());
        assertEquals("audio", audioDump.get("kind").asText());
        assertEquals("simple", audioDump.get("type").asText());
        assertEquals(js("""
                [{mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2,
                  parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}, rtcpFeedback: []}]"""),
                audioDump.at("/rtpParameters/codecs"));
        assertEquals(js("""
                [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10, parameters: {}, encrypt: false},
                 {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12, parameters: {}, encrypt: false}]"""),
                audioDump.at("/rtpParameters/headerExtensions"));
        assertEquals(1, audioDump.at("/rtpParameters/encodings").size());
        assertEquals(0, audioDump.at("/rtpParameters/encodings/0/codecPayloadType").asInt(-1));
        assertEquals(js("[]"), audioDump.get("traceEventTypes"));
        assertFalse(audioDump.get("paused").asBoolean());

        Producer video = produceVideo();
        JsonNode videoDump = tree(OnLoop.call(worker, video::dump));

        assertEquals("video", videoDump.get("kind").asText());
        assertEquals("simulcast", videoDump.get("type").asText());
        assertEquals(js("""
                [{mimeType: 'video/H264', payloadType: 112, clockRate: 90000,
                  parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}, {type: 'goog-remb'}]},
                 {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112},
                  rtcpFeedback: []}]"""),
                videoDump.at("/rtpParameters/codecs"));
        assertEquals(js("""
                [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10, parameters: {}, encrypt: false},
                 {uri: 'urn:3gpp:video-orientation', id: 13, parameters: {}, encrypt: false}]"""),
                videoDump.at("/rtpParameters/headerExtensions"));
        JsonNode encodings = videoDump.at("/rtpParameters/encodings");
        assertEquals(4, encodings.size());
        long[] ssrcs = {22222222L, 22222224L, 22222226L, 22222228L};
        for (int i = 0; i < 4; i++) {
            assertEquals(112, encodings.get(i).get("codecPayloadType").asInt());
            assertEquals(ssrcs[i], encodings.get(i).get("ssrc").asLong());
            assertEquals(ssrcs[i] + 1, encodings.get(i).at("/rtx/ssrc").asLong());
        }
        assertEquals("L1T3", encodings.get(0).get("scalabilityMode").asText());
    }

    @Test
    void statsAreEmptyBeforeRtpArrives() {
        Producer audio = produceAudio();
        Producer video = produceVideo();

        assertEquals(List.of(), OnLoop.call(worker, () -> audio.getStats(System.currentTimeMillis())));
        assertEquals(List.of(), OnLoop.call(worker, () -> video.getStats(System.currentTimeMillis())));
    }

    @Test
    void pauseAndResumeFireOncePerRealChange() {
        Producer producer = produceAudio();
        EventLog log = new EventLog()
                .on(producer.observer(), Producer.PAUSE, "pause")
                .on(producer.observer(), Producer.RESUME, "resume");

        OnLoop.run(worker, producer::pause);
        assertTrue(producer.paused());
        assertTrue(tree(OnLoop.call(worker, producer::dump)).get("paused").asBoolean());
        OnLoop.run(worker, producer::resume);
        assertFalse(producer.paused());
        assertFalse(tree(OnLoop.call(worker, producer::dump)).get("paused").asBoolean());
        OnLoop.run(worker, () -> {
            producer.pause();
            producer.resume();
            producer.pause();
            producer.pause();
            producer.pause();
            producer.resume();
        });

        assertEquals(List.of("pause", "resume", "pause", "resume", "pause", "resume"), log.entries());
        assertFalse(producer.paused());
    }

    @Test
    void producingPausedStartsPausedWithoutEvents() {
        EventLog log = new EventLog();
        transport1.observer().on(Transport.NEW_PRODUCER, p -> {
            log.on(p.observer(), Producer.PAUSE, "pause");
        });

        Producer producer = result(transport1.produce(ProducerOptions.of("audio", AUDIO).withPaused(true)));
        OnLoop.run(worker, producer::pause);

        assertTrue(producer.paused());
        assertEquals(List.of(), log.entries());
    }

    @Test
    void closeFiresObserverCloseOnceAndCleansTheDumps() {
        Producer producer = produceAudio();
        EventLog log = new EventLog()
                .on(producer.observer(), Producer.CLOSE, "close")
                .on(producer.events(), Producer.TRANSPORT_CLOSE, "transportclose");

        OnLoop.run(worker, producer::close);
        OnLoop.run(worker, producer::close);

        assertEquals(List.of("close"), log.entries());
        assertTrue(producer.closed());
        JsonNode routerDump = tree(result(router.dump()));
        assertEquals(js("[]"), routerDump.get("mapProducerIdConsumerIds"));
        assertEquals(js("[]"), routerDump.get("mapConsumerIdProducerId"));
        JsonNode transportDump = tree(result(transport1.dump()));
        assertEquals(js("[]"), transportDump.get("producerIds"));
        assertEquals(js("[]"), transportDump.get("consumerIds"));
        assertEquals(js("{}"), transportDump.at("/rtpListener/ssrcTable"));
        assertEquals(js("{}"), transportDump.at("/rtpListener/midTable"));
    }

    @Test
    void aClosedProducersMidAndSsrcCanBeUsedAgain() {
        Producer producer = produceVideo();

        OnLoop.run(worker, producer::close);

        assertEquals(ProducerType.SIMULCAST, produceVideo().type());
    }

    @Test
    void methodsRejectWhenClosed() {
        Producer producer = produceAudio();
        OnLoop.run(worker, producer::close);

        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, producer::dump));
        assertInstanceOf(MediasoupError.class,
                OnLoop.failure(worker, () -> producer.getStats(System.currentTimeMillis())));
        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, producer::pause));
        assertInstanceOf(MediasoupError.class, OnLoop.failure(worker, producer::resume));
    }

    @Test
    void closingTheTransportEmitsTransportcloseThenClose() {
        Producer producer = produceVideo();
        EventLog log = new EventLog()
                .on(producer.events(), Producer.TRANSPORT_CLOSE, "transportclose")
                .on(producer.observer(), Producer.CLOSE, "close")
                .on(transport2.observer(), Transport.CLOSE, "transport close");

        OnLoop.run(worker, transport2::close);

        assertEquals(List.of("transportclose", "close", "transport close"), log.entries());
        assertTrue(producer.closed());
        assertEquals(js("[]"), tree(result(router.dump())).get("mapProducerIdConsumerIds"));
    }
}
