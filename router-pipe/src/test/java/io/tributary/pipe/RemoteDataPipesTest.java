package io.tributary.pipe;

import static io.tributary.pipe.Await.failure;
import static io.tributary.pipe.Await.result;
import static io.tributary.pipe.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.pipe.testing.TestNode;
import io.tributary.pipe.testing.VideoSource;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataMessage;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.router.Router;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM: DataProducers piped across them over the SCTP association of a pipe transport pair. */
class RemoteDataPipesTest {

    private static final String KEY = TestNode.ROUTER_KEY;

    private final TestNode a = TestNode.start("node-a");
    private final TestNode b = TestNode.start("node-b");

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
    }

    @Test
    void messagesOfADataProducerArriveInOrderAtADataConsumerOnTheOtherNode() {
        DataProducer chat = produceData(a.router, "chat");
        RemoteDataPipe pipe = result(a.pipes().pipeDataProducer(chat, a.router, b.remote(), KEY));
        DataProducer piped = b.router.dataProducer(chat.id());
        Received sink = consumeData(b.router, chat.id());

        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "message " + i).toList();
        sent.forEach(chat::send);

        until(() -> sink.texts().size() == 100, "100 messages on node b, got " + sink.texts().size());
        assertEquals(sent, sink.texts());
        assertEquals("sctp", pipe.pipeDataConsumer().type().value());
        assertEquals("sctp", piped.type().value());
        assertEquals("chat", piped.label());
        assertEquals("chat-protocol", piped.protocol());
        assertEquals(Map.of("peerId", "alice"), piped.appData(), "the piped DataProducer keeps the original's appData");
        assertEquals(SctpState.CONNECTED, b.openPipeTransports().get(0).sctpState());
    }

    @Test
    void closingTheOriginalClosesThePipedDataProducerAndItsConsumers() {
        DataProducer chat = produceData(a.router, "chat");
        result(a.pipes().pipeDataProducer(chat, a.router, b.remote(), KEY));
        DataProducer piped = b.router.dataProducer(chat.id());
        Received sink = consumeData(b.router, chat.id());

        chat.close();

        until(() -> sink.events().contains("dataproducerclose"), "dataproducerclose on node b");
        assertTrue(piped.closed());
        assertEquals(1, b.openPipeTransports().size(), "the pair stays for other entities");
        assertEquals(0, b.pipes().links().get(0).incomingDataCount());
    }

    @Test
    void aPipedDataProducerClosedThereClosesThePipeDataConsumerHere() {
        DataProducer chat = produceData(a.router, "chat");
        RemoteDataPipe pipe = result(a.pipes().pipeDataProducer(chat, a.router, b.remote(), KEY));

        b.router.dataProducer(chat.id()).close();

        until(() -> pipe.pipeDataConsumer().closed(), "the pipe DataConsumer on node a closes");
        assertFalse(chat.closed(), "the original lives on");
        assertEquals(0, a.pipes().links().get(0).outgoingDataCount());
    }

    @Test
    void dataAndMediaShareOnePairAndDataGoesBothWays() {
        VideoSource video = result(VideoSource.produce(a.router));
        DataProducer fromA = produceData(a.router, "chat");
        DataProducer fromB = produceData(b.router, "chat");
        result(Future.all(a.pipes().pipeProducer(video.producer(), a.router, b.remote(), KEY),
                a.pipes().pipeDataProducer(fromA, a.router, b.remote(), KEY),
                b.pipes().pipeDataProducer(fromB, b.router, a.remote(), KEY)));

        until(() -> a.openPipeTransports().size() == 1 && b.openPipeTransports().size() == 1, "one pair");
        Received onB = consumeData(b.router, fromA.id());
        Received onA = consumeData(a.router, fromB.id());
        fromA.send("hello from a");
        fromB.send("hello from b");
        until(() -> onB.texts().size() == 1 && onA.texts().size() == 1, "a message each way");
        assertEquals(List.of("hello from a"), onB.texts());
        assertEquals(List.of("hello from b"), onA.texts());
    }

    @Test
    void pipingADataProducerFailsWithMediasoupErrors() {
        DataProducer elsewhere = produceData(b.router, "chat");
        DataProducer chat = produceData(a.router, "chat");
        result(a.pipes().pipeDataProducer(chat, a.router, b.remote(), KEY));

        Throwable notHere = failure(a.pipes().pipeDataProducer(elsewhere, a.router, b.remote(), KEY));
        Throwable again = failure(a.pipes().pipeDataProducer(chat, a.router, b.remote(), KEY));

        assertInstanceOf(TypeError.class, notHere);
        assertEquals("DataProducer not found", notHere.getMessage());
        assertTrue(again.getMessage().contains("already exists"), again.toString());
        assertEquals(1, a.pipes().links().get(0).outgoingDataCount(), "the first pipe stays");
    }

    private static DataProducer produceData(Router router, String label) {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        return result(transport.produceData(DataProducerOptions.direct().withLabel(label)
                .withProtocol(label + "-protocol").withAppData(Map.of("peerId", "alice"))));
    }

    private static Received consumeData(Router router, String dataProducerId) {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        DataConsumer consumer = result(transport.consumeData(DataConsumerOptions.of(dataProducerId)));
        Received received = new Received(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        consumer.events().on(DataConsumer.MESSAGE, (DataMessage m) -> received.texts().add(m.text()));
        consumer.events().on(DataConsumer.DATA_PRODUCER_CLOSE, v -> received.events().add("dataproducerclose"));
        return received;
    }

    private record Received(List<String> texts, List<String> events) {
    }
}
