package io.tributary.worker.testing;

import static io.tributary.worker.Await.result;

import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataMessage;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.direct.DirectTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Messages through DirectTransports, for tests that carry data between routers: a DataProducer that
 * sends numbered messages, text and binary in turn, and a DataConsumer that collects what it gets as
 * {@code "text/ppid"} entries in arrival order.
 */
public final class DirectData {

    private DirectData() {
    }

    /** A DataProducer with this label and protocol on a new DirectTransport of {@code router}. */
    public static DataProducer produce(Router router, String label, String protocol) {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        return result(transport.produceData(DataProducerOptions.direct().withLabel(label).withProtocol(protocol)
                .withAppData(Map.of("source", label))));
    }

    /**
     * Sends messages {@code first..first+count-1}: odd ones as strings (ppid 51), even ones as bytes (ppid 53);
     * returns the entries a sink should see for them.
     */
    public static List<String> sendNumbered(DataProducer producer, int first, int count) {
        List<String> expected = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            String text = "message " + n;
            if (n % 2 == 1) {
                producer.send(text);
                expected.add(text + "/51");
            } else {
                producer.send(text.getBytes(StandardCharsets.UTF_8));
                expected.add(text + "/53");
            }
        }
        return expected;
    }

    /** A DataConsumer of {@code dataProducerId} on a new DirectTransport of {@code router}, collecting messages. */
    public static Sink consume(Router router, String dataProducerId) {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        DataConsumer consumer = result(transport.consumeData(DataConsumerOptions.of(dataProducerId)));
        Sink sink = new Sink(consumer);
        consumer.events().on(DataConsumer.MESSAGE, sink::add);
        return sink;
    }

    /** The messages a DataConsumer got, as {@code "text/ppid"}, in arrival order. */
    public static final class Sink {
        private final DataConsumer consumer;
        private final List<String> messages = new ArrayList<>();

        private Sink(DataConsumer consumer) {
            this.consumer = consumer;
        }

        public DataConsumer consumer() {
            return consumer;
        }

        private synchronized void add(DataMessage message) {
            messages.add(message.text() + "/" + message.ppid());
        }

        public synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        /** Waits until {@code count} messages arrived; fails after a timeout. */
        public List<String> await(int count) {
            Eventually.await(() -> messages().size() >= count, count + " messages arrive");
            return messages();
        }
    }
}
