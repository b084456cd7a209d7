package io.tributary.worker.data;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.plain.PlainTransport;
import io.tributary.worker.transport.plain.PlainTransportOptions;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data over the real SCTP stack: two PlainTransports of one router with {@code enableSctp}, connected to
 * each other through UDP on loopback. Messages start at a DirectTransport's DataProducer, leave through
 * transport B's DataConsumer on the stream B allocated, arrive at transport A's DataProducer bound to that
 * stream, and end as 'message' events of a DataConsumer on the DirectTransport.
 */
class SctpDataIT {

    private static final long SEND_BUFFER = 65536;

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private DirectTransport direct;
    private PlainTransport a;
    private PlainTransport b;
    private EventLog states;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
        direct = result(router.createDirectTransport(null, Map.of()));
        a = plain(false);
        b = plain(false);
        states = new EventLog().on(a.events(), Transport.SCTP_STATE_CHANGE, "a", SctpState::wire)
                .on(b.observer(), Transport.SCTP_STATE_CHANGE, "b", SctpState::wire);
        result(a.connect("127.0.0.1", b.tuple().localPort(), null, null));
        result(b.connect("127.0.0.1", a.tuple().localPort(), null, null));
        states.await("a connected");
        states.await("b connected");
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    private PlainTransport plain(boolean comedia) {
        return result(router.createPlainTransport(PlainTransportOptions.of(TransportListenInfo.udp("127.0.0.1", 0))
                .withComedia(comedia)
                .withSctp(TransportSctpOptions.enabled().withNumSctpStreams(new NumSctpStreams(256, 256))
                        .withSctpSendBufferSize(SEND_BUFFER))));
    }

    /** The chain: direct source → B's DataConsumer (returned) → A's DataProducer on its stream → direct sink. */
    private record Chain(DataProducer source, DataConsumer out, DataProducer in, DataConsumer sink) {
    }

    private Chain chain(DataConsumerOptions outOptions) {
        DataProducer source = result(direct.produceData(DataProducerOptions.direct().withLabel("chat")));
        DataConsumer out = result(b.consumeData(new DataConsumerOptions(source.id(), outOptions.ordered(),
                outOptions.maxPacketLifeTime(), outOptions.maxRetransmits(), false, null, null)));
        int stream = out.sctpStreamParameters().streamId();
        DataProducer in = result(a.produceData(DataProducerOptions.of(js("{streamId: " + stream + "}")).withLabel("in")));
        DataConsumer sink = result(direct.consumeData(DataConsumerOptions.of(in.id())));
        return new Chain(source, out, in, sink);
    }

    private Chain chain() {
        return chain(DataConsumerOptions.of(null));
    }

    @Test
    void bothEndsWentThroughConnectingToConnected() {
        assertEquals(List.of("connecting", "connected"),
                states.entries().stream().filter(e -> e.startsWith("a ")).map(e -> e.substring(2)).toList());
        assertEquals(List.of("connecting", "connected"),
                states.entries().stream().filter(e -> e.startsWith("b ")).map(e -> e.substring(2)).toList());
        assertEquals(SctpState.CONNECTED, a.sctpState());
        assertEquals("connected", result(b.getStats()).get(0).get("sctpState"));
        assertEquals("connected", result(a.dump()).get("sctpState"));
    }

    /** test-node-sctp's check: 200 messages, half WebRTC strings and half binary, in order with their PPIDs. */
    @Test
    void messagesCrossInOrderWithTheirPpids() {
        Chain chain = chain();
        assertEquals(0, chain.out().sctpStreamParameters().streamId());
        List<String> received = new CopyOnWriteArrayList<>();
        EventLog done = new EventLog().on(chain.sink().events(), DataConsumer.MESSAGE, "message", m -> {
            received.add(m.text() + "/" + m.ppid());
            return m.text();
        });

        long bytes = 0;
        for (int id = 1; id <= 200; id++) {
            String text = String.valueOf(id);
            bytes += text.length();
            if (id <= 100) {
                chain.source().send(text);
            } else {
                chain.source().send(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        done.await("message 200");

        List<String> expected = new ArrayList<>();
        for (int id = 1; id <= 200; id++) {
            expected.add(id + "/" + (id <= 100 ? 51 : 53));
        }
        assertEquals(expected, received);
        DataConsumerStats out = result(chain.out().getStats()).get(0);
        assertEquals(200, out.messagesSent());
        assertEquals(bytes, out.bytesSent());
        DataProducerStats in = result(chain.in().getStats()).get(0);
        assertEquals(200, in.messagesReceived());
        assertEquals(bytes, in.bytesReceived());
        assertEquals("in", chain.sink().label());
    }

    @Test
    void emptyAndLargeMessagesCross() {
        Chain chain = chain();
        List<DataMessage> received = new CopyOnWriteArrayList<>();
        EventLog log = new EventLog().on(chain.sink().events(), DataConsumer.MESSAGE, "message", m -> {
            received.add(m);
            return String.valueOf(m.payload().length);
        });
        byte[] large = new byte[60_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }

        chain.source().send("");
        chain.source().send(new byte[0]);
        chain.source().send(large);
        log.await("message 60000");

        assertEquals(56, received.get(0).ppid());
        assertArrayEquals(new byte[] {' '}, received.get(0).payload());
        assertEquals(57, received.get(1).ppid());
        assertArrayEquals(new byte[] {0}, received.get(1).payload());
        assertEquals(53, received.get(2).ppid());
        assertArrayEquals(large, received.get(2).payload());
    }

    @Test
    void anUnorderedPartiallyReliableStreamDeliversOnAQuietLink() {
        Chain chain = chain(DataConsumerOptions.of(null).withMaxPacketLifeTime(2000));
        assertEquals(false, chain.out().sctpStreamParameters().ordered());
        Set<String> received = Collections.synchronizedSet(new HashSet<>());
        EventLog log = new EventLog().on(chain.sink().events(), DataConsumer.MESSAGE, "message", m -> {
            received.add(m.text());
            return String.valueOf(received.size());
        });

        for (int id = 1; id <= 50; id++) {
            chain.source().send("m" + id);
        }
        log.await("message 50");

        assertEquals(50, received.size());
    }

    @Test
    void dataConsumerSendReachesTheRemoteAndReportsItsBuffer() throws Exception {
        Chain chain = chain();
        EventLog sink = new EventLog().on(chain.sink().events(), DataConsumer.MESSAGE, "message", DataMessage::text);
        EventLog low = new EventLog().on(chain.out().events(), DataConsumer.BUFFERED_AMOUNT_LOW, "low", String::valueOf)
                .on(chain.out().events(), DataConsumer.SCTP_SEND_BUFFER_FULL, "full");
        AtomicInteger lows = new AtomicInteger();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        chain.out().events().on(DataConsumer.BUFFERED_AMOUNT_LOW, amount -> {
            if (lows.incrementAndGet() == 2) {
                drained.complete(null);
            }
        });

        // Nothing is queued yet, so the event fires at once.
        result(chain.out().setBufferedAmountLowThreshold(0));
        assertEquals(List.of("low 0"), low.entries());
        result(chain.out().send(new byte[50_000]));
        // Queued bytes drop back to 0 once the peer has acknowledged them (the event needs them above 0 first).
        drained.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("low 0", "low 0"), low.entries());
        assertEquals(0L, result(chain.out().getBufferedAmount()));
        result(chain.out().send("ping"));
        sink.await("message ping");

        Throwable full = failure(chain.out().send(new byte[(int) SEND_BUFFER + 1]));
        assertSame(MediasoupError.class, full.getClass());
        assertEquals("sctpsendbufferfull", full.getMessage());
        assertTrue(low.entries().contains("full"));
    }

    @Test
    void pausedEndsDropMessages() {
        Chain chain = chain();
        EventLog sink = new EventLog().on(chain.sink().events(), DataConsumer.MESSAGE, "message", DataMessage::text);

        result(chain.in().pause());
        result(chain.source().send("dropped at A"));
        waitFor(() -> result(chain.in().getStats()).get(0).messagesReceived() == 1);
        result(chain.in().resume());
        result(chain.out().pause());
        result(chain.source().send("dropped at B"));
        result(chain.out().resume());
        result(chain.source().send("through"));
        sink.await("message through");

        assertEquals(List.of("message through"), sink.entries());
        assertEquals(2, result(chain.in().getStats()).get(0).messagesReceived());
    }

    /** A DataConsumer's close resets its stream; the remote's DataProducer on that stream closes (its DataChannel did). */
    @Test
    void closingADataConsumerClosesTheRemoteDataProducer() {
        Chain chain = chain();
        EventLog log = new EventLog().on(chain.in().observer(), DataProducer.CLOSE, "in close")
                .on(chain.sink().events(), DataConsumer.DATA_PRODUCER_CLOSE, "sink dataproducerclose");

        chain.out().close();
        log.await("in close");
        log.await("sink dataproducerclose");

        assertTrue(chain.in().closed());
        assertEquals(List.of(), result(a.dump()).get("dataProducerIds"));
        // Stream 0 of B is free again, and a new channel on it works.
        Chain again = chain();
        assertEquals(1, again.out().sctpStreamParameters().streamId());
    }

    @Test
    void closingOneTransportEndsTheOthersAssociation() {
        b.close();
        states.await("a closed");

        assertEquals(SctpState.CLOSED, b.sctpState());
        assertEquals(SctpState.CLOSED, a.sctpState());
        assertTrue(states.entries().stream().noneMatch(e -> e.equals("b closed")));
    }

    /** test-node-sctp's set-up: a comedia PlainTransport learns the remote from the first SCTP packet. */
    @Test
    void aComediaTransportLearnsItsRemoteFromSctp() {
        PlainTransport comedia = plain(true);
        PlainTransport peer = plain(false);
        List<TupleInfo> tuples = new CopyOnWriteArrayList<>();
        comedia.events().on(PlainTransport.TUPLE, tuples::add);
        EventLog log = new EventLog().on(comedia.events(), Transport.SCTP_STATE_CHANGE, "comedia", SctpState::wire)
                .on(peer.events(), Transport.SCTP_STATE_CHANGE, "peer", SctpState::wire);

        result(peer.connect("127.0.0.1", comedia.tuple().localPort(), null, null));
        log.await("comedia connected");
        log.await("peer connected");

        assertEquals(1, tuples.size());
        assertEquals(peer.tuple().localPort(), tuples.get(0).remotePort());
        DataProducer source = result(direct.produceData(DataProducerOptions.direct()));
        DataConsumer out = result(comedia.consumeData(DataConsumerOptions.of(source.id())));
        DataProducer in = result(peer.produceData(DataProducerOptions.of(js("{streamId: "
                + out.sctpStreamParameters().streamId() + "}"))));
        EventLog sink = new EventLog().on(result(direct.consumeData(DataConsumerOptions.of(in.id()))).events(),
                DataConsumer.MESSAGE, "message", DataMessage::text);
        source.send("hello over comedia");
        sink.await("message hello over comedia");
    }

    @Test
    void sctpPacketsFromAStrangerAreDropped() throws Exception {
        long before = (long) result(a.getStats()).get(0).get("packetsDropped");
        try (var stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] sctp = {0x13, (byte) 0x88, 0x13, (byte) 0x88, 0, 0, 0, 0, 0, 0, 0, 0};
            stranger.send(new DatagramPacket(sctp, sctp.length, InetAddress.getLoopbackAddress(),
                    a.tuple().localPort()));
        }
        waitFor(() -> (long) result(a.getStats()).get(0).get("packetsDropped") > before);
        assertEquals(SctpState.CONNECTED, a.sctpState());
        assertInstanceOf(Long.class, result(a.getStats()).get(0).get("packetsDropped"));
    }

    /** Polls a condition the worker reaches asynchronously (acknowledgements, counters); fails after 5 s. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
