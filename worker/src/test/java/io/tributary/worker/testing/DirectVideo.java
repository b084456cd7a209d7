package io.tributary.worker.testing;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.transport.direct.DirectTransport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Synthetic VP8 media through DirectTransports, for tests that carry media between routers: a producer
 * (one SSRC, NACK and PLI) whose packets each have a distinct payload, and a consumer that collects the
 * payloads it is sent.
 */
public final class DirectVideo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 96;
    private static final int SSRC = 0x5EED;
    private static final long TIMEOUT_MS = 5000;

    private final Producer producer;
    private final List<byte[]> sent = new ArrayList<>();
    private int seq = 4000;

    private DirectVideo(Producer producer) {
        this.producer = producer;
    }

    /** A VP8 producer on a new DirectTransport of {@code router}. */
    public static DirectVideo produce(Router router) {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        return new DirectVideo(result(transport.produce(ProducerOptions.of("video", js("""
                {codecs: [{mimeType: 'video/VP8', payloadType: %d, clockRate: 90000,
                           rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}]}],
                 encodings: [{ssrc: %d}]}""".formatted(PAYLOAD_TYPE, SSRC))))));
    }

    public Producer producer() {
        return producer;
    }

    /** Sends {@code count} one-packet frames, the first a key frame; each payload is distinct. */
    public void send(int count) {
        for (int i = 0; i < count; i++) {
            int n = sent.size();
            byte[] payload = SyntheticRtp.vp8(n == 0, n);
            sent.add(payload);
            producer.send(SyntheticRtp.packet(PAYLOAD_TYPE, seq++ & 0xFFFF, 3000L * n, SSRC, true, payload));
        }
    }

    /** Every payload sent so far, in order. */
    public List<byte[]> sent() {
        return List.copyOf(sent);
    }

    /** A consumer of {@code producerId} on a new DirectTransport of {@code router}, collecting payloads. */
    public static Sink consume(Router router, String producerId) {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        Consumer consumer = result(transport.consume(ConsumerOptions.of(producerId,
                JSON.valueToTree(router.rtpCapabilities()))));
        Sink sink = new Sink(consumer);
        consumer.events().on(DirectTransport.RTP, sink::add);
        return sink;
    }

    /** The payloads a consumer was sent, in arrival order. */
    public static final class Sink {
        private final Consumer consumer;
        private final List<byte[]> payloads = new ArrayList<>();

        private Sink(Consumer consumer) {
            this.consumer = consumer;
        }

        public Consumer consumer() {
            return consumer;
        }

        private synchronized void add(byte[] bytes) {
            RtpPacket packet = new RtpPacket();
            if (packet.wrap(bytes, 0, bytes.length)) {
                payloads.add(Arrays.copyOfRange(bytes, packet.payloadOffset(),
                        packet.payloadOffset() + packet.payloadLength()));
                notifyAll();
            }
        }

        public synchronized List<byte[]> payloads() {
            return List.copyOf(payloads);
        }

        /** Waits until {@code count} payloads arrived; fails after a timeout. */
        public synchronized List<byte[]> await(int count) {
            waitFor(() -> payloads.size() >= count, "no " + count + " payloads; got " + payloads.size());
            return List.copyOf(payloads);
        }

        private void waitFor(BooleanSupplier condition, String failure) {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (!condition.getAsBoolean()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError(failure + " within " + TIMEOUT_MS + " ms");
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
