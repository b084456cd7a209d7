package io.tributary.worker.observer;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;

/** mediasoup's node test-AudioLevelObserver.ts, plus the volumes and silence the worker reports. */
class AudioLevelObserverTest {

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
    void creationGivesDefaultsAndShowsInTheRouterDump() {
        EventLog log = new EventLog().on(router.observer(), Router.NEW_RTP_OBSERVER, "newrtpobserver", RtpObserver::id);

        AudioLevelObserver observer = result(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults()));

        assertEquals(List.of("newrtpobserver " + observer.id()), log.entries());
        assertFalse(observer.closed());
        assertFalse(observer.paused());
        assertEquals(Map.of(), observer.appData());
        assertEquals(1, observer.maxEntries());
        assertEquals(-80, observer.threshold());
        assertEquals(1000, observer.intervalMs());
        JsonNode dump = tree(result(router.dump()));
        assertEquals(js("['" + observer.id() + "']"), dump.get("rtpObserverIds"));
    }

    @Test
    void wrongArgumentsAreTypeErrors() {
        AudioLevelObserverOptions defaults = AudioLevelObserverOptions.defaults();
        assertInstanceOf(TypeError.class, failure(router.createAudioLevelObserver(defaults.withMaxEntries(0))));
        assertInstanceOf(TypeError.class, failure(router.createAudioLevelObserver(defaults.withMaxEntries(-10))));
        assertInstanceOf(TypeError.class, failure(router.createAudioLevelObserver(defaults.withThreshold("foo"))));
        assertInstanceOf(TypeError.class, failure(router.createAudioLevelObserver(defaults.withThreshold(-128))));
        assertInstanceOf(TypeError.class, failure(router.createAudioLevelObserver(defaults.withThreshold(1))));
        assertInstanceOf(TypeError.class, failure(router.createAudioLevelObserver(defaults.withInterval(false))));
        assertEquals(js("[]"), tree(result(router.dump())).get("rtpObserverIds"));
    }

    @Test
    void intervalIsClampedLikeTheWorker() {
        AudioLevelObserverOptions defaults = AudioLevelObserverOptions.defaults();
        assertEquals(250, result(router.createAudioLevelObserver(defaults.withInterval(10))).intervalMs());
        assertEquals(5000, result(router.createAudioLevelObserver(defaults.withInterval(60000))).intervalMs());
    }

    @Test
    void pauseAndResumeFireOnlyOnChange() {
        AudioLevelObserver observer = result(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults()));
        EventLog log = new EventLog()
                .on(observer.observer(), RtpObserver.PAUSE, "pause")
                .on(observer.observer(), RtpObserver.RESUME, "resume");

        result(observer.pause());
        result(observer.pause());
        assertTrue(observer.paused());
        result(observer.resume());
        result(observer.resume());

        assertFalse(observer.paused());
        assertEquals(List.of("pause", "resume"), log.entries());
    }

    @Test
    void producersAreAddedRemovedAndForgottenWhenTheyClose() {
        AudioProducers producers = new AudioProducers(router);
        Producer audio1 = producers.produce();
        Producer audio2 = producers.produce();
        Producer video = producers.produceVideo();
        AudioLevelObserver observer = result(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults()));
        EventLog log = new EventLog()
                .on(observer.observer(), RtpObserver.ADD_PRODUCER, "addproducer", Producer::id)
                .on(observer.observer(), RtpObserver.REMOVE_PRODUCER, "removeproducer", Producer::id);

        result(observer.addProducer(audio1.id()));
        result(observer.addProducer(audio2.id()));
        assertInstanceOf(TypeError.class, failure(observer.addProducer(video.id())));
        assertFalse(failure(observer.addProducer("nope")) instanceof TypeError);
        assertEquals(js("[{key: '%s', values: ['%s']}, {key: '%s', values: ['%s']}, {key: '%s', values: []}]"
                .formatted(audio1.id(), observer.id(), audio2.id(), observer.id(), video.id())),
                tree(result(router.dump())).get("mapProducerIdObserverIds"));

        result(observer.removeProducer(audio1.id()));
        OnLoop.run(worker, audio2::close);

        assertEquals(List.of("addproducer " + audio1.id(), "addproducer " + audio2.id(), "removeproducer " + audio1.id()),
                log.entries());
        assertEquals(List.of(), observer.producers());
        assertEquals(js("[{key: '%s', values: []}, {key: '%s', values: []}]".formatted(audio1.id(), video.id())),
                tree(result(router.dump())).get("mapProducerIdObserverIds"));
    }

    @Test
    void volumesComeLoudestFirstDownToTheThresholdThenSilenceOnce() {
        AudioProducers producers = new AudioProducers(router);
        Producer quiet = producers.produce();
        Producer loud = producers.produce();
        Producer tooFew = producers.produce();
        Producer belowThreshold = producers.produce();
        AudioLevelObserver observer = result(router.createAudioLevelObserver(
                AudioLevelObserverOptions.defaults().withMaxEntries(3).withThreshold(-70).withInterval(250)));
        for (Producer producer : List.of(quiet, loud, tooFew, belowThreshold)) {
            result(observer.addProducer(producer.id()));
        }
        EventLog log = new EventLog()
                .on(observer.events(), AudioLevelObserver.VOLUMES, "volumes", volumes -> volumes.stream()
                        .map(v -> v.producer().id() + "=" + v.volume()).collect(Collectors.joining(",")))
                .on(observer.events(), AudioLevelObserver.SILENCE, "silence");

        OnLoop.run(worker, () -> {
            producers.send(quiet, 10, 40);
            producers.send(loud, 20, 20);
            producers.send(tooFew, 9, 0);
            producers.send(belowThreshold, 10, 90);
        });
        String volumes = "volumes " + loud.id() + "=-20," + quiet.id() + "=-40";
        log.await(volumes);
        log.await("silence");

        assertEquals(List.of(volumes, "silence"), log.entries().subList(0, 2));
        assertEquals(1, log.count("silence"));
    }

    @Test
    void closeAndRouterClose() {
        AudioLevelObserver observer1 = result(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults()));
        AudioLevelObserver observer2 = result(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults()));
        EventLog log = new EventLog()
                .on(observer1.observer(), RtpObserver.CLOSE, "close1")
                .on(observer1.events(), RtpObserver.ROUTER_CLOSE, "routerclose1")
                .on(observer2.events(), RtpObserver.ROUTER_CLOSE, "routerclose2")
                .on(observer2.observer(), RtpObserver.CLOSE, "close2");

        OnLoop.run(worker, observer1::close);
        assertTrue(observer1.closed());
        assertEquals(js("['" + observer2.id() + "']"), tree(result(router.dump())).get("rtpObserverIds"));
        assertInstanceOf(InvalidStateError.class, failure(observer1.pause()));
        OnLoop.run(worker, router::close);

        assertTrue(observer2.closed());
        assertEquals(List.of("close1", "routerclose2", "close2"), log.entries());
    }
}
