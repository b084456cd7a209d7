package io.tributary.worker.observer;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mediasoup's node test-ActiveSpeakerObserver.ts, plus the dominant speaker changes. */
class ActiveSpeakerObserverTest {

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
        ActiveSpeakerObserver observer = result(router.createActiveSpeakerObserver(
                ActiveSpeakerObserverOptions.defaults().withAppData(Map.of("foo", "bar"))));

        assertFalse(observer.closed());
        assertFalse(observer.paused());
        assertEquals(Map.of("foo", "bar"), observer.appData());
        assertEquals(300, observer.intervalMs());
        assertEquals(js("['" + observer.id() + "']"), tree(result(router.dump())).get("rtpObserverIds"));
    }

    @Test
    void wrongArgumentsAreTypeErrorsAndIntervalsAreClamped() {
        ActiveSpeakerObserverOptions defaults = ActiveSpeakerObserverOptions.defaults();
        assertInstanceOf(TypeError.class, failure(router.createActiveSpeakerObserver(defaults.withInterval(false))));
        assertEquals(100, result(router.createActiveSpeakerObserver(defaults.withInterval(1))).intervalMs());
        assertEquals(5000, result(router.createActiveSpeakerObserver(defaults.withInterval(9999))).intervalMs());
    }

    @Test
    void pauseResumeCloseAndRouterClose() {
        ActiveSpeakerObserver observer = result(router.createActiveSpeakerObserver(ActiveSpeakerObserverOptions.defaults()));
        EventLog log = new EventLog()
                .on(observer.observer(), RtpObserver.PAUSE, "pause")
                .on(observer.observer(), RtpObserver.RESUME, "resume")
                .on(observer.events(), RtpObserver.ROUTER_CLOSE, "routerclose")
                .on(observer.observer(), RtpObserver.CLOSE, "close");

        result(observer.pause());
        assertTrue(observer.paused());
        result(observer.resume());
        OnLoop.run(worker, router::close);

        assertTrue(observer.closed());
        assertEquals(List.of("pause", "resume", "routerclose", "close"), log.entries());
    }

    @Test
    void theLoudestBecomesDominantAndAChallengerNeedsAMargin() {
        AudioProducers producers = new AudioProducers(router);
        Producer alice = producers.produce();
        Producer bob = producers.produce();
        ActiveSpeakerObserver observer = result(router.createActiveSpeakerObserver(
                ActiveSpeakerObserverOptions.defaults().withInterval(100)));
        result(observer.addProducer(alice.id()));
        result(observer.addProducer(bob.id()));
        EventLog log = new EventLog()
                .on(observer.events(), ActiveSpeakerObserver.DOMINANT_SPEAKER, "dominantspeaker", Producer::id);

        OnLoop.run(worker, () -> {
            producers.send(alice, 10, 30);
            producers.send(bob, 10, 60);
        });
        log.await("dominantspeaker " + alice.id());
        OnLoop.run(worker, () -> {
            producers.send(alice, 10, 30);
            producers.send(bob, 10, 29);
        });
        awaitIntervals(observer, 3);
        assertEquals(alice, observer.dominant());

        OnLoop.run(worker, bob::close);
        OnLoop.run(worker, () -> producers.send(alice, 10, 30));
        awaitIntervals(observer, 2);
        assertEquals(List.of("dominantspeaker " + alice.id()), log.entries());

        Producer carol = producers.produce();
        result(observer.addProducer(carol.id()));
        OnLoop.run(worker, alice::close);
        OnLoop.run(worker, () -> producers.send(carol, 10, 10));
        log.await("dominantspeaker " + carol.id());
    }

    private static void awaitIntervals(RtpObserver observer, int count) {
        try {
            Thread.sleep(observer.intervalMs() * count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
