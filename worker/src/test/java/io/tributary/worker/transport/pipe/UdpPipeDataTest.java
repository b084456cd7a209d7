package io.tributary.worker.transport.pipe;

import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.testing.DirectData;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.Eventually;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data between two workers over a PipeTransport pair on real UDP, as between nodes: both made with
 * {@code createPipeTransport({enableSctp: true})} and connected by hand; the SCTP association runs straight
 * over the UDP tuple, and the piped DataProducer is made on the far side as pipeToRouter would.
 */
class UdpPipeDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 200;

    private final PipeFixtures fx = new PipeFixtures();
    private final DataProducer source = DirectData.produce(fx.router1, "chat", "text");
    private PipeTransport near;
    private PipeTransport far;
    private EventLog states;

    @BeforeEach
    void connect() {
        near = sctpPipe(fx.router1);
        far = sctpPipe(fx.router2);
        states = new EventLog()
                .on(near.events(), Transport.SCTP_STATE_CHANGE, "near", SctpState::wire)
                .on(far.observer(), Transport.SCTP_STATE_CHANGE, "far", SctpState::wire);
        assertEquals(SctpState.NEW, near.sctpState());
        connect(near, far.tuple());
        connect(far, near.tuple());
        states.await("near connected");
        states.await("far connected");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static PipeTransport sctpPipe(Router router) {
        return result(router.createPipeTransport(PipeTransportOptions.of(TransportListenInfo.udp("127.0.0.1", 0))
                .withSctp(TransportSctpOptions.pipeDefaults().withEnableSctp(true))));
    }

    private static void connect(PipeTransport transport, TupleInfo remote) {
        result(transport.connect(remote.localAddress(), remote.localPort(), null));
    }

    /** pipeToRouter's data steps by hand: consumeData here, produceData there with the same id and stream. */
    private DataConsumer pipe() {
        DataConsumer pipeDataConsumer = result(near.consumeData(DataConsumerOptions.of(source.id())));
        result(far.produceData(new DataProducerOptions(source.id(),
                JSON.valueToTree(pipeDataConsumer.sctpStreamParameters()), pipeDataConsumer.label(),
                pipeDataConsumer.protocol(), false, source.appData())));
        return pipeDataConsumer;
    }

    @Test
    void bothEndsWentThroughConnectingToConnected() {
        assertEquals(List.of("near connecting", "near connected"),
                states.entries().stream().filter(e -> e.startsWith("near")).toList());
        assertEquals(List.of("far connecting", "far connected"),
                states.entries().stream().filter(e -> e.startsWith("far")).toList());
        assertEquals("connected", result(near.getStats()).get(0).get("sctpState"));
        assertEquals("connected", result(far.dump()).get("sctpState"));
    }

    @Test
    void textAndBinaryMessagesArriveInOrder() {
        pipe();
        DirectData.Sink sink = DirectData.consume(fx.router2, source.id());

        List<String> expected = DirectData.sendNumbered(source, 1, MESSAGES);

        assertEquals(expected, sink.await(MESSAGES));
        assertEquals("chat", sink.consumer().label());
        assertEquals("udp", ((Map<?, ?>) result(near.dump()).get("link")).get("type"));
        Map<String, Object> stats = result(far.getStats()).get(0);
        assertTrue((Long) stats.get("bytesReceived") > 0, "SCTP came over the socket: " + stats);
        assertEquals(0L, stats.get("rtpBytesReceived"), "data is not RTP");
    }

    @Test
    void closingTheOriginalClosesThePipeDataConsumer() {
        DataConsumer pipeDataConsumer = pipe();
        EventLog log = new EventLog().on(pipeDataConsumer.events(), DataConsumer.DATA_PRODUCER_CLOSE, "dataproducerclose");

        source.close();

        log.await("dataproducerclose");
        assertEquals(List.of(), result(near.dump()).get("dataConsumerIds"));
    }

    @Test
    void closingOneEndAbortsTheAssociationOfTheOther() {
        near.close();

        states.await("far closed");
        assertFalse(far.closed(), "the other end stays open, its association ended");
        assertEquals(SctpState.CLOSED, far.sctpState());
    }

    @Test
    void sctpFromAStrangerIsDroppedAndCounted() throws Exception {
        pipe();
        DirectData.Sink sink = DirectData.consume(fx.router2, source.id());
        // The first INIT may have come before this end connected: dropped then, so count from here.
        long droppedBefore = (Long) result(far.getStats()).get(0).get("packetsDropped");
        byte[] forged = new byte[28];
        forged[0] = 0x13;
        forged[1] = (byte) 0x88;
        forged[2] = 0x13;
        forged[3] = (byte) 0x88;
        try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            stranger.send(new DatagramPacket(forged, forged.length, InetAddress.getLoopbackAddress(),
                    far.tuple().localPort()));
        }

        Eventually.await(() -> (Long) result(far.getStats()).get(0).get("packetsDropped") == droppedBefore + 1,
                "the stranger's packet is dropped and counted");
        List<String> expected = DirectData.sendNumbered(source, 1, 10);
        assertEquals(expected, sink.await(10));
        assertEquals(SctpState.CONNECTED, far.sctpState());
    }
}
