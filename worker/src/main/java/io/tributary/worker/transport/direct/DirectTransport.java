package io.tributary.worker.transport.direct;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.data.DataTransportSettings;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.Transport;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.Map;

/**
 * mediasoup's DirectTransport: no wire at all. The application injects RTP with
 * {@code producer.send()} and RTCP with {@link #sendRtcp(byte[])}; consumers' packets arrive as
 * their {@link #RTP} event, and what the SFU would send as RTCP as this transport's {@link #RTCP} event.
 * Data works the same way: {@code dataProducer.send()} in, DataConsumer {@code message} events out.
 */
public final class DirectTransport extends Transport {

    /** On a consumer of this transport: one outgoing RTP packet (a private copy). */
    public static final Event<byte[]> RTP = Event.of("rtp", byte[].class);
    /** On the transport: an RTCP packet the SFU sends toward the application. */
    public static final Event<byte[]> RTCP = Event.of("rtcp", byte[].class);

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 262144;

    private final int maxMessageSize;

    private DirectTransport(String id, Router router, int maxMessageSize, Map<String, Object> appData) {
        super(id, router, appData, DataTransportSettings.direct(maxMessageSize));
        this.maxMessageSize = maxMessageSize;
        observer.on(NEW_PRODUCER, producer -> producer.enableDirectInput(packet -> loop.execute(() -> {
            if (!closed()) {
                receiveRtp(packet, 0, packet.length, System.currentTimeMillis());
            }
        })));
    }

    public static Future<DirectTransport> create(String id, Router router, Number maxMessageSize, Map<String, Object> appData) {
        int size = maxMessageSize == null ? DEFAULT_MAX_MESSAGE_SIZE : maxMessageSize.intValue();
        if (size < 0) {
            return Future.failedFuture(new TypeError("if given, maxMessageSize must be a positive number"));
        }
        return Future.succeededFuture(new DirectTransport(id, router, size, appData == null ? Map.of() : appData));
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** mediasoup's {@code connect()} on a DirectTransport does nothing. */
    public Future<Void> connect() {
        return Future.succeededFuture();
    }

    /** mediasoup's {@code directTransport.sendRtcp(packet)}: RTCP from the application into the SFU. */
    public void sendRtcp(byte[] rtcpPacket) {
        byte[] copy = rtcpPacket.clone();
        loop.execute(() -> {
            if (!closed()) {
                receiveRtcp(copy, 0, copy.length, System.currentTimeMillis());
            }
        });
    }

    @Override
    protected void sendConsumerRtp(Consumer consumer, byte[] buf, int off, int len) {
        counters.rtpSent(len);
        consumer.events().emit(RTP, Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        counters.rtpSent(len);
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        events.emit(RTCP, Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    protected boolean hasBitrateControl() {
        return false;
    }

    @Override
    protected String statsType() {
        return "direct-transport";
    }

    @Override
    protected void fillStats(Map<String, Object> stats) {
    }

    @Override
    protected void fillDump(Map<String, Object> dump) {
        dump.put("direct", true);
    }

    @Override
    protected void onClose() {
    }
}
