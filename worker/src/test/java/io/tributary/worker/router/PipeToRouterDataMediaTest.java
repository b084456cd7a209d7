package io.tributary.worker.router;

import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.testing.DirectData;
import io.tributary.worker.testing.DirectVideo;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.pipe.PipeTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Data through pipeToRouter between routers of two workers: a DirectTransport's DataProducer on worker 1,
 * piped to worker 2's router and consumed there by a DirectTransport's DataConsumer. The messages cross
 * the in-process link over the pipe pair's SCTP association.
 */
class PipeToRouterDataMediaTest {

    private static final int MESSAGES = 200;

    private final PipeFixtures fx = new PipeFixtures();
    private final Set<PipeTransport> pipes1 = PipeFixtures.trackPipeTransports(fx.router1);
    private final Set<PipeTransport> pipes2 = PipeFixtures.trackPipeTransports(fx.router2);
    private final DataProducer source = DirectData.produce(fx.router1, "chat", "text");

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private DirectData.Sink pipeAndConsume() {
        result(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer(source.id(), fx.router2)));
        return DirectData.consume(fx.router2, source.id());
    }

    @Test
    void textAndBinaryMessagesArriveInOrderOnTheOtherWorker() {
        DirectData.Sink sink = pipeAndConsume();

        List<String> expected = DirectData.sendNumbered(source, 1, MESSAGES);

        assertEquals(expected, sink.await(MESSAGES));
        assertEquals("chat", sink.consumer().label());
        assertEquals("text", sink.consumer().protocol());
        PipeTransport pipe = pipes1.iterator().next();
        assertEquals("in-process", ((Map<?, ?>) result(pipe.dump()).get("link")).get("type"));
        Map<String, Object> stats = result(pipe.getStats()).get(0);
        assertEquals(0L, stats.get("packetsDropped"));
        assertEquals(0L, stats.get("rtpBytesSent"), "data is not RTP");
        assertTrue((Long) stats.get("bytesSent") > 0, "the association's packets left through the pipe: " + stats);
        long bytes = expected.stream().mapToLong(entry -> entry.length() - 3).sum();
        assertEquals(bytes, result(fx.router2.dataProducer(source.id()).getStats()).get(0).bytesReceived());
    }

    @Test
    void emptyAndLargeMessagesCross() {
        DirectData.Sink sink = pipeAndConsume();
        byte[] large = new byte[200_000];
        Arrays.fill(large, (byte) 'x');

        source.send("");
        source.send(large);
        source.send("after");

        List<String> received = sink.await(3);
        assertEquals(" /56", received.get(0), "an empty string travels as one space with ppid 56");
        assertEquals(new String(large, StandardCharsets.UTF_8) + "/53", received.get(1));
        assertEquals("after/51", received.get(2));
    }

    @Test
    void twoPipedDataProducersKeepTheirOwnStreams() {
        DataProducer other = DirectData.produce(fx.router1, "other", "");
        DirectData.Sink sink = pipeAndConsume();
        result(fx.router1.pipeToRouter(PipeToRouterOptions.dataProducer(other.id(), fx.router2)));
        DirectData.Sink otherSink = DirectData.consume(fx.router2, other.id());

        List<String> expected = new ArrayList<>(DirectData.sendNumbered(source, 1, 50));
        List<String> otherExpected = DirectData.sendNumbered(other, 1000, 50);

        assertEquals(expected, sink.await(50));
        assertEquals(otherExpected, otherSink.await(50));
    }

    @Test
    void mediaAndDataShareThePairAndEachReachesItsOwn() {
        DirectData.Sink sink = pipeAndConsume();
        DirectVideo video = DirectVideo.produce(fx.router1);
        result(fx.router1.pipeToRouter(PipeToRouterOptions.producer(video.producer().id(), fx.router2)));
        DirectVideo.Sink videoSink = DirectVideo.consume(fx.router2, video.producer().id());

        video.send(100);
        List<String> expected = DirectData.sendNumbered(source, 1, 100);

        assertEquals(expected, sink.await(100));
        List<byte[]> payloads = videoSink.await(100);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(video.sent().get(i), payloads.get(i), "payload " + i);
        }
        assertEquals(1, pipes1.size());
        Map<String, Object> stats = result(pipes2.iterator().next().getStats()).get(0);
        assertEquals(0L, stats.get("packetsDropped"), "no SCTP packet was taken for RTP, nor the reverse");
    }

    @Test
    void closingTheOriginalClosesThePipedDataProducerAndItsConsumers() {
        DirectData.Sink sink = pipeAndConsume();
        DataProducer piped = fx.router2.dataProducer(source.id());
        EventLog log = new EventLog()
                .on(piped.observer(), DataProducer.CLOSE, "piped closed")
                .on(sink.consumer().events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose");
        DirectData.sendNumbered(source, 1, 10);
        sink.await(10);

        source.close();

        log.await("piped closed");
        log.await("dataproducerclose");
        assertTrue(sink.consumer().closed());
        assertEquals(1, pipes2.size(), "the pair stays");
    }

    @Test
    void closingOneEndOfThePairAbortsTheAssociationBeforeTheOtherEndCloses() {
        pipeAndConsume();
        PipeTransport near = pipes1.iterator().next();
        PipeTransport far = pipes2.iterator().next();
        EventLog log = new EventLog()
                .on(far.observer(), Transport.SCTP_STATE_CHANGE, "far sctp", SctpState::wire)
                .on(far.observer(), Transport.CLOSE, "far transport closed");

        near.close();

        log.await("far transport closed");
        assertEquals(List.of("far sctp closed", "far transport closed"), log.entries(),
                "the ABORT queued before the close reaches the other end first");
        assertEquals(SctpState.CLOSED, far.sctpState());
    }
}
