package io.tributary.worker.router;

import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.testing.DirectVideo;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.pipe.PipeTransport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Media through pipeToRouter between routers of two workers: a producer on worker 1's router, consumed
 * on worker 2's, gets there with the same payloads, across the in-process link (no UDP).
 */
class PipeToRouterMediaTest {

    private static final int PACKETS = 200;

    private final PipeFixtures fx = new PipeFixtures();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aProducerOnWorkerOneReachesAConsumerOnWorkerTwoWithTheSamePayloads() {
        assertNotEquals(fx.worker1.loop().context(), fx.worker2.loop().context());
        Set<PipeTransport> pipes1 = PipeFixtures.trackPipeTransports(fx.router1);
        Set<PipeTransport> pipes2 = PipeFixtures.trackPipeTransports(fx.router2);
        DirectVideo source = DirectVideo.produce(fx.router1);
        result(fx.router1.pipeToRouter(PipeToRouterOptions.producer(source.producer().id(), fx.router2)));
        DirectVideo.Sink sink = DirectVideo.consume(fx.router2, source.producer().id());

        source.send(PACKETS);

        List<byte[]> received = sink.await(PACKETS);
        List<byte[]> sent = source.sent();
        assertEquals(PACKETS, received.size());
        for (int i = 0; i < PACKETS; i++) {
            assertArrayEquals(sent.get(i), received.get(i), "payload " + i);
        }
        PipeTransport pipe = pipes1.iterator().next();
        Map<?, ?> link = (Map<?, ?>) result(pipe.dump()).get("link");
        assertEquals("in-process", link.get("type"));
        assertEquals(0L, link.get("packetsDropped"));
        Map<String, Object> stats = result(pipe.getStats()).get(0);
        assertTrue((Long) stats.get("rtpBytesSent") > 0, "media left through the pipe: " + stats);
        assertEquals(0L, stats.get("packetsDropped"));
        PipeTransport otherEnd = pipes2.iterator().next();
        assertEquals("in-process", ((Map<?, ?>) result(otherEnd.dump()).get("link")).get("type"));
        assertEquals(stats.get("rtpBytesSent"), result(otherEnd.getStats()).get(0).get("rtpBytesReceived"));
    }
}
