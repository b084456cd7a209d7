package io.tributary.pipe;

import static io.tributary.pipe.Await.result;
import static io.tributary.pipe.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.pipe.control.ControlClient;
import io.tributary.pipe.control.ControlJson;
import io.tributary.pipe.control.CreateTransport;
import io.tributary.pipe.control.PipeEndpoint;
import io.tributary.pipe.control.PipedProducer;
import io.tributary.pipe.control.RequestSigner;
import io.tributary.pipe.control.TransportCreated;
import io.tributary.pipe.testing.ChildNode;
import io.tributary.pipe.testing.LossyRelay;
import io.tributary.pipe.testing.TestNode;
import io.tributary.pipe.testing.VideoSink;
import io.tributary.pipe.testing.VideoSource;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.pipe.PipeTransportOptions;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes as two processes: this JVM is the origin (a producer on its router), a {@code PipeNodeMain}
 * child JVM the other node, which consumes what is piped into it and reports it on stdout.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TwoProcessPipeIT {

    private static final String KEY = TestNode.ROUTER_KEY;
    private static final long WAIT_MS = 10_000;
    /** Liveness of both nodes: generous, the build machines are loaded. */
    static final long PING_MS = 500;
    static final long DEAD_AFTER_MS = 3000;
    /** A dead node's links close within its silence limit, one ping period late at most, plus slack. */
    private static final long CLOSED_WITHIN_MS = DEAD_AFTER_MS + 2 * PING_MS + 2000;

    private TestNode origin;
    private ChildNode child;
    private VideoSource source;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestNode.start("origin", o -> o.withTimeouts(5000, PING_MS, DEAD_AFTER_MS));
        child = ChildNode.start("child");
        source = result(VideoSource.produce(origin.router));
    }

    @AfterEach
    void tearDown() {
        try {
            origin.close();
        } finally {
            child.close();
        }
    }

    @Test
    void aProducerPipedToTheOtherProcessIsConsumedThereWithTheSamePayloads() {
        String id = source.producer().id();
        result(origin.pipes().pipeProducer(source.producer(), origin.router, child.remote(), KEY));
        child.await(line -> line.equals("PRODUCER " + id + " false"), WAIT_MS, "the piped producer exists there");

        List<byte[]> sent = source.send(100);

        until(() -> child.payloads(id).size() == 100, WAIT_MS, "100 payloads there");
        assertEquals(VideoSink.hex(sent), child.payloads(id));
        JsonNode stats = child.stats();
        assertEquals(0, stats.path("packetsDropped").asLong(), stats.toString());
        assertEquals(1, stats.path("links").asInt(), stats.toString());
    }

    @Test
    void pausingAndClosingTheOriginalPausesAndClosesThePipedProducerAndItsConsumers() {
        String id = source.producer().id();
        result(origin.pipes().pipeProducer(source.producer(), origin.router, child.remote(), KEY));
        child.await(line -> line.startsWith("PRODUCER " + id), WAIT_MS, "the piped producer exists there");

        result(source.producer().pause());
        child.await(line -> line.equals("EVENT " + id + " producerpause"), WAIT_MS, "producerpause there");
        source.send(5);
        result(source.producer().resume());
        child.await(line -> line.equals("EVENT " + id + " producerresume"), WAIT_MS, "producerresume there");
        List<byte[]> afterResume = source.send(5);
        until(() -> child.payloads(id).size() == 5, WAIT_MS, "media after resume");
        assertEquals(VideoSink.hex(afterResume), child.payloads(id), "nothing sent while paused went through");

        source.producer().close();

        child.await(line -> line.equals("EVENT " + id + " producerclose"), WAIT_MS, "producerclose there");
        assertEquals(1, child.stats().path("open").asInt(), "the pair stays for other producers");
    }

    @Test
    void packetsUnderAWrongSrtpKeyAreRejectedAndCounted() {
        ManualPair pair = manualPair(false);
        result(pair.client.connect(child.remote(), pair.created.transportId(), new PipeEndpoint("127.0.0.1",
                pair.local.tuple().localPort(), SrtpParameters.random(SrtpProfile.AEAD_AES_256_GCM))));
        PipeEndpoint there = pair.created.endpoint();
        result(pair.local.connect(there.ip(), there.port(), there.srtpParameters()));
        pipeThrough(pair);

        source.send(50);

        until(() -> child.stats().path("packetsDropped").asLong() >= 50, WAIT_MS, "every packet dropped and counted");
        assertEquals(List.of(), child.payloads(source.producer().id()), "nothing under the wrong key got through");
    }

    @Test
    void withRtxALossOnThePipeIsRepaired() throws Exception {
        ManualPair pair = manualPair(true);
        Consumer pipeConsumer = result(pair.local.consume(source.producer().id(), Map.of()));
        List<RtpCodecParameters> codecs = pipeConsumer.rtpParameters().codecs();
        PipeEndpoint there = pair.created.endpoint();
        try (LossyRelay relay = new LossyRelay(address(pair.local.tuple()), new InetSocketAddress(there.ip(),
                there.port()), codecs.get(0).payloadType(), 5, codecs.get(1).payloadType())) {
            result(pair.client.connect(child.remote(), pair.created.transportId(), new PipeEndpoint("127.0.0.1",
                    relay.remoteSide(), pair.local.srtpParameters())));
            result(pair.local.connect("127.0.0.1", relay.originSide(), there.srtpParameters()));
            produceThere(pair, pipeConsumer);

            List<byte[]> sent = source.send(20);

            until(() -> child.payloads(source.producer().id()).size() == 20, WAIT_MS, "all 20 payloads there");
            assertEquals(new HashSet<>(VideoSink.hex(sent)), new HashSet<>(child.payloads(source.producer().id())),
                    "the lost packet arrived after all");
            assertTrue(relay.counted() >= 1, "it came back as RTX over the pipe");
        }
    }

    @Test
    void killingTheOtherProcessClosesThisSideWithinABoundedTime() throws Exception {
        RemotePipe pipe = result(origin.pipes().pipeProducer(source.producer(), origin.router, child.remote(), KEY));
        child.await(line -> line.startsWith("PRODUCER "), WAIT_MS, "the piped producer exists there");

        long killedAt = System.nanoTime();
        child.kill();

        until(() -> pipe.pipeConsumer().closed() && origin.openPipeTransports().isEmpty(), WAIT_MS,
                "the link to the dead node closes here");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertEquals(List.of(), origin.pipes().links());
        assertTrue(tookMs <= CLOSED_WITHIN_MS, "closed " + tookMs + " ms after the kill");
        assertTrue(!source.producer().closed(), "the original lives on");
    }

    @Test
    void whenTheOriginProcessDiesTheNodeItPipedToClosesItsSide() {
        child.command("pipe-to origin " + origin.server.controlUrl());
        String piped = child.await(line -> line.startsWith("PIPE"), WAIT_MS, "the child pipes a producer here");
        assertTrue(piped.startsWith("PIPED "), piped);
        String id = piped.substring("PIPED ".length());
        VideoSink sink = result(VideoSink.consume(origin.router, id));

        long killedAt = System.nanoTime();
        child.close();

        until(() -> sink.events().contains("producerclose") && origin.openPipeTransports().isEmpty(), WAIT_MS,
                "the piped producer of the dead origin closes here");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertTrue(tookMs <= CLOSED_WITHIN_MS, "closed " + tookMs + " ms after the kill");
    }

    /** What RemotePipes sets up, by hand, so the test can put a wrong key or a lossy relay in the middle. */
    private ManualPair manualPair(boolean rtx) {
        PipeTransport local = result(origin.router.createPipeTransport(PipeTransportOptions.of(
                TransportListenInfo.udp("127.0.0.1", 0)).withSrtp(true).withRtx(rtx)));
        ControlClient client = ControlClient.create(origin.vertx, origin.vertx.getOrCreateContext(),
                new RequestSigner(TestNode.SECRET), 5000);
        TransportCreated created = result(client.createTransport(child.remote(), new CreateTransport(KEY,
                origin.pipes().identity(), KEY, local.id(), rtx, true, null)));
        return new ManualPair(local, client, created);
    }

    private record ManualPair(PipeTransport local, ControlClient client, TransportCreated created) {
    }

    /** The pipe consumer here and, with the same id, the piped producer there, as NodeLink.pipeOut makes them. */
    private void pipeThrough(ManualPair pair) {
        produceThere(pair, result(pair.local().consume(source.producer().id(), Map.of())));
    }

    private void produceThere(ManualPair pair, Consumer pipeConsumer) {
        result(pair.client().produce(child.remote(), pair.created().transportId(), new PipedProducer(
                source.producer().id(), "video", ControlJson.MAPPER.valueToTree(pipeConsumer.rtpParameters()), false,
                Map.of())));
    }

    private static InetSocketAddress address(TupleInfo tuple) {
        return new InetSocketAddress(tuple.localAddress(), tuple.localPort());
    }
}
