package io.tributary.worker.data;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.Js.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** test-DirectTransport's data items: dataProducer.send() through the router to DataConsumer 'message' events. */
class DirectDataTest {

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private DirectTransport transport;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
        transport = result(router.createDirectTransport(null, Map.of()));
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    /** Every message a DataConsumer emits, as "text/ppid", in order. */
    private static EventLog messages(DataConsumer consumer, String label) {
        return new EventLog().on(consumer.events(), DataConsumer.MESSAGE, label, m -> m.text() + "/" + m.ppid());
    }

    @Test
    void produceDataIsDirectAndIgnoresStreamParameters() {
        DataProducer producer = result(transport.produceData(DataProducerOptions.of(js("{streamId: 5}"))
                .withLabel("foo").withProtocol("bar").withAppData(Map.of("foo", "bar"))));

        assertEquals(DataType.DIRECT, producer.type());
        assertNull(producer.sctpStreamParameters());
        JsonNode dump = tree(result(producer.dump()));
        assertEquals("direct", dump.get("type").asText());
        assertFalse(dump.has("sctpStreamParameters"));
        Map<String, Object> transportDump = result(transport.dump());
        assertEquals(List.of(producer.id()), transportDump.get("dataProducerIds"));
        assertFalse(transportDump.containsKey("sctpParameters"));
        assertFalse(transportDump.containsKey("sctpState"));
        assertFalse(result(transport.getStats()).get(0).containsKey("sctpState"));
        assertNull(transport.sctpState());
    }

    /** mediasoup's 200 messages: strings then binaries, with the producer and then the consumer paused for a while. */
    @Test
    void sendDeliversTextAndBinaryWithTheirPpidsHonouringPauses() {
        DataProducer producer = result(transport.produceData(DataProducerOptions.direct().withLabel("foo").withProtocol("bar")));
        DataConsumer consumer = result(transport.consumeData(DataConsumerOptions.of(producer.id())));
        List<String> received = new ArrayList<>();
        long[] receivedBytes = new long[1];
        consumer.events().on(DataConsumer.MESSAGE, m -> {
            received.add(m.text() + "/" + m.ppid());
            receivedBytes[0] += m.payload().length;
        });
        long sentBytes = 0;
        long effectivelySentBytes = 0;
        for (int id = 1; id <= 200; id++) {
            switch (id) {
                case 10 -> result(producer.pause());
                case 20 -> result(producer.resume());
                case 40 -> result(consumer.pause());
                case 60 -> result(consumer.resume());
                default -> { }
            }
            String text = String.valueOf(id);
            if (id < 100) {
                producer.send(text);
            } else {
                producer.send(text.getBytes(StandardCharsets.UTF_8));
            }
            sentBytes += text.length();
            if (!producer.paused() && !consumer.paused()) {
                effectivelySentBytes += text.length();
            }
        }
        result(worker.loop().call(() -> null));

        assertEquals(200 - 10 - 20, received.size());
        assertEquals("1/51", received.get(0));
        assertTrue(received.contains("99/51"));
        assertTrue(received.contains("100/53"));
        assertEquals("200/53", received.get(received.size() - 1));
        assertFalse(received.contains("10/51") || received.contains("19/51") || received.contains("40/51"));
        assertTrue(received.contains("20/51") && received.contains("60/51"));
        assertEquals(effectivelySentBytes, receivedBytes[0]);
        DataProducerStats producerStats = result(producer.getStats()).get(0);
        assertEquals(200, producerStats.messagesReceived());
        assertEquals(sentBytes, producerStats.bytesReceived());
        DataConsumerStats consumerStats = result(consumer.getStats()).get(0);
        assertEquals(170, consumerStats.messagesSent());
        assertEquals(receivedBytes[0], consumerStats.bytesSent());
        Map<String, Object> transportStats = result(transport.getStats()).get(0);
        assertEquals(sentBytes, transportStats.get("bytesReceived"));
        assertEquals(receivedBytes[0], transportStats.get("bytesSent"));
    }

    /** mediasoup's subchannel case: a message goes to consumers on one of its subchannels and on the required one. */
    @Test
    void subchannelsAndRequiredSubchannelFilterTheConsumers() {
        DataProducer producer = result(transport.produceData(DataProducerOptions.direct()));
        DataConsumer consumer1 = result(transport.consumeData(DataConsumerOptions.of(producer.id())
                .withSubchannels(List.of(1, 11, 666))));
        DataConsumer consumer2 = result(transport.consumeData(DataConsumerOptions.of(producer.id())
                .withSubchannels(List.of(2, 22, 666))));
        EventLog log1 = messages(consumer1, "dc1");
        EventLog log2 = messages(consumer2, "dc2");

        producer.send("both", null, null, null);
        producer.send("both", null, List.of(1, 2), null);
        producer.send("both", null, List.of(11, 22, 33), 666);
        producer.send("none", null, List.of(3), 666);
        producer.send("none", null, List.of(666), 3);
        producer.send("dc1", null, List.of(1), null);
        producer.send("dc1", null, List.of(11), 1);
        producer.send("dc1", null, List.of(666), 11);
        producer.send("dc2", null, List.of(666), 2);
        // Not awaited: the calls keep their order on the worker loop.
        consumer2.setSubchannels(List.of(2, 22, 666, 1));
        result(producer.send("both", null, List.of(1), 666));

        assertEquals(List.of("dc1 both/51", "dc1 both/51", "dc1 both/51", "dc1 dc1/51", "dc1 dc1/51", "dc1 dc1/51",
                "dc1 both/51"), log1.entries());
        assertEquals(List.of("dc2 both/51", "dc2 both/51", "dc2 both/51", "dc2 dc2/51", "dc2 both/51"), log2.entries());
    }

    @Test
    void emptyMessagesTravelAsOneByteWithTheirOwnPpids() {
        DataProducer producer = result(transport.produceData(DataProducerOptions.direct()));
        DataConsumer consumer = result(transport.consumeData(DataConsumerOptions.of(producer.id())));
        List<DataMessage> received = new ArrayList<>();
        consumer.events().on(DataConsumer.MESSAGE, received::add);

        producer.send("");
        producer.send(new byte[0]);
        producer.send("ignored", 56, null, null);
        producer.send(new byte[] {1, 2, 3}, 57, null, null);
        producer.send("binary text", 53, null, null);
        result(producer.send(new byte[] {'h', 'i'}, 51, null, null));

        assertEquals(6, received.size());
        assertEquals(56, received.get(0).ppid());
        assertArrayEquals(new byte[] {' '}, received.get(0).payload());
        assertEquals(57, received.get(1).ppid());
        assertArrayEquals(new byte[] {0}, received.get(1).payload());
        assertArrayEquals(new byte[] {' '}, received.get(2).payload());
        assertArrayEquals(new byte[] {0}, received.get(3).payload());
        assertEquals(53, received.get(4).ppid());
        assertEquals("binary text", received.get(4).text());
        assertEquals(51, received.get(5).ppid());
        assertEquals("hi", received.get(5).text());
    }

    @Test
    void sendCopiesTheCallersBytes() {
        DataProducer producer = result(transport.produceData(DataProducerOptions.direct()));
        DataConsumer consumer = result(transport.consumeData(DataConsumerOptions.of(producer.id())));
        List<DataMessage> received = new ArrayList<>();
        consumer.events().on(DataConsumer.MESSAGE, received::add);
        byte[] buffer = {1, 2, 3};

        var sent = producer.send(buffer);
        buffer[0] = 9;
        result(sent);

        assertArrayEquals(new byte[] {1, 2, 3}, received.get(0).payload());
    }

    @Test
    void maxMessageSizeLimitsWhatProducersSendAndWhatConsumersReceive() {
        DirectTransport bot = result(router.createDirectTransport(512, Map.of()));
        DirectTransport tiny = result(router.createDirectTransport(4, Map.of()));
        DataProducer producer = result(bot.produceData(DataProducerOptions.direct().withLabel("bot")));
        DataConsumer wide = result(bot.consumeData(DataConsumerOptions.of(producer.id())));
        DataConsumer narrow = result(tiny.consumeData(DataConsumerOptions.of(producer.id())));
        EventLog wideLog = messages(wide, "wide");
        EventLog narrowLog = messages(narrow, "narrow");

        Throwable tooBig = failure(producer.send(new byte[513]));
        assertInstanceOf(TypeError.class, tooBig);
        assertEquals("given message exceeds maxMessageSize value [maxMessageSize:512, len:513]", tooBig.getMessage());
        result(producer.send("x".repeat(512)));
        result(producer.send("four"));

        assertEquals(2, wideLog.entries().size());
        assertEquals(List.of("narrow four/51"), narrowLog.entries());
        assertEquals(2, result(producer.getStats()).get(0).messagesReceived());
    }

    /** The demo's bot: it answers each message of a peer through its own DataProducer, from the message listener. */
    @Test
    void aConsumerListenerCanReplyThroughAnotherProducer() {
        DirectTransport bot = result(router.createDirectTransport(512, Map.of()));
        DataProducer botProducer = result(bot.produceData(DataProducerOptions.direct().withLabel("bot")));
        DataProducer peer = result(transport.produceData(DataProducerOptions.direct().withLabel("bot")));
        DataConsumer botConsumer = result(bot.consumeData(DataConsumerOptions.of(peer.id())));
        DataConsumer peerConsumer = result(transport.consumeData(DataConsumerOptions.of(botProducer.id())));
        EventLog replies = messages(peerConsumer, "reply");
        botConsumer.events().on(DataConsumer.MESSAGE, m -> {
            if (m.ppid() == 51) {
                botProducer.send("alice said me: \"" + m.text() + "\"");
            }
        });

        peer.send("hello");
        peer.send(new byte[] {1});
        replies.await("reply alice said me: \"hello\"/51");

        assertEquals(List.of("reply alice said me: \"hello\"/51"), replies.entries());
        assertEquals("bot", peerConsumer.label());
    }
}
