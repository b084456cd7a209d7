package io.tributary.pipe.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A consumer on a DirectTransport that keeps the payloads it is sent and its events
 * ({@code producerpause}, {@code producerresume}, {@code producerclose}), and reports both to a listener.
 */
public final class VideoSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer consumer;
    private final BiConsumer<String, String> listener;
    private final List<String> payloads = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private VideoSink(Consumer consumer, BiConsumer<String, String> listener) {
        this.consumer = consumer;
        this.listener = listener;
    }

    /** Consumes {@code producerId} on a new DirectTransport of {@code router}; {@code listener} gets (kind, value). */
    public static Future<VideoSink> consume(Router router, String producerId, BiConsumer<String, String> listener) {
        return router.createDirectTransport(null, Map.of())
                .compose(t -> t.consume(ConsumerOptions.of(producerId, JSON.valueToTree(router.rtpCapabilities()))))
                .map(consumer -> {
                    VideoSink sink = new VideoSink(consumer, listener);
                    consumer.events().on(DirectTransport.RTP, sink::onRtp);
                    consumer.events().on(Consumer.PRODUCER_PAUSE, v -> sink.onEvent("producerpause"));
                    consumer.events().on(Consumer.PRODUCER_RESUME, v -> sink.onEvent("producerresume"));
                    consumer.events().on(Consumer.PRODUCER_CLOSE, v -> sink.onEvent("producerclose"));
                    return sink;
                });
    }

    public static Future<VideoSink> consume(Router router, String producerId) {
        return consume(router, producerId, (kind, value) -> { });
    }

    public Consumer consumer() {
        return consumer;
    }

    private void onRtp(byte[] bytes) {
        RtpPacket packet = new RtpPacket();
        if (packet.wrap(bytes, 0, bytes.length)) {
            String hex = HexFormat.of().formatHex(Arrays.copyOfRange(bytes, packet.payloadOffset(),
                    packet.payloadOffset() + packet.payloadLength()));
            synchronized (this) {
                payloads.add(hex);
            }
            listener.accept("rtp", hex);
        }
    }

    private void onEvent(String event) {
        synchronized (this) {
            events.add(event);
        }
        listener.accept("event", event);
    }

    /** The payloads received, in hex, in arrival order. */
    public synchronized List<String> payloads() {
        return List.copyOf(payloads);
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public static List<String> hex(List<byte[]> payloads) {
        return payloads.stream().map(HexFormat.of()::formatHex).toList();
    }
}
