package io.tributary.worker.transport.pipe;

import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.testing.DirectVideo;
import io.tributary.worker.testing.Eventually;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pipe between two workers over real UDP, as between nodes: the pair is connected by hand (tuples and
 * SRTP keys exchanged) and the piped producer made on the far side with the pipe consumer's parameters.
 */
class UdpPipeMediaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TransportListenInfo LOOPBACK = TransportListenInfo.udp("127.0.0.1", 0);
    private static final int PACKETS = 100;

    private final PipeFixtures fx = new PipeFixtures();
    private final DirectVideo source = DirectVideo.produce(fx.router1);

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void srtpAeadAes256GcmCarriesMedia() {
        PipeTransport near = srtpPipe(fx.router1);
        PipeTransport far = srtpPipe(fx.router2);
        connect(near, far.tuple(), far.srtpParameters());
        connect(far, near.tuple(), near.srtpParameters());
        DirectVideo.Sink sink = pipeAndConsume(near, far);

        source.send(PACKETS);

        List<byte[]> received = sink.await(PACKETS);
        for (int i = 0; i < PACKETS; i++) {
            assertArrayEquals(source.sent().get(i), received.get(i), "payload " + i);
        }
        assertEquals("udp", ((Map<?, ?>) result(near.dump()).get("link")).get("type"));
        assertEquals(0L, result(far.getStats()).get(0).get("packetsDropped"));
    }

    @Test
    void packetsUnderAWrongKeyAreDroppedAndCounted() {
        PipeTransport near = srtpPipe(fx.router1);
        PipeTransport far = srtpPipe(fx.router2);
        connect(near, far.tuple(), far.srtpParameters());
        connect(far, near.tuple(), SrtpParameters.random(SrtpProfile.AEAD_AES_256_GCM));
        DirectVideo.Sink sink = pipeAndConsume(near, far);

        source.send(PACKETS);

        Eventually.await(() -> (Long) result(far.getStats()).get(0).get("packetsDropped") >= PACKETS,
                "every packet under the wrong key is dropped and counted");
        assertEquals(List.of(), sink.payloads());
        assertTrue(!far.closed() && !fx.worker2.closed(), "bad packets never harm the transport");
    }

    @Test
    void withRtxALostPacketIsRepairedByRetransmission() throws Exception {
        PipeTransportOptions options = PipeTransportOptions.of(LOOPBACK).withRtx(true);
        PipeTransport near = result(fx.router1.createPipeTransport(options));
        PipeTransport far = result(fx.router2.createPipeTransport(options));
        Consumer pipeConsumer = result(near.consume(source.producer().id(), Map.of()));
        List<RtpCodecParameters> codecs = pipeConsumer.rtpParameters().codecs();
        int mediaPt = codecs.get(0).payloadType();
        int rtxPt = codecs.get(1).payloadType();
        try (LossyRelay relay = new LossyRelay(address(near.tuple()), address(far.tuple()), mediaPt, 5, rtxPt)) {
            result(near.connect("127.0.0.1", relay.portForA(), null));
            result(far.connect("127.0.0.1", relay.portForB(), null));
            DirectVideo.Sink sink = produceAndConsume(pipeConsumer, far);

            source.send(20);

            Set<String> received = hex(sink.await(20));
            assertEquals(hex(source.sent()), received, "the lost packet arrived after all");
            assertTrue(relay.counted() >= 1, "it came back as RTX over the pipe");
        }
    }

    private static PipeTransport srtpPipe(Router router) {
        return result(router.createPipeTransport(PipeTransportOptions.of(LOOPBACK).withSrtp(true)));
    }

    private static Set<String> hex(List<byte[]> payloads) {
        return payloads.stream().map(HexFormat.of()::formatHex).collect(Collectors.toSet());
    }

    private static void connect(PipeTransport transport, TupleInfo remote, SrtpParameters srtp) {
        result(transport.connect(remote.localAddress(), remote.localPort(), srtp));
    }

    private static InetSocketAddress address(TupleInfo tuple) {
        return new InetSocketAddress(tuple.localAddress(), tuple.localPort());
    }

    private DirectVideo.Sink pipeAndConsume(PipeTransport near, PipeTransport far) {
        return produceAndConsume(result(near.consume(source.producer().id(), Map.of())), far);
    }

    /** The far side's producer, as pipeToRouter (or a remote node) makes it: same id, the pipe consumer's parameters. */
    private DirectVideo.Sink produceAndConsume(Consumer pipeConsumer, PipeTransport far) {
        result(far.produce(new ProducerOptions(source.producer().id(), "video",
                JSON.valueToTree(pipeConsumer.rtpParameters()), false, 0, Map.of())));
        return DirectVideo.consume(fx.router2, source.producer().id());
    }
}
