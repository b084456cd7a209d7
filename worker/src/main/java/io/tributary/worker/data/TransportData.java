package io.tributary.worker.data;

import io.netty.util.collection.IntObjectHashMap;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.ortc.SctpStreamParameters;
import io.tributary.worker.router.Router;
import io.tributary.worker.sctp.SctpAssociation;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpOptions;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.sctp.VertxSctpTimers;
import io.tributary.worker.transport.TransportCounters;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The data side of one transport: its DataProducers and DataConsumers with mediasoup's rules and
 * errors, and either the SCTP association they use (stream ids, the stream → DataProducer table
 * mediasoup calls the SCTP listener) or, on a DirectTransport, in-process delivery. On the worker loop.
 */
public final class TransportData {

    private static final System.Logger LOG = System.getLogger(TransportData.class.getName());
    /** The highest stream id mediasoup's worker accepts for a DataProducer. */
    private static final int MAX_STREAM_ID = 65534;

    private final Router router;
    private final WorkerLoop loop;
    private final DataTransportSettings settings;
    private final TransportCounters counters;
    private final Consumer<SctpState> sctpStateListener;
    private final SctpLink link;
    private final SctpStreamIds streamIds;
    private final Map<String, DataProducer> producers = new LinkedHashMap<>();
    private final Map<String, DataConsumer> consumers = new LinkedHashMap<>();
    private final IntObjectHashMap<DataProducer> producersByStream = new IntObjectHashMap<>();
    private final IntObjectHashMap<DataConsumer> consumersByStream = new IntObjectHashMap<>();
    /** Iterated by index when the buffered amount changes, so a send allocates nothing. */
    private final ArrayList<DataConsumer> sctpConsumers = new ArrayList<>();
    private final DataConsumer.Output sctpOutput = new SctpOutput();
    private final DataConsumer.Output directOutput = new DirectOutput();
    private long lastBufferedAmount;
    private boolean closing;

    /** {@code sctpStateListener} hears every association state change (mediasoup's {@code sctpstatechange}). */
    public TransportData(Router router, DataTransportSettings settings, TransportCounters counters,
                         Consumer<SctpState> sctpStateListener) {
        this.router = router;
        this.loop = router.worker().loop();
        this.settings = settings;
        this.counters = counters;
        this.sctpStateListener = sctpStateListener;
        TransportSctpOptions sctp = settings.sctp();
        if (sctp.enableSctp()) {
            link = new SctpLink(sctp, new VertxSctpTimers(loop.context()), new AssociationEvents());
            streamIds = new SctpStreamIds(sctp.numSctpStreams().mis());
        } else {
            link = null;
            streamIds = null;
        }
    }

    /** mediasoup's SCTP-over-UDP test: both SCTP ports are 5000, which RTP and RTCP never start with. */
    public static boolean isSctp(byte[] buf, int off, int len) {
        return len >= 12 && ((buf[off] & 0xff) << 8 | buf[off + 1] & 0xff) == SctpOptions.PORT
                && ((buf[off + 2] & 0xff) << 8 | buf[off + 3] & 0xff) == SctpOptions.PORT;
    }

    public boolean sctpEnabled() {
        return link != null;
    }

    /** null without SCTP. */
    public SctpParameters sctpParameters() {
        return link == null ? null : link.parameters();
    }

    /** null without SCTP. */
    public SctpState sctpState() {
        return link == null ? null : link.state();
    }

    public long maxMessageSize() {
        return settings.maxMessageSize();
    }

    /** The transport is connected and SCTP packets can leave through {@code output}: the association starts. */
    public void startSctp(SctpAssociation.Output output) {
        if (link != null && !closing) {
            link.start(output);
        }
    }

    /** One SCTP packet that arrived on the transport (DTLS application data, or a UDP datagram). */
    public void receiveSctp(byte[] buf, int off, int len) {
        if (link != null && !closing) {
            link.receive(buf, off, len);
        }
    }

    /** SCTP packets dropped: malformed or unexpected ones, and those that came before the association existed. */
    public long sctpPacketsDropped() {
        return link == null ? 0 : link.packetsDropped();
    }

    /** mediasoup's {@code produceData()}: the rules and error texts of the node library and the worker. */
    public DataProducer produce(DataProducerOptions options) {
        String givenId = options.id();
        if (givenId != null && (producers.containsKey(givenId) || router.hasDataProducer(givenId))) {
            throw new TypeError("a DataProducer with same id \"" + givenId + "\" already exists");
        }
        DataType type;
        SctpStreamParameters params = null;
        if (settings.direct()) {
            type = DataType.DIRECT;
            if (options.sctpStreamParameters() != null) {
                LOG.log(Level.DEBUG, "sctpStreamParameters are ignored when producing data on a DirectTransport");
            }
        } else {
            type = DataType.SCTP;
            params = Ortc.validateSctpStreamParameters(options.sctpStreamParameters());
        }
        if (type == DataType.SCTP && link == null) {
            throw new MediasoupError("SCTP not enabled and not a direct Transport");
        }
        if (params != null) {
            checkStreamId(params.streamId());
        }
        String id = givenId != null ? givenId : UUID.randomUUID().toString();
        DataProducer producer = new DataProducer(loop, id, type, params, options, settings.maxMessageSize(),
                counters::received);
        producers.put(id, producer);
        if (params != null) {
            int streamId = params.streamId();
            producersByStream.put(streamId, producer);
            producer.onClosed(() -> producersByStream.remove(streamId));
        }
        producer.onClosed(() -> producers.remove(id));
        router.addDataProducer(producer);
        return producer;
    }

    private void checkStreamId(int streamId) {
        if (streamId < 0) {
            throw new TypeError("invalid params.streamId");
        }
        if (streamId > MAX_STREAM_ID) {
            throw new TypeError("streamId must not be greater than " + MAX_STREAM_ID);
        }
        if (producersByStream.containsKey(streamId)) {
            throw new MediasoupError("streamId already exists in SCTP listener [streamId:" + streamId + "]");
        }
    }

    /** mediasoup's {@code consumeData()}: on SCTP the transport allocates the stream id. */
    public DataConsumer consume(DataConsumerOptions options) {
        String producerId = options.dataProducerId();
        if (producerId == null || producerId.isEmpty()) {
            throw new TypeError("missing dataProducerId");
        }
        DataProducer producer = router.dataProducer(producerId);
        if (producer == null) {
            throw new MediasoupError("DataProducer with id \"" + producerId + "\" not found");
        }
        if (settings.direct()) {
            return register(producer, new DataConsumer(loop, UUID.randomUUID().toString(), producer, DataType.DIRECT, null,
                    options, settings.maxMessageSize(), directOutput));
        }
        if (link == null) {
            throw new TypeError("missing sctpParameters.MIS");
        }
        // Checked before a stream id is taken, so a refused call leaves the allocation as it was.
        SctpStreamParameters checked = options.streamParameters(producer.sctpStreamParameters());
        int streamId = streamIds.allocate();
        SctpStreamParameters params = new SctpStreamParameters(streamId, checked.ordered(), checked.maxPacketLifeTime(),
                checked.maxRetransmits());
        DataConsumer consumer = new DataConsumer(loop, UUID.randomUUID().toString(), producer, DataType.SCTP, params,
                options, settings.maxMessageSize(), sctpOutput);
        consumersByStream.put(streamId, consumer);
        sctpConsumers.add(consumer);
        consumer.onClosed(() -> {
            consumersByStream.remove(streamId);
            sctpConsumers.remove(consumer);
            streamIds.release(streamId);
            // Our side of the DataChannel closes; the remote closes its side when the stream resets.
            if (!closing) {
                link.resetOutgoing(streamId);
            }
        });
        return register(producer, consumer);
    }

    private DataConsumer register(DataProducer producer, DataConsumer consumer) {
        consumers.put(consumer.id(), consumer);
        consumer.onClosed(() -> consumers.remove(consumer.id()));
        router.addDataConsumer(producer, consumer);
        return consumer;
    }

    /** The transport closed: every DataProducer and DataConsumer gets {@code transportclose}; the association ends. */
    public void transportClosed() {
        closing = true;
        List.copyOf(producers.values()).forEach(DataProducer::transportClosed);
        List.copyOf(consumers.values()).forEach(DataConsumer::transportClosed);
        if (link != null) {
            link.close();
        }
    }

    /** mediasoup's transport dump fields for data, {@code maxMessageSize} first. */
    public void fillDump(Map<String, Object> dump) {
        dump.put("maxMessageSize", settings.maxMessageSize());
        dump.put("dataProducerIds", List.copyOf(producers.keySet()));
        dump.put("dataConsumerIds", List.copyOf(consumers.keySet()));
        if (link == null) {
            return;
        }
        TransportSctpOptions sctp = link.options();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("port", SctpOptions.PORT);
        parameters.put("OS", sctp.numSctpStreams().os());
        parameters.put("MIS", sctp.numSctpStreams().mis());
        parameters.put("maxMessageSize", sctp.maxSctpMessageSize());
        parameters.put("sendBufferSize", sctp.sctpSendBufferSize());
        parameters.put("sctpBufferedAmount", link.bufferedAmount());
        parameters.put("isDataChannel", settings.dataChannels());
        dump.put("sctpParameters", parameters);
        dump.put("sctpState", link.state().wire());
        int[] streams = producersByStream.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Map<String, Object>> table = new ArrayList<>();
        for (int streamId : streams) {
            table.add(Map.of("key", streamId, "value", producersByStream.get(streamId).id()));
        }
        dump.put("sctpListener", Map.of("streamIdTable", table));
    }

    /** mediasoup's {@code sctpState} stats field, present with SCTP only. */
    public void fillStats(Map<String, Object> stats) {
        if (link != null) {
            stats.put("sctpState", link.state().wire());
        }
    }

    /** Tells every SCTP DataConsumer when the association's buffered amount moved (for {@code bufferedamountlow}). */
    private void bufferedAmountIs(long amount) {
        if (amount == lastBufferedAmount) {
            return;
        }
        lastBufferedAmount = amount;
        for (int i = 0; i < sctpConsumers.size(); i++) {
            sctpConsumers.get(i).bufferedAmountChanged(amount);
        }
    }

    /** DataConsumers on the association: each sends on its own stream with its own reliability. */
    private final class SctpOutput implements DataConsumer.Output {
        @Override
        public boolean active() {
            return link.connected();
        }

        @Override
        public SendResult send(DataConsumer consumer, int ppid, byte[] buf, int off, int len) {
            if (len == 0) {
                // SCTP cannot carry an empty message (only an explicit ppid 51/53 lets one get this far).
                return SendResult.TOO_BIG;
            }
            SendResult result = link.send(consumer.sctpStreamParameters().streamId(), ppid, buf, off, len,
                    consumer.reliability());
            if (result == SendResult.SENT) {
                bufferedAmountIs(link.bufferedAmount());
            }
            return result;
        }

        @Override
        public long bufferedAmount() {
            return link.bufferedAmount();
        }
    }

    /** DataConsumers of a DirectTransport: each message becomes a {@code message} event. */
    private final class DirectOutput implements DataConsumer.Output {
        @Override
        public boolean active() {
            return true;
        }

        @Override
        public SendResult send(DataConsumer consumer, int ppid, byte[] buf, int off, int len) {
            counters.sent(len);
            consumer.emitMessage(new DataMessage(Arrays.copyOfRange(buf, off, off + len), ppid));
            return SendResult.SENT;
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }
    }

    /** What the association reports, on the worker loop. */
    private final class AssociationEvents implements SctpAssociation.Listener {
        @Override
        public void onStateChange(SctpState state) {
            sctpStateListener.accept(state);
        }

        @Override
        public void onMessage(int streamId, int ppid, byte[] payload) {
            DataProducer producer = producersByStream.get(streamId);
            if (producer == null) {
                counters.dropped++;
                return;
            }
            producer.receiveMessage(ppid, payload, 0, payload.length, DataProducer.NO_SUBCHANNELS,
                    DataProducer.NO_REQUIRED_SUBCHANNEL);
        }

        /**
         * The remote closed its DataChannel: the DataProducer on that stream closes, and on a WebRtcTransport,
         * as mediasoup does, a DataConsumer's stream resets on our side too.
         */
        @Override
        public void onIncomingStreamsReset(int[] streamIds) {
            for (int streamId : streamIds) {
                DataProducer producer = producersByStream.get(streamId);
                if (producer != null) {
                    producer.close();
                }
                if (settings.dataChannels() && consumersByStream.containsKey(streamId)) {
                    link.resetOutgoing(streamId);
                }
            }
        }

        @Override
        public void onBufferedAmountDecreased(long previous, long current) {
            bufferedAmountIs(current);
        }
    }
}
