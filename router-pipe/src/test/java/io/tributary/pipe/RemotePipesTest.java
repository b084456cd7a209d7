package io.tributary.pipe;

import static io.tributary.pipe.Await.failure;
import static io.tributary.pipe.Await.result;
import static io.tributary.pipe.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.pipe.control.ControlCallError;
import io.tributary.pipe.control.NotFoundError;
import io.tributary.pipe.link.NodeLink;
import io.tributary.pipe.testing.HeldRouters;
import io.tributary.pipe.testing.TestNode;
import io.tributary.pipe.testing.VideoSink;
import io.tributary.pipe.testing.VideoSource;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM (each its own Vert.x, Worker, router and control server on loopback): producers
 * piped across them over UDP pipe transports set up through the signed control API.
 */
class RemotePipesTest {

    private static final String KEY = TestNode.ROUTER_KEY;

    private final TestNode a = TestNode.start("node-a");
    private final TestNode b = TestNode.start("node-b");

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
    }

    @Test
    void aProducerPipedToAnotherNodeIsConsumedThereWithTheSamePayloadsOverSrtp() {
        VideoSource source = result(VideoSource.produce(a.router));
        RemotePipe pipe = result(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), KEY));
        VideoSink sink = result(VideoSink.consume(b.router, source.producer().id()));

        List<byte[]> sent = source.send(50);

        until(() -> sink.payloads().size() == 50, "50 payloads on node b");
        assertEquals(VideoSink.hex(sent), sink.payloads());
        assertEquals("pipe", pipe.pipeConsumer().type().value());
        Producer piped = b.router.producer(source.producer().id());
        assertEquals(Map.of("source", "camera"), piped.appData(), "the piped producer keeps the original's appData");
        PipeTransport there = b.openPipeTransports().get(0);
        Map<String, Object> dump = result(there.dump());
        assertEquals("AEAD_AES_256_GCM", ((io.tributary.worker.transport.SrtpParameters) dump.get("srtpParameters"))
                .cryptoSuite());
        assertEquals("udp", ((Map<?, ?>) dump.get("link")).get("type"));
        assertEquals(pipe.remoteTransportId(), there.id());
    }

    @Test
    void pauseResumeAndCloseOfTheOriginalFollowOnTheOtherNode() {
        VideoSource source = result(VideoSource.produce(a.router));
        result(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), KEY));
        VideoSink sink = result(VideoSink.consume(b.router, source.producer().id()));
        Producer piped = b.router.producer(source.producer().id());

        result(source.producer().pause());
        until(() -> sink.events().contains("producerpause"), "producerpause on node b");
        assertTrue(piped.paused());
        source.send(5);
        result(source.producer().resume());
        until(() -> sink.events().contains("producerresume"), "producerresume on node b");
        List<byte[]> afterResume = source.send(5);
        until(() -> sink.payloads().size() == 5, "media again after resume");
        assertEquals(VideoSink.hex(afterResume), sink.payloads(), "nothing sent while paused arrived");

        source.producer().close();
        until(() -> sink.events().contains("producerclose"), "producerclose on node b");
        assertTrue(piped.closed());
        assertEquals(1, b.openPipeTransports().size(), "the pair stays for other producers");
    }

    @Test
    void aPipedProducerClosedThereClosesThePipeConsumerHere() {
        VideoSource source = result(VideoSource.produce(a.router));
        RemotePipe pipe = result(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), KEY));

        b.router.producer(source.producer().id()).close();

        until(() -> pipe.pipeConsumer().closed(), "the pipe consumer on node a closes");
        assertTrue(!source.producer().closed(), "the original lives on");
    }

    @Test
    void concurrentPipesAndTheOtherDirectionShareOnePairOfTransports() {
        VideoSource one = result(VideoSource.produce(a.router));
        VideoSource two = result(VideoSource.produce(a.router));
        result(Future.all(a.pipes().pipeProducer(one.producer(), a.router, b.remote(), KEY),
                a.pipes().pipeProducer(two.producer(), a.router, b.remote(), KEY)));
        VideoSource back = result(VideoSource.produce(b.router));
        result(b.pipes().pipeProducer(back.producer(), b.router, a.remote(), KEY));

        assertEquals(1, a.pipeTransports.size());
        assertEquals(1, b.pipeTransports.size());
        VideoSink onB = result(VideoSink.consume(b.router, two.producer().id()));
        VideoSink onA = result(VideoSink.consume(a.router, back.producer().id()));
        List<byte[]> forward = two.send(10);
        List<byte[]> backward = back.send(10);
        until(() -> onB.payloads().size() == 10 && onA.payloads().size() == 10, "media both ways over one pair");
        assertEquals(VideoSink.hex(forward), onB.payloads());
        assertEquals(VideoSink.hex(backward), onA.payloads());
    }

    @Test
    void twoNodesSettingUpThePairAtOnceKeepOneAndBothPipesWork() {
        VideoSource fromA = result(VideoSource.produce(a.router));
        VideoSource fromB = result(VideoSource.produce(b.router));

        result(Future.all(a.pipes().pipeProducer(fromA.producer(), a.router, b.remote(), KEY),
                b.pipes().pipeProducer(fromB.producer(), b.router, a.remote(), KEY)));

        until(() -> a.openPipeTransports().size() == 1 && b.openPipeTransports().size() == 1,
                "one pair left: a " + a.openPipeTransports().size() + ", b " + b.openPipeTransports().size());
        NodeLink linkA = a.pipes().links().get(0);
        NodeLink linkB = b.pipes().links().get(0);
        assertEquals(linkA.remoteTransportId(), linkB.transport().id());
        assertEquals(linkB.remoteTransportId(), linkA.transport().id());
        VideoSink onB = result(VideoSink.consume(b.router, fromA.producer().id()));
        VideoSink onA = result(VideoSink.consume(a.router, fromB.producer().id()));
        fromA.send(10);
        fromB.send(10);
        until(() -> onB.payloads().size() == 10 && onA.payloads().size() == 10, "media both ways");
    }

    @Test
    void theLargerNodeHearingBackBeforeAcceptingTheCrossingSetUpStillPipesOverTheKeptPair() {
        HeldRouters[] held = new HeldRouters[1];
        try (TestNode z = TestNode.start("node-z", UnaryOperator.identity(), r -> held[0] = new HeldRouters(r))) {
            VideoSource fromA = result(VideoSource.produce(a.router));
            VideoSource fromZ = result(VideoSource.produce(z.router));
            Future<RemotePipe> aToZ = a.pipes().pipeProducer(fromA.producer(), a.router, z.remote(), KEY);
            until(() -> a.pipeTransports.size() == 1, "node a's set-up under way");
            Future<RemotePipe> zToA = z.pipes().pipeProducer(fromZ.producer(), z.router, a.remote(), KEY);

            // the order that failed: node z's pipe done before z accepts a's set-up; now a holds z's set-up instead
            until(() -> zToA.isComplete() || a.pipes().links().stream().anyMatch(NodeLink::onStandby),
                    "node z's pipe done, or its set-up on standby on node a");
            held[0].release();

            result(Future.all(aToZ, zToA));
            until(() -> a.openPipeTransports().size() == 1 && z.openPipeTransports().size() == 1,
                    "one pair left: a " + a.openPipeTransports().size() + ", z " + z.openPipeTransports().size());
            assertEquals("node-a", a.pipes().links().get(0).initiator(), "the smaller node's pair is kept");
            assertEquals(z.pipes().links().get(0).transport().id(), zToA.result().transportId(),
                    "node z piped over the kept pair");
            VideoSink onZ = result(VideoSink.consume(z.router, fromA.producer().id()));
            VideoSink onA = result(VideoSink.consume(a.router, fromZ.producer().id()));
            fromA.send(5);
            fromZ.send(5);
            until(() -> onZ.payloads().size() == 5 && onA.payloads().size() == 5, "media both ways");
        }
    }

    @Test
    void pipingFailsWithMediasoupErrors() {
        VideoSource source = result(VideoSource.produce(a.router));
        VideoSource elsewhere = result(VideoSource.produce(b.router));

        Throwable noRouter = failure(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), "ns/nowhere"));
        Throwable notHere = failure(a.pipes().pipeProducer(elsewhere.producer(), a.router, b.remote(), KEY));
        Throwable self = failure(a.pipes().pipeProducer(source.producer(), a.router, a.remote(), KEY));

        assertInstanceOf(NotFoundError.class, noRouter);
        assertEquals("Router not found", noRouter.getMessage());
        assertInstanceOf(TypeError.class, notHere);
        assertEquals("Producer not found", notHere.getMessage());
        assertInstanceOf(TypeError.class, self);
        assertEquals(List.of(), a.openPipeTransports(), "a failed set-up leaves nothing behind");
        until(() -> b.openPipeTransports().isEmpty(), "nor on the other node");
    }

    @Test
    void pipingTheSameProducerTwiceFailsAsTheWorkerDoesAndKeepsTheFirst() {
        VideoSource source = result(VideoSource.produce(a.router));
        RemotePipe first = result(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), KEY));

        Throwable again = failure(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), KEY));

        assertTrue(again.getMessage().contains("already exists"), again.toString());
        VideoSink sink = result(VideoSink.consume(b.router, source.producer().id()));
        source.send(3);
        until(() -> sink.payloads().size() == 3, "the first pipe still carries media");
        assertTrue(!first.pipeConsumer().closed());
    }

    @Test
    void requestsWithoutAGoodSignatureGet401AndAJsonReason() {
        HttpClientResponse[] response = new HttpClientResponse[1];
        String body = result(a.vertx.createHttpClient()
                .request(HttpMethod.GET, a.server.port(), "127.0.0.1", PipeControlServer.MOUNT + "/ping")
                .compose(request -> request.send())
                .compose(r -> {
                    response[0] = r;
                    return r.body();
                })).toString();

        assertEquals(401, response[0].statusCode());
        assertTrue(body.contains("\"error\":\"Unauthorized\"") && body.contains("missing"), body);

        try (TestNode stranger = TestNode.start("node-x", o -> new RemotePipesOptions(o.nodeId(), o.controlUrl(),
                "some-other-cluster-secret", o.listenInfo(), true, false, 2000, 1000, 5000, 30_000))) {
            VideoSource source = result(VideoSource.produce(stranger.router));
            Throwable refused = failure(stranger.pipes().pipeProducer(source.producer(), stranger.router, b.remote(),
                    KEY));
            assertInstanceOf(ControlCallError.class, refused);
            assertTrue(refused.getMessage().contains("refused: bad signature"), refused.getMessage());
        }
    }

    @Test
    void closingTheRouterOnOneNodeClosesTheOtherHalfAndItsConsumers() {
        VideoSource source = result(VideoSource.produce(a.router));
        result(a.pipes().pipeProducer(source.producer(), a.router, b.remote(), KEY));
        VideoSink sink = result(VideoSink.consume(b.router, source.producer().id()));

        a.router.close();

        until(() -> b.openPipeTransports().isEmpty(), "node b's half closes");
        until(() -> sink.events().contains("producerclose"), "its consumer hears producerclose");
        assertEquals(List.of(), b.pipes().links());
    }

    @Test
    void aNodeShuttingDownClosesItsLinksOnTheOtherNode() {
        VideoSource source = result(VideoSource.produce(b.router));
        RemotePipe pipe = result(b.pipes().pipeProducer(source.producer(), b.router, a.remote(), KEY));
        VideoSink sink = result(VideoSink.consume(a.router, source.producer().id()));
        assertNotNull(pipe);

        b.close();

        until(() -> a.openPipeTransports().isEmpty(), 3000, "node a's half closes at once, not after the ping timeout");
        until(() -> sink.events().contains("producerclose"), "node a's consumer hears producerclose");
    }
}
