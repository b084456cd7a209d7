package io.tributary.worker.observer;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.MediasoupFixtures.MEDIA_CODECS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.rtp.AudioLevel;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.SyntheticRtp;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Observing a packet is on the forwarding path, so it must not allocate. */
class ObserverAllocationTest {

    private static final int ROUNDS = 50_000;
    private static final long TOLERANCE_BYTES = 4096;

    private final Vertx vertx = Vertx.vertx();
    private final Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void observingPacketsDoesNotAllocate() {
        Router router = result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        Producer producer = new AudioProducers(router).produce();
        AudioLevelObserver levels = result(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults()));
        ActiveSpeakerObserver speaker = result(router.createActiveSpeakerObserver(ActiveSpeakerObserverOptions.defaults()));
        result(levels.addProducer(producer.id()));
        result(speaker.addProducer(producer.id()));
        byte[] bytes = SyntheticRtp.packet(111, 1, 960, 5000, false, RtpExtensionIds.AUDIO_LEVEL,
                new byte[] {(byte) AudioLevel.encode(true, 30)}, new byte[] {1, 2, 3});
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(bytes, 0, bytes.length));

        long allocated = OnLoop.call(worker, () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            threads.setThreadAllocatedMemoryEnabled(true);
            observe(levels, speaker, producer, packet);
            long before = threads.getCurrentThreadAllocatedBytes();
            observe(levels, speaker, producer, packet);
            return threads.getCurrentThreadAllocatedBytes() - before;
        });

        assertTrue(allocated < TOLERANCE_BYTES, "allocated " + allocated + " bytes over " + ROUNDS + " rounds");
    }

    private static void observe(RtpObserver levels, RtpObserver speaker, Producer producer, RtpPacket packet) {
        for (int i = 0; i < ROUNDS; i++) {
            levels.receiveRtp(producer, packet);
            speaker.receiveRtp(producer, packet);
        }
    }
}
