package io.tributary.worker.data;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.SctpStreamParameters;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpReliability;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * mediasoup's DataConsumer: one DataProducer's messages leaving through a transport, on an SCTP
 * stream the transport allocated (with its own ordering and reliability) or, on a DirectTransport,
 * as {@link #MESSAGE} events. It forwards only while neither it nor its DataProducer is paused, the
 * transport can send, and the message's subchannels match its own.
 */
public final class DataConsumer extends MediaEntity {

    /** Public events. */
    public static final Event<Void> TRANSPORT_CLOSE = Event.signal("transportclose");
    public static final Event<Void> DATA_PRODUCER_CLOSE = Event.signal("dataproducerclose");
    public static final Event<Void> DATA_PRODUCER_PAUSE = Event.signal("dataproducerpause");
    public static final Event<Void> DATA_PRODUCER_RESUME = Event.signal("dataproducerresume");
    /** On a DirectTransport: one message (a private copy) and its PPID. */
    public static final Event<DataMessage> MESSAGE = Event.of("message", DataMessage.class);
    public static final Event<Void> SCTP_SEND_BUFFER_FULL = Event.signal("sctpsendbufferfull");
    /** The SCTP buffered amount fell to the threshold or below; the payload is the amount. */
    public static final Event<Long> BUFFERED_AMOUNT_LOW = Event.of("bufferedamountlow", Long.class);
    /** Observer events; pause and resume follow the effective state (own or DataProducer's pause). */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<Void> PAUSE = Event.signal("pause");
    public static final Event<Void> RESUME = Event.signal("resume");

    /** The transport's side of a DataConsumer: whether it can send now, and how. On the worker loop. */
    interface Output {
        boolean active();

        SendResult send(DataConsumer consumer, int ppid, byte[] buf, int off, int len);

        long bufferedAmount();
    }

    private final WorkerLoop loop;
    private final String dataProducerId;
    private final DataType type;
    private final SctpStreamParameters sctpStreamParameters;
    private final SctpReliability reliability;
    private final String label;
    private final String protocol;
    private final long maxMessageSize;
    private final Output output;
    private volatile boolean paused;
    private volatile boolean dataProducerPaused;
    private volatile Subchannels subchannels;
    private long bufferedAmountLowThreshold;
    private long bufferedAmount;
    private boolean forceBufferedAmountLow;
    private long messagesSent;
    private long bytesSent;

    DataConsumer(WorkerLoop loop, String id, DataProducer producer, DataType type, SctpStreamParameters sctpStreamParameters,
                 DataConsumerOptions options, long maxMessageSize, Output output) {
        super(id, options.appData());
        this.loop = loop;
        this.dataProducerId = producer.id();
        this.type = type;
        this.sctpStreamParameters = sctpStreamParameters;
        this.reliability = sctpStreamParameters == null ? null : reliabilityOf(sctpStreamParameters);
        this.label = producer.label();
        this.protocol = producer.protocol();
        this.maxMessageSize = maxMessageSize;
        this.output = output;
        this.paused = options.paused();
        this.dataProducerPaused = producer.paused();
        this.subchannels = Subchannels.of(options.subchannels());
    }

    /** As mediasoup's worker: an ordered stream is reliable; an unordered one takes its lifetime or retransmit limit. */
    private static SctpReliability reliabilityOf(SctpStreamParameters params) {
        if (params.ordered()) {
            return SctpReliability.RELIABLE_ORDERED;
        }
        int lifeTime = params.maxPacketLifeTime() != null ? params.maxPacketLifeTime() : -1;
        int retransmits = lifeTime < 0 && params.maxRetransmits() != null ? params.maxRetransmits() : -1;
        return new SctpReliability(false, retransmits, lifeTime);
    }

    public String dataProducerId() {
        return dataProducerId;
    }

    public DataType type() {
        return type;
    }

    /** The stream this DataConsumer sends on; null for a direct DataConsumer. */
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

    public boolean dataProducerPaused() {
        return dataProducerPaused;
    }

    public List<Integer> subchannels() {
        return subchannels.toList();
    }

    SctpReliability reliability() {
        return reliability;
    }

    /**
     * One message of the DataProducer, from the router on the worker loop: sent when the consumer is
     * subscribed to the required subchannel (if any) and to one of the listed ones (if any).
     */
    public void deliver(int ppid, byte[] buf, int off, int len, int[] messageSubchannels, int requiredSubchannel) {
        Subchannels own = subchannels;
        if ((requiredSubchannel < 0 || own.contains(requiredSubchannel))
                && (messageSubchannels.length == 0 || own.containsAny(messageSubchannels))) {
            transmit(ppid, buf, off, len);
        }
    }

    /** Sends when active and the message fits; only what left is counted. */
    private SendResult transmit(int ppid, byte[] buf, int off, int len) {
        if (closed() || paused || dataProducerPaused || !output.active()) {
            return SendResult.NOT_CONNECTED;
        }
        if (len > maxMessageSize) {
            return SendResult.TOO_BIG;
        }
        SendResult result = output.send(this, ppid, buf, off, len);
        if (result == SendResult.SENT) {
            messagesSent++;
            bytesSent += len;
        } else if (result == SendResult.BUFFER_FULL) {
            events.emit(SCTP_SEND_BUFFER_FULL);
        }
        return result;
    }

    /** mediasoup's {@code send(string)} to the remote: SCTP DataConsumers only. */
    public Future<Void> send(String message) {
        return send(message, null);
    }

    public Future<Void> send(byte[] message) {
        return send(message, null);
    }

    public Future<Void> send(String message, Integer ppid) {
        return send(OutgoingMessage.text(message, ppid));
    }

    public Future<Void> send(byte[] message, Integer ppid) {
        return send(OutgoingMessage.binary(message, ppid));
    }

    /** Fails with mediasoup's errors: a TypeError for a direct consumer or an oversized message, else why it was not queued. */
    private Future<Void> send(OutgoingMessage message) {
        byte[] payload = message.payload();
        return loop.call(() -> {
            assertOpen();
            assertSctp();
            if (payload.length > maxMessageSize) {
                throw new TypeError("given message exceeds maxMessageSize value [maxMessageSize:" + maxMessageSize
                        + ", len:" + payload.length + "]");
            }
            SendResult result = transmit(message.ppid(), payload, 0, payload.length);
            if (result != SendResult.SENT) {
                throw new MediasoupError(result == SendResult.BUFFER_FULL ? "sctpsendbufferfull" : "message send failed");
            }
            return null;
        });
    }

    /** The SCTP association's buffered amount changed (for every DataConsumer of the transport, as in mediasoup). */
    void bufferedAmountChanged(long amount) {
        long previous = bufferedAmount;
        bufferedAmount = amount;
        if ((forceBufferedAmountLow || previous > bufferedAmountLowThreshold) && amount <= bufferedAmountLowThreshold) {
            forceBufferedAmountLow = false;
            events.emit(BUFFERED_AMOUNT_LOW, amount);
        }
    }

    /** Fires {@code bufferedamountlow} now if already at or below the threshold, else the next time it gets there. */
    public Future<Void> setBufferedAmountLowThreshold(long threshold) {
        return loop.call(() -> {
            assertOpen();
            assertSctp();
            bufferedAmountLowThreshold = threshold;
            if (bufferedAmount <= threshold) {
                events.emit(BUFFERED_AMOUNT_LOW, bufferedAmount);
            } else {
                forceBufferedAmountLow = true;
            }
            return null;
        });
    }

    public Future<Long> getBufferedAmount() {
        return loop.call(() -> {
            assertOpen();
            assertSctp();
            return output.bufferedAmount();
        });
    }

    public Future<Void> setSubchannels(List<? extends Number> values) {
        return updateSubchannels(current -> Subchannels.of(values));
    }

    public Future<Void> addSubchannel(int subchannel) {
        return updateSubchannels(current -> current.with(Subchannels.uint16(subchannel)));
    }

    public Future<Void> removeSubchannel(int subchannel) {
        return updateSubchannels(current -> current.without(Subchannels.uint16(subchannel)));
    }

    private Future<Void> updateSubchannels(UnaryOperator<Subchannels> change) {
        return loop.call(() -> {
            assertOpen();
            subchannels = change.apply(subchannels);
            return null;
        });
    }

    /** Observer {@code pause} fires only when the effective state changes. Any thread. */
    public Future<Void> pause() {
        return loop.call(() -> {
            assertOpen();
            boolean was = paused;
            paused = true;
            if (!was && !dataProducerPaused) {
                observer.emit(PAUSE);
            }
            return null;
        });
    }

    public Future<Void> resume() {
        return loop.call(() -> {
            assertOpen();
            boolean was = paused;
            paused = false;
            if (was && !dataProducerPaused) {
                observer.emit(RESUME);
            }
            return null;
        });
    }

    /** The DataProducer paused: {@code dataproducerpause}, and observer {@code pause} unless already paused. */
    public void onDataProducerPaused() {
        if (closed() || dataProducerPaused) {
            return;
        }
        dataProducerPaused = true;
        events.emit(DATA_PRODUCER_PAUSE);
        if (!paused) {
            observer.emit(PAUSE);
        }
    }

    public void onDataProducerResumed() {
        if (closed() || !dataProducerPaused) {
            return;
        }
        dataProducerPaused = false;
        events.emit(DATA_PRODUCER_RESUME);
        if (!paused) {
            observer.emit(RESUME);
        }
    }

    public Future<List<DataConsumerStats>> getStats() {
        return loop.call(() -> {
            assertOpen();
            return List.of(new DataConsumerStats(System.currentTimeMillis(), label, protocol, messagesSent, bytesSent,
                    bufferedAmount));
        });
    }

    public Future<DataConsumerDump> dump() {
        return loop.call(() -> {
            assertOpen();
            return new DataConsumerDump(id(), dataProducerId, type, sctpStreamParameters, label, protocol,
                    bufferedAmountLowThreshold, paused, dataProducerPaused, subchannels.toList());
        });
    }

    /** Closes the DataConsumer (its SCTP stream is reset). Any thread; a no-op when closed. */
    public void close() {
        loop.execute(() -> finish(null));
    }

    /** The transport closed: {@code transportclose}, then observer {@code close}. */
    void transportClosed() {
        finish(TRANSPORT_CLOSE);
    }

    /** The DataProducer closed: {@code dataproducerclose}, then observer {@code close}. On the worker loop. */
    public void dataProducerClosed() {
        finish(DATA_PRODUCER_CLOSE);
    }

    private void finish(Event<Void> reason) {
        if (closed()) {
            return;
        }
        markClosed();
        runCloseHooks();
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }

    /** For a direct DataConsumer's transport: hands a message to the application. */
    void emitMessage(DataMessage message) {
        events.emit(MESSAGE, message);
    }

    private void assertSctp() {
        if (type != DataType.SCTP) {
            throw new TypeError("invalid DataConsumer type");
        }
    }

    private void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("DataConsumer closed");
        }
    }
}
