package io.tributary.worker.data;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.SctpStreamParameters;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * mediasoup's DataProducer: one incoming message source, an SCTP stream the remote sends on or, on
 * a DirectTransport, the application's {@link #send} calls. Messages go to its {@link MessageSink},
 * the router, which hands them to the DataConsumers; while paused they are counted and dropped.
 */
public final class DataProducer extends MediaEntity {

    /** The transport closed, so the DataProducer did. */
    public static final Event<Void> TRANSPORT_CLOSE = Event.signal("transportclose");
    /** Observer events. */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<Void> PAUSE = Event.signal("pause");
    public static final Event<Void> RESUME = Event.signal("resume");

    /** A message without a subchannel list, or without a required subchannel. */
    static final int[] NO_SUBCHANNELS = new int[0];
    static final int NO_REQUIRED_SUBCHANNEL = -1;

    /** Receives every message that passes a DataProducer; the buffer is only valid during the call. */
    @FunctionalInterface
    public interface MessageSink {
        void onDataProducerMessage(DataProducer producer, int ppid, byte[] buf, int off, int len,
                                   int[] subchannels, int requiredSubchannel);
    }

    private final WorkerLoop loop;
    private final DataType type;
    private final SctpStreamParameters sctpStreamParameters;
    private final String label;
    private final String protocol;
    private final long maxMessageSize;
    private final IntConsumer transportReceived;
    private MessageSink sink = (p, ppid, buf, off, len, subchannels, required) -> { };
    private volatile boolean paused;
    private long messagesReceived;
    private long bytesReceived;

    DataProducer(WorkerLoop loop, String id, DataType type, SctpStreamParameters sctpStreamParameters,
                 DataProducerOptions options, long maxMessageSize, IntConsumer transportReceived) {
        super(id, options.appData());
        this.loop = loop;
        this.type = type;
        this.sctpStreamParameters = sctpStreamParameters;
        this.label = options.label();
        this.protocol = options.protocol();
        this.paused = options.paused();
        this.maxMessageSize = maxMessageSize;
        this.transportReceived = transportReceived;
    }

    public DataType type() {
        return type;
    }

    /** The stream the remote sends on; null for a direct DataProducer. */
    public SctpStreamParameters sctpStreamParameters() {
        return sctpStreamParameters;
    }

    public String label() {
        return label;
    }

    public String protocol() {
        return protocol;
    }

    public boolean paused() {
        return paused;
    }

    /** Wiring by the router, on the worker loop. */
    public void attach(MessageSink messageSink) {
        this.sink = messageSink;
    }

    /** mediasoup's {@code send(string)}: ppid 51, or 56 (sent as one space) when empty. */
    public Future<Void> send(String message) {
        return send(message, null, null, null);
    }

    /** mediasoup's {@code send(buffer)}: ppid 53, or 57 (sent as one zero byte) when empty. */
    public Future<Void> send(byte[] message) {
        return send(message, null, null, null);
    }

    /**
     * mediasoup's {@code send(message, ppid, subchannels, requiredSubchannel)}: the message reaches the
     * DataConsumers subscribed to one of {@code subchannels} (all of them when none are given) and, if
     * given, to {@code requiredSubchannel}. Fails with mediasoup's TypeError above maxMessageSize.
     */
    public Future<Void> send(String message, Integer ppid, List<? extends Number> subchannels, Integer requiredSubchannel) {
        return send(OutgoingMessage.text(message, ppid), subchannels, requiredSubchannel);
    }

    public Future<Void> send(byte[] message, Integer ppid, List<? extends Number> subchannels, Integer requiredSubchannel) {
        return send(OutgoingMessage.binary(message, ppid), subchannels, requiredSubchannel);
    }

    private Future<Void> send(OutgoingMessage message, List<? extends Number> subchannels, Integer requiredSubchannel) {
        int[] targets = Subchannels.toArray(subchannels);
        int required = requiredSubchannel == null ? NO_REQUIRED_SUBCHANNEL : Subchannels.uint16(requiredSubchannel);
        byte[] payload = message.payload();
        return loop.call(() -> {
            assertOpen();
            if (payload.length > maxMessageSize) {
                throw new TypeError("given message exceeds maxMessageSize value [maxMessageSize:" + maxMessageSize
                        + ", len:" + payload.length + "]");
            }
            receiveMessage(message.ppid(), payload, 0, payload.length, targets, required);
            transportReceived.accept(payload.length);
            return null;
        });
    }

    /** A message from the remote (or the application): counted even while paused, as mediasoup does. */
    void receiveMessage(int ppid, byte[] buf, int off, int len, int[] subchannels, int requiredSubchannel) {
        messagesReceived++;
        bytesReceived += len;
        if (!paused) {
            sink.onDataProducerMessage(this, ppid, buf, off, len, subchannels, requiredSubchannel);
        }
    }

    /** Stops forwarding; observer {@code pause} fires only on a real change. Any thread. */
    public Future<Void> pause() {
        return loop.call(() -> {
            assertOpen();
            if (!paused) {
                paused = true;
                observer.emit(PAUSE);
            }
            return null;
        });
    }

    public Future<Void> resume() {
        return loop.call(() -> {
            assertOpen();
            if (paused) {
                paused = false;
                observer.emit(RESUME);
            }
            return null;
        });
    }

    public Future<List<DataProducerStats>> getStats() {
        return loop.call(() -> {
            assertOpen();
            return List.of(new DataProducerStats(System.currentTimeMillis(), label, protocol, messagesReceived, bytesReceived));
        });
    }

    public Future<DataProducerDump> dump() {
        return loop.call(() -> {
            assertOpen();
            return new DataProducerDump(id(), type, sctpStreamParameters, label, protocol, paused);
        });
    }

    /** Closes the DataProducer; its DataConsumers get {@code dataproducerclose}. Any thread; a no-op when closed. */
    public void close() {
        loop.execute(() -> {
            if (!closed()) {
                markClosed();
                runCloseHooks();
                observer.emit(CLOSE);
            }
        });
    }

    /** The transport closed: mediasoup emits {@code transportclose}, then observer {@code close}. */
    void transportClosed() {
        if (!closed()) {
            markClosed();
            runCloseHooks();
            events.emit(TRANSPORT_CLOSE);
            observer.emit(CLOSE);
        }
    }

    public WorkerLoop loop() {
        return loop;
    }

    private void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("DataProducer closed");
        }
    }
}
