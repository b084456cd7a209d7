package io.tributary.worker.router;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.PipeFixtures.AUDIO_RTP_PARAMETERS;
import static io.tributary.worker.testing.PipeFixtures.CONSUMER_DEVICE_CAPABILITIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.consumer.ConsumerType;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.MediasoupFixtures;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-PipeTransport.ts, the pipeToRouter cases, and every rule of Router.pipeToRouter. */
class PipeToRouterTest {

    private final PipeFixtures fx = new PipeFixtures();
    private final Set<PipeTransport> pipes1 = PipeFixtures.trackPipeTransports(fx.router1);
    private final Set<PipeTransport> pipes2 = PipeFixtures.trackPipeTransports(fx.router2);

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private PipeToRouterResult pipe(Producer producer, Router from, Router to) {
        return result(from.pipeToRouter(PipeToRouterOptions.producer(producer.id(), to)));
    }

    @Test
    void pipesAudio() {
        PipeToRouterResult piped = pipe(fx.audioProducer, fx.router1, fx.router2);
        Consumer pipeConsumer = piped.pipeConsumer();
        Producer pipeProducer = piped.pipeProducer();

        assertEquals(2, result(fx.router1.dump()).transportIds().size());
        assertEquals(2, result(fx.router2.dump()).transportIds().size());
        assertFalse(pipeConsumer.closed());
        assertEquals("audio", pipeConsumer.kind().value());
        assertNull(pipeConsumer.rtpParameters().mid());
        String codecs = """
                [{mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                  parameters: {useinbandfec: 1, foo: 'bar1'}, rtcpFeedback: []}]""";
        assertEquals(js(codecs), tree(pipeConsumer.rtpParameters().codecs()));
        String extensions = """
                [{uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 10, encrypt: false, parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time', id: 13, encrypt: false,
                  parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay', id: 14, encrypt: false,
                  parameters: {}}]""";
        assertEquals(js(extensions), tree(pipeConsumer.rtpParameters().headerExtensions()));
        assertEquals(ConsumerType.PIPE, pipeConsumer.type());
        assertFalse(pipeConsumer.paused());
        assertFalse(pipeConsumer.producerPaused());
        assertEquals(10, pipeConsumer.score().score());
        assertEquals(10, pipeConsumer.score().producerScore());
        assertEquals(Map.of(), pipeConsumer.appData());

        assertEquals(fx.audioProducer.id(), pipeProducer.id());
        assertFalse(pipeProducer.closed());
        assertEquals("audio", pipeProducer.kind().value());
        assertNull(pipeProducer.rtpParameters().mid());
        assertEquals(js(codecs), tree(pipeProducer.rtpParameters().codecs()));
        assertEquals(js(extensions), tree(pipeProducer.rtpParameters().headerExtensions()));
        assertFalse(pipeProducer.paused());
        assertEquals(Map.of("foo", "bar1"), pipeProducer.appData());
    }

    @Test
    void pipesAPausedVideoProducerOverTheSamePair() {
        pipe(fx.audioProducer, fx.router1, fx.router2);
        result(fx.videoProducer.pause());

        PipeToRouterResult piped = pipe(fx.videoProducer, fx.router1, fx.router2);
        Consumer pipeConsumer = piped.pipeConsumer();
        Producer pipeProducer = piped.pipeProducer();

        assertEquals(2, result(fx.router1.dump()).transportIds().size(), "the existing pair is used");
        assertEquals(2, result(fx.router2.dump()).transportIds().size());
        String codecs = """
                [{mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                  rtcpFeedback: [{type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'}]}]""";
        String extensions = """
                [{uri: 'http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07', id: 6, encrypt: false,
                  parameters: {}},
                 {uri: 'urn:ietf:params:rtp-hdrext:framemarking', id: 7, encrypt: false, parameters: {}},
                 {uri: 'urn:3gpp:video-orientation', id: 11, encrypt: false, parameters: {}},
                 {uri: 'urn:ietf:params:rtp-hdrext:toffset', id: 12, encrypt: false, parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time', id: 13, encrypt: false,
                  parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay', id: 14, encrypt: false,
                  parameters: {}}]""";
        assertEquals(js(codecs), tree(pipeConsumer.rtpParameters().codecs()));
        assertEquals(js(extensions), tree(pipeConsumer.rtpParameters().headerExtensions()));
        assertEquals(3, pipeConsumer.rtpParameters().encodings().size(), "a pipe carries every encoding");
        assertEquals(ConsumerType.PIPE, pipeConsumer.type());
        assertFalse(pipeConsumer.paused());
        assertTrue(pipeConsumer.producerPaused());

        assertEquals(fx.videoProducer.id(), pipeProducer.id());
        assertEquals("video", pipeProducer.kind().value());
        assertNull(pipeProducer.rtpParameters().mid());
        assertEquals(js(codecs), tree(pipeProducer.rtpParameters().codecs()));
        assertEquals(js(extensions), tree(pipeProducer.rtpParameters().headerExtensions()));
        assertTrue(pipeProducer.paused());
    }

    @Test
    void aRegularConsumerOfAPipedProducerIsSimulcastWithMidAndRtx() {
        Producer pipeProducer = pipe(fx.videoProducer, fx.router1, fx.router2).pipeProducer();

        Consumer consumer = result(fx.webRtcTransport2.consume(
                ConsumerOptions.of(pipeProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));

        assertEquals("0", consumer.rtpParameters().mid());
        assertEquals(ConsumerType.SIMULCAST, consumer.type());
        assertEquals(js("""
                [{mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'ccm', parameter: 'fir'},
                                 {type: 'transport-cc', parameter: ''}]},
                 {mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: {apt: 101},
                  rtcpFeedback: []}]"""), tree(consumer.rtpParameters().codecs()));
        assertEquals(js("""
                [{uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4, encrypt: false,
                  parameters: {}},
                 {uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 5,
                  encrypt: false, parameters: {}}]"""), tree(consumer.rtpParameters().headerExtensions()));
        assertEquals(1, consumer.rtpParameters().encodings().size());
        assertNotNull(consumer.rtpParameters().encodings().get(0).rtx());
        assertFalse(consumer.paused());
        assertFalse(consumer.producerPaused());
    }

    @Test
    void wrongArgumentsGiveMediasoupsTypeErrors() {
        Router sameWorker = fx.newRouter(fx.worker1);
        String id = fx.videoProducer.id();

        assertTypeError("missing producerId or dataProducerId",
                new PipeToRouterOptions(null, null, sameWorker, null, null, true, null, false, false));
        assertTypeError("just producerId or dataProducerId can be given",
                new PipeToRouterOptions("1234", "5678", sameWorker, null, null, true, null, false, false));
        assertTypeError("Router not found", PipeToRouterOptions.producer(id, null));
        assertTypeError("cannot use this Router as destination", PipeToRouterOptions.producer(id, fx.router1));
        assertTypeError("Producer not found", PipeToRouterOptions.producer("12345678", fx.router2));
        assertTypeError("only one of listenInfo and listenIp must be given", PipeToRouterOptions.producer(id, fx.router2)
                .withListenInfo(TransportListenInfo.udp("127.0.0.1", 0))
                .withListenIp(new PipeToRouterOptions.ListenIp("127.0.0.1", null)));
        assertEquals(Set.of(), pipes1, "no transport is created for a rejected call");
    }

    @Test
    void aDataProducerIdIsRejectedClearlyUntilDataProducersExist() {
        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer("12345678", fx.router2)));

        assertInstanceOf(UnsupportedError.class, error);
        assertTrue(error.getMessage().contains("DataProducer"), error.getMessage());
    }

    @Test
    void pipingBetweenRoutersOfTheSameWorkerFailsOnTheDuplicateId() {
        Router sameWorker = fx.newRouter(fx.worker1);

        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.producer(fx.videoProducer.id(), sameWorker)));

        assertInstanceOf(MediasoupError.class, error);
        assertFalse(error instanceof TypeError, "the worker's duplicate-id check is a plain Error");
        assertTrue(error.getMessage().contains("already exists"), error.getMessage());
        assertFalse(result(sameWorker.dump()).mapProducerIdConsumerIds().stream()
                .anyMatch(entry -> entry.key().equals(fx.videoProducer.id())));
    }

    @Test
    void concurrentCallsShareOnePair() {
        Router routerA = fx.newRouter(fx.worker1);
        Router routerB = fx.newRouter(fx.worker2);
        Producer a1 = result(MediasoupFixtures.loopbackTransport(routerA).produce(ProducerOptions.of("audio",
                AUDIO_RTP_PARAMETERS)));
        Producer a2 = result(MediasoupFixtures.loopbackTransport(routerA).produce(ProducerOptions.of("audio",
                AUDIO_RTP_PARAMETERS)));

        result(Future.all(routerA.pipeToRouter(PipeToRouterOptions.producer(a1.id(), routerB)),
                routerA.pipeToRouter(PipeToRouterOptions.producer(a2.id(), routerB))));

        assertEquals(3, result(routerA.dump()).transportIds().size());
        assertEquals(1, result(routerB.dump()).transportIds().size());
    }

    @Test
    void bothDirectionsShareOnePairWhosePortsMirrorAndCloseTogether() {
        Router routerA = fx.newRouter(fx.worker1);
        Router routerB = fx.newRouter(fx.worker2);
        Set<PipeTransport> pipesA = PipeFixtures.trackPipeTransports(routerA);
        Set<PipeTransport> pipesB = PipeFixtures.trackPipeTransports(routerB);
        WebRtcTransport transportA = MediasoupFixtures.loopbackTransport(routerA);
        WebRtcTransport transportB = MediasoupFixtures.loopbackTransport(routerB);
        Producer producerA = result(transportA.produce(ProducerOptions.of("audio", AUDIO_RTP_PARAMETERS)));
        Producer producerB = result(transportB.produce(ProducerOptions.of("audio", AUDIO_RTP_PARAMETERS)));

        result(Future.all(routerA.pipeToRouter(PipeToRouterOptions.producer(producerA.id(), routerB)),
                routerB.pipeToRouter(PipeToRouterOptions.producer(producerB.id(), routerA))));

        assertEquals(1, pipesA.size());
        assertEquals(1, pipesB.size());
        PipeTransport pipeA = pipesA.iterator().next();
        PipeTransport pipeB = pipesB.iterator().next();
        assertEquals(pipeA.tuple().localPort(), pipeB.tuple().remotePort());
        assertEquals(pipeB.tuple().localPort(), pipeA.tuple().remotePort());
        assertTrue(routerB.hasProducer(producerA.id()));
        assertTrue(routerA.hasProducer(producerB.id()));
        EventLog closes = new EventLog()
                .on(pipeA.observer(), Transport.CLOSE, "closed A")
                .on(pipeB.observer(), Transport.CLOSE, "closed B");

        routerA.close();

        closes.await("closed A");
        closes.await("closed B");
        assertEquals(Set.of(), pipesA);
        assertEquals(Set.of(), pipesB);
        Producer producerC = result(MediasoupFixtures.loopbackTransport(routerB).produce(
                ProducerOptions.of("audio", AUDIO_RTP_PARAMETERS)));
        Router routerC = fx.newRouter(fx.worker1);
        pipe(producerC, routerB, routerC);
        assertEquals(1, pipesB.size(), "a new pair replaces the closed one");
    }

    @Test
    void pauseAndResumeOfTheOriginalReachTheConsumersOfThePipedProducer() {
        result(fx.videoProducer.pause());
        Producer pipeProducer = pipe(fx.videoProducer, fx.router1, fx.router2).pipeProducer();
        Consumer consumer = result(fx.webRtcTransport2.consume(
                ConsumerOptions.of(pipeProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));
        assertTrue(consumer.producerPaused());
        assertFalse(consumer.paused());
        EventLog log = new EventLog()
                .on(consumer.events(), Consumer.PRODUCER_RESUME, "producerresume")
                .on(consumer.events(), Consumer.PRODUCER_PAUSE, "producerpause")
                .on(pipeProducer.observer(), Producer.RESUME, "resume")
                .on(pipeProducer.observer(), Producer.PAUSE, "pause");

        result(fx.videoProducer.resume());
        log.await("producerresume");
        log.await("resume");
        assertFalse(consumer.producerPaused());
        assertFalse(pipeProducer.paused());

        result(fx.videoProducer.pause());
        log.await("producerpause");
        log.await("pause");
        assertTrue(consumer.producerPaused());
        assertTrue(pipeProducer.paused());
    }

    @Test
    void closingTheOriginalClosesThePipedProducerAndItsConsumers() {
        PipeToRouterResult piped = pipe(fx.videoProducer, fx.router1, fx.router2);
        Consumer consumer = result(fx.webRtcTransport2.consume(
                ConsumerOptions.of(piped.pipeProducer().id(), CONSUMER_DEVICE_CAPABILITIES)));
        EventLog log = new EventLog()
                .on(consumer.events(), Consumer.PRODUCER_CLOSE, "producerclose")
                .on(piped.pipeConsumer().observer(), Consumer.CLOSE, "pipe consumer closed")
                .on(piped.pipeProducer().observer(), Producer.CLOSE, "pipe producer closed");

        fx.videoProducer.close();

        log.await("pipe consumer closed");
        log.await("pipe producer closed");
        log.await("producerclose");
        assertTrue(consumer.closed());
        assertFalse(fx.router2.hasProducer(fx.videoProducer.id()));
    }

    @Test
    void closingThePipedProducerClosesThePipeConsumer() {
        PipeToRouterResult piped = pipe(fx.videoProducer, fx.router1, fx.router2);
        EventLog log = new EventLog().on(piped.pipeConsumer().observer(), Consumer.CLOSE, "pipe consumer closed");

        piped.pipeProducer().close();

        log.await("pipe consumer closed");
        assertFalse(fx.videoProducer.closed(), "the original stays");
        assertEquals(1, pipes1.size(), "the pair stays for later pipes");
        assertEquals(fx.videoProducer.id(), pipe(fx.videoProducer, fx.router1, fx.router2).pipeProducer().id());
    }

    @Test
    void theOriginalClosingWhileThePipedProducerIsMadeIsAnInvalidStateError() {
        pipe(fx.audioProducer, fx.router1, fx.router2);
        PipeTransport remotePipe = pipes2.iterator().next();
        // Closed on its own loop before the piped producer's creation returns (worker 2 waits for it).
        remotePipe.observer().on(Transport.NEW_PRODUCER, producer -> {
            if (producer.id().equals(fx.videoProducer.id())) {
                OnLoop.run(fx.worker1, fx.videoProducer::close);
            }
        });

        Throwable error = failure(fx.router1.pipeToRouter(PipeToRouterOptions.producer(fx.videoProducer.id(), fx.router2)));

        assertInstanceOf(InvalidStateError.class, error);
        assertEquals("original Producer closed", error.getMessage());
        OnLoop.run(fx.worker2, () -> { });
        assertFalse(fx.router2.hasProducer(fx.videoProducer.id()), "the piped producer is closed again");
    }

    private void assertTypeError(String message, PipeToRouterOptions options) {
        Throwable error = failure(fx.router1.pipeToRouter(options));
        assertInstanceOf(TypeError.class, error);
        assertEquals(message, error.getMessage());
    }
}
