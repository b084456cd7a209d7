package io.tributary.worker.transport;

import io.netty.util.collection.IntObjectHashMap;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.WorkerTicks;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.consumer.Consumers;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.data.DataTransportSettings;
import io.tributary.worker.data.TransportData;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.ortc.ProducerRtpMapping;
import io.tributary.worker.ortc.RtcpParameters;
import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpHeaderExtensionParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.sctp.SctpAssociation;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.trace.TraceEventSwitch;
import io.tributary.worker.trace.TraceEventType;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What every mediasoup transport shares: producing and consuming (with mediasoup's ORTC rules and
 * errors), demultiplexing incoming RTP to producers, terminating incoming RTCP, and the close
 * cascade. Subclasses own the wire: they decrypt into {@link #receiveRtp}/{@link #receiveRtcp} and
 * implement {@link #sendRtp}/{@link #sendRtcp}.
 */
public abstract class Transport extends MediaEntity {

    public static final Event<Void> ROUTER_CLOSE = Event.signal("routerclose");
    public static final Event<Void> LISTEN_SERVER_CLOSE = Event.signal("listenserverclose");
    /** Observer events. */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<Producer> NEW_PRODUCER = Event.of("newproducer", Producer.class);
    public static final Event<Consumer> NEW_CONSUMER = Event.of("newconsumer", Consumer.class);
    public static final Event<DataProducer> NEW_DATA_PRODUCER = Event.of("newdataproducer", DataProducer.class);
    public static final Event<DataConsumer> NEW_DATA_CONSUMER = Event.of("newdataconsumer", DataConsumer.class);
    /** Public and observer, on transports with SCTP: the association's state changed. */
    public static final Event<SctpState> SCTP_STATE_CHANGE = Event.of("sctpstatechange", SctpState.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_MID = 100_000_000;

    protected final Router router;
    protected final WorkerLoop loop;
    protected final TransportCounters counters = new TransportCounters();
    /** DataProducers, DataConsumers and, with SCTP, the association they use. */
    protected final TransportData data;
    private final Map<String, Producer> producers = new LinkedHashMap<>();
    private final Map<String, Consumer> consumers = new LinkedHashMap<>();
    private final IntObjectHashMap<Consumer> consumersBySsrc = new IntObjectHashMap<>();
    private final RtpListener rtpListener = new RtpListener();
    private final RtpPacket rtpPacket = new RtpPacket();
    private final RtcpReceiver rtcpReceiver;
    private final RtcpReports reports;
    private final BitrateLimits bitrateLimits = new BitrateLimits();
    private final TraceEventSwitch traceEventTypes =
            new TraceEventSwitch(EnumSet.of(TraceEventType.PROBATION, TraceEventType.BWE));
    private WorkerTicks.Registration beat;
    private String cnameForProducers;
    private int nextMidForConsumers;
    private int midExtensionId;
    private int ridExtensionId;
    private int rridExtensionId;
    private int absSendTimeExtensionId;
    private int transportWideCcExtensionId;

    /** A transport without SCTP, that is not direct: produceData and consumeData fail. */
    protected Transport(String id, Router router, Map<String, Object> appData) {
        this(id, router, appData, DataTransportSettings.none());
    }

    protected Transport(String id, Router router, Map<String, Object> appData, DataTransportSettings dataSettings) {
        super(id, appData);
        this.router = router;
        this.loop = router.worker().loop();
        this.data = new TransportData(router, dataSettings, counters, this::announceSctpState);
        this.rtcpReceiver = new RtcpReceiver(consumersBySsrc, rtpListener::producerBySsrc);
        this.reports = new RtcpReports(producers.values(), consumers.values(), this::sendRtcp);
        loop.execute(() -> {
            if (!closed()) {
                beat = loop.ticks().every(WorkerTicks.TICK_MS, reports::onTick);
            }
        });
    }

    public Router router() {
        return router;
    }

    public Future<Producer> produce(ProducerOptions options) {
        return loop.call(() -> produceNow(options));
    }

    public Future<Consumer> consume(ConsumerOptions options) {
        return loop.call(() -> consumeNow(options));
    }

    /** mediasoup's {@code produceData()}; a DirectTransport's DataProducers are of type 'direct'. */
    public Future<DataProducer> produceData(DataProducerOptions options) {
        return loop.call(() -> {
            assertOpen();
            DataProducer producer = data.produce(options);
            observer.emit(NEW_DATA_PRODUCER, producer);
            return producer;
        });
    }

    /** mediasoup's {@code consumeData()}; on SCTP the transport picks the stream id. */
    public Future<DataConsumer> consumeData(DataConsumerOptions options) {
        return loop.call(() -> {
            assertOpen();
            DataConsumer consumer = data.consume(options);
            observer.emit(NEW_DATA_CONSUMER, consumer);
            return consumer;
        });
    }

    /** {@code port: 5000, OS, MIS, maxMessageSize} with SCTP enabled, else null. */
    public SctpParameters sctpParameters() {
        return data.sctpParameters();
    }

    /** The association's state with SCTP enabled ('new' until the transport connects), else null. */
    public SctpState sctpState() {
        return data.sctpState();
    }

    private void announceSctpState(SctpState state) {
        events.emit(SCTP_STATE_CHANGE, state);
        observer.emit(SCTP_STATE_CHANGE, state);
    }

    /** The transport can carry packets: with SCTP enabled the association starts, sending through {@code output}. */
    protected final void startSctp(SctpAssociation.Output output) {
        data.startSctp(output);
    }

    /** An SCTP packet from the remote (after DTLS, or straight from UDP). */
    protected final void receiveSctp(byte[] buf, int off, int len) {
        data.receiveSctp(buf, off, len);
    }

    public Future<List<Map<String, Object>>> getStats() {
        return loop.call(() -> {
            assertOpen();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("type", statsType());
            stats.put("transportId", id());
            stats.put("timestamp", System.currentTimeMillis());
            data.fillStats(stats);
            fillStats(stats);
            counters.fill(stats);
            bitrateLimits.fillStats(stats);
            return List.of(stats);
        });
    }

    public Future<Map<String, Object>> dump() {
        return loop.call(() -> {
            assertOpen();
            Map<String, Object> dump = new LinkedHashMap<>();
            dump.put("id", id());
            dump.put("direct", false);
            dump.put("producerIds", List.copyOf(producers.keySet()));
            dump.put("consumerIds", List.copyOf(consumers.keySet()));
            Map<String, String> ssrcs = new LinkedHashMap<>();
            Map<String, String> rtxSsrcs = new LinkedHashMap<>();
            for (Consumer consumer : consumers.values()) {
                for (RtpEncodingParameters encoding : consumer.rtpParameters().encodingsOrEmpty()) {
                    if (encoding.ssrc() != null) {
                        ssrcs.put(encoding.ssrc().toString(), consumer.id());
                    }
                    if (encoding.rtx() != null) {
                        rtxSsrcs.put(Long.toString(encoding.rtx().ssrc()), consumer.id());
                    }
                }
            }
            dump.put("mapSsrcConsumerId", ssrcs);
            dump.put("mapRtxSsrcConsumerId", rtxSsrcs);
            dump.put("recvRtpHeaderExtensions", recvRtpHeaderExtensions());
            dump.put("rtpListener", rtpListener.dump());
            data.fillDump(dump);
            dump.put("traceEventTypes", traceEventTypes.names());
            fillDump(dump);
            return dump;
        });
    }

    /** mediasoup's {@code setMaxIncomingBitrate()}: 0 or >= 30000 bps; with transport-cc it caps the sender by REMB. */
    public Future<Void> setMaxIncomingBitrate(long bitrate) {
        return loop.call(() -> {
            assertBitratesSupported("setMaxIncomingBitrate");
            bitrateLimits.setMaxIncoming(bitrate);
            reports.bandwidthFeedback().limitIncomingBitrate(bitrate);
            return null;
        });
    }

    /** mediasoup's {@code setMaxOutgoingBitrate()}: 0 or >= 30000 bps, not below the min; stored, BWE does not use it yet. */
    public Future<Void> setMaxOutgoingBitrate(long bitrate) {
        return loop.call(() -> {
            assertBitratesSupported("setMaxOutgoingBitrate");
            bitrateLimits.setMaxOutgoing(bitrate);
            return null;
        });
    }

    /** mediasoup's {@code setMinOutgoingBitrate()}: 0 or >= 30000 bps, not above the max; stored, BWE does not use it yet. */
    public Future<Void> setMinOutgoingBitrate(long bitrate) {
        return loop.call(() -> {
            assertBitratesSupported("setMinOutgoingBitrate");
            bitrateLimits.setMinOutgoing(bitrate);
            return null;
        });
    }

    /** mediasoup's {@code enableTraceEvent(types)}: recorded for the dump; bwe/probation traces need sender-side BWE, not built yet. */
    public Future<Void> enableTraceEvent(Object types) {
        return loop.call(() -> {
            assertOpen();
            traceEventTypes.enable(types);
            return null;
        });
    }

    /** Whether the bitrate setters apply; DirectTransport has no bandwidth estimation. */
    protected boolean hasBitrateControl() {
        return true;
    }

    private void assertBitratesSupported(String method) {
        assertOpen();
        if (!hasBitrateControl()) {
            throw new UnsupportedError(method + "() not implemented in DirectTransport");
        }
    }

    /** Closes the transport and everything on it; a no-op when already closed. */
    public void close() {
        loop.execute(() -> {
            if (!closed()) {
                finish(null);
            }
        });
    }

    /** The router closed: producers and consumers get {@code transportclose}, the transport {@code routerclose}. */
    public void routerClosed() {
        if (!closed()) {
            finish(ROUTER_CLOSE);
        }
    }

    protected final void finish(Event<Void> reason) {
        markClosed();
        for (Producer producer : List.copyOf(producers.values())) {
            producer.transportClosed();
        }
        for (Consumer consumer : List.copyOf(consumers.values())) {
            consumer.transportClosed();
        }
        data.transportClosed();
        if (beat != null) {
            beat.cancel();
        }
        onClose();
        runCloseHooks();
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }

    protected final void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("Transport closed");
        }
    }

    /** mediasoup's stats {@code type}: 'webrtc-transport', 'plain-rtp-transport', ... */
    protected abstract String statsType();

    /** Adds the subclass's stats fields. */
    protected abstract void fillStats(Map<String, Object> stats);

    /** Adds the subclass's dump fields. */
    protected abstract void fillDump(Map<String, Object> dump);

    /** Releases the wire (sockets, ICE, DTLS); producers and consumers are already closed. */
    protected abstract void onClose();

    /** Sends an RTP packet; {@code buf} has room after it for the SRTP tag. On the worker loop. */
    public abstract void sendRtp(byte[] buf, int off, int len);

    /** Sends an RTCP packet; {@code buf} has room after it for the SRTCP trailer. On the worker loop. */
    public abstract void sendRtcp(byte[] buf, int off, int len);

    /** A consumer's packet leaves; a DirectTransport hands it to the application instead of the wire. */
    protected void sendConsumerRtp(Consumer consumer, byte[] buf, int off, int len) {
        sendRtp(buf, off, len);
    }

    /** Pipe transports: consumers of type pipe without MID or capabilities, producers without shared CNAME or BWE. */
    protected boolean isPipe() {
        return false;
    }

    /** A decrypted packet the transport classified already: {@link #receiveRtcp} or {@link #receiveRtp}. */
    protected final void receive(byte[] buf, int off, int len, boolean rtcp, long nowMs) {
        if (rtcp) {
            receiveRtcp(buf, off, len, nowMs);
        } else {
            receiveRtp(buf, off, len, nowMs);
        }
    }

    /** A decrypted RTP packet from the remote: find its producer and let it forward. */
    protected final void receiveRtp(byte[] buf, int off, int len, long nowMs) {
        if (!rtpPacket.wrap(buf, off, len)) {
            counters.rtpDropped++;
            return;
        }
        counters.rtpReceived(len);
        reports.bandwidthFeedback().onRtp(rtpPacket, nowMs);
        Producer producer = rtpListener.find(rtpPacket, midExtensionId, ridExtensionId, rridExtensionId);
        if (producer == null) {
            counters.rtpUnknown++;
            return;
        }
        producer.receiveRtp(rtpPacket, nowMs);
    }

    /** A decrypted RTCP compound packet from the remote: the SFU terminates it. */
    protected final void receiveRtcp(byte[] buf, int off, int len, long nowMs) {
        if (!rtcpReceiver.receive(buf, off, len, nowMs)) {
            counters.rtcpDropped++;
        }
    }

    private Producer produceNow(ProducerOptions options) {
        assertOpen();
        if (options.id() != null && router.hasProducer(options.id())) {
            throw new TypeError("a Producer with same id \"" + options.id() + "\" already exists");
        }
        if (options.id() != null && router.worker().hasProducer(options.id())) {
            // mediasoup's worker demands ids unique across its routers (why pipeToRouter within one worker fails)
            throw new MediasoupError("Channel request handler with ID " + options.id()
                    + " already exists [method:transport.produce]");
        }
        MediaKind kind = MediaKind.find(options.kind())
                .orElseThrow(() -> new TypeError("invalid kind \"" + options.kind() + "\""));
        RtpParameters params = Ortc.validateRtpParameters(options.rtpParameters());
        if (params.encodingsOrEmpty().isEmpty()) {
            params = params.withEncodings(List.of(RtpEncodingParameters.builder().build()));
        }
        params = withTransportCname(params);
        checkCodecKinds(kind, params);
        RtpCapabilities routerCaps = router.rtpCapabilities();
        ProducerRtpMapping mapping = Ortc.getProducerRtpParametersMapping(params, routerCaps);
        params = mapping.rtpParameters();
        checkEncodingsIdentifiable(params);
        checkExtensionIds(params);
        RtpParameters consumable = Ortc.getConsumableRtpParameters(kind, params, routerCaps, mapping.rtpMapping());
        String producerId = options.id() != null ? options.id() : UUID.randomUUID().toString();
        Producer producer = new Producer(loop, producerId, kind, params, consumable, mapping.rtpMapping(),
                options.paused(), options.keyFrameRequestDelay(), options.appData());
        rtpListener.addProducer(producer);
        rememberExtensionIds(producer);
        if (!isPipe()) {
            negotiateBandwidthFeedback(params);
        }
        producers.put(producerId, producer);
        producer.onClosed(() -> {
            producers.remove(producerId);
            rtpListener.removeProducer(producer);
        });
        router.addProducer(producer, this::sendRtcp);
        observer.emit(NEW_PRODUCER, producer);
        return producer;
    }

    private Consumer consumeNow(ConsumerOptions options) {
        assertOpen();
        if (options.producerId() == null || options.producerId().isEmpty()) {
            throw new TypeError("missing producerId");
        }
        if (options.mid() != null && options.mid().isEmpty()) {
            throw new TypeError("if given, mid must be non empty string");
        }
        RtpCapabilities caps = isPipe() ? null : Ortc.validateRtpCapabilities(options.rtpCapabilities());
        Producer producer = router.producer(options.producerId());
        if (producer == null) {
            throw new MediasoupError("Producer with id \"" + options.producerId() + "\" not found");
        }
        boolean pipe = options.pipe() || isPipe();
        boolean enableRtx = options.enableRtx() != null ? options.enableRtx() : producer.kind() == MediaKind.VIDEO;
        RtpParameters params = pipe
                ? Ortc.getPipeConsumerRtpParameters(producer.consumableRtpParameters(), enableRtx)
                : Ortc.getConsumerRtpParameters(producer.consumableRtpParameters(), caps, false, enableRtx);
        if (!pipe) {
            params = params.withMid(options.mid() != null ? options.mid() : nextMid());
        }
        String consumerId = UUID.randomUUID().toString();
        Consumer[] self = new Consumer[1];
        Consumer consumer = Consumers.create(consumerId, producer, params, pipe, options, router.worker().packetSlotPool(),
                new Consumer.Output() {
                    @Override
                    public void sendRtp(byte[] buf, int off, int len) {
                        sendConsumerRtp(self[0], buf, off, len);
                    }

                    @Override
                    public void sendRtcp(byte[] buf, int off, int len) {
                        Transport.this.sendRtcp(buf, off, len);
                    }
                });
        self[0] = consumer;
        consumers.put(consumerId, consumer);
        for (RtpEncodingParameters encoding : params.encodingsOrEmpty()) {
            if (encoding.ssrc() != null) {
                consumersBySsrc.put(encoding.ssrc().intValue(), consumer);
            }
            if (encoding.rtx() != null) {
                consumersBySsrc.put((int) encoding.rtx().ssrc(), consumer);
            }
        }
        consumer.onClosed(() -> {
            consumers.remove(consumerId);
            consumersBySsrc.values().removeIf(c -> c == consumer);
        });
        router.addConsumer(producer, consumer);
        observer.emit(NEW_CONSUMER, consumer);
        return consumer;
    }

    private String nextMid() {
        String mid = Integer.toString(nextMidForConsumers);
        nextMidForConsumers = (nextMidForConsumers + 1) % MAX_MID;
        return mid;
    }

    /** Outside pipes, all producers of a transport share one CNAME: the first given, else a random one. */
    private RtpParameters withTransportCname(RtpParameters params) {
        if (isPipe()) {
            return params;
        }
        if (cnameForProducers == null) {
            String given = params.rtcp() != null ? params.rtcp().cname() : null;
            cnameForProducers = given != null ? given : Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 8);
        }
        RtcpParameters rtcp = params.rtcp();
        return params.withRtcp(new RtcpParameters(cnameForProducers, rtcp != null ? rtcp.reducedSize() : Boolean.TRUE,
                rtcp != null ? rtcp.mux() : null));
    }

    private static void checkCodecKinds(MediaKind kind, RtpParameters params) {
        String prefix = kind.value() + "/";
        params.codecsOrEmpty().forEach(codec -> {
            if (!codec.mimeType().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                throw new TypeError("invalid codec.mimeType '" + codec.mimeType() + "' for a " + kind.value() + " producer");
            }
        });
    }

    /** The worker needs each encoding to be recognisable on the wire: by SSRC, RID, or a single one by MID. */
    private static void checkEncodingsIdentifiable(RtpParameters params) {
        List<RtpEncodingParameters> encodings = params.encodingsOrEmpty();
        for (RtpEncodingParameters encoding : encodings) {
            if (encoding.ssrc() == null && encoding.rid() == null && !(encodings.size() == 1 && params.mid() != null)) {
                throw new TypeError("invalid RTP parameters: an encoding has no ssrc or rid and no mid is given");
            }
        }
    }

    /** The worker's check: JSON validation lets an extension id of 0 through. */
    private static void checkExtensionIds(RtpParameters params) {
        for (RtpHeaderExtensionParameters ext : params.headerExtensionsOrEmpty()) {
            if (ext.id() == 0) {
                throw new TypeError("RTP extension id cannot be 0");
            }
        }
    }

    /** transport-cc when the sender negotiated its extension and feedback, else REMB with abs-send-time. */
    private void negotiateBandwidthFeedback(RtpParameters params) {
        RtpCodecParameters media = params.codecsOrEmpty().get(0);
        for (RtpHeaderExtensionParameters ext : params.headerExtensionsOrEmpty()) {
            if (RtpExtensionIds.URI_TRANSPORT_WIDE_CC.equals(ext.uri()) && hasFeedback(media, "transport-cc")) {
                reports.bandwidthFeedback().useTransportCc(ext.id());
                return;
            }
        }
        for (RtpHeaderExtensionParameters ext : params.headerExtensionsOrEmpty()) {
            if (RtpExtensionIds.URI_ABS_SEND_TIME.equals(ext.uri()) && hasFeedback(media, "goog-remb")) {
                reports.bandwidthFeedback().useRemb();
            }
        }
    }

    private static boolean hasFeedback(RtpCodecParameters codec, String type) {
        return codec.rtcpFeedback() != null && codec.rtcpFeedback().stream().anyMatch(fb -> type.equals(fb.type()));
    }

    private void rememberExtensionIds(Producer producer) {
        if (producer.midExtensionId() != 0) {
            midExtensionId = producer.midExtensionId();
        }
        if (producer.ridExtensionId() != 0) {
            ridExtensionId = producer.ridExtensionId();
        }
        if (producer.rridExtensionId() != 0) {
            rridExtensionId = producer.rridExtensionId();
        }
        for (RtpHeaderExtensionParameters ext : producer.rtpParameters().headerExtensionsOrEmpty()) {
            switch (ext.uri()) {
                case RtpExtensionIds.URI_ABS_SEND_TIME -> absSendTimeExtensionId = ext.id();
                case RtpExtensionIds.URI_TRANSPORT_WIDE_CC -> transportWideCcExtensionId = ext.id();
                default -> { }
            }
        }
    }

    /** The dump's {@code recvRtpHeaderExtensions}: the ids the senders use, as the last producer gave them. */
    private Map<String, Integer> recvRtpHeaderExtensions() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        putIfSet(ids, "mid", midExtensionId);
        putIfSet(ids, "rid", ridExtensionId);
        putIfSet(ids, "rrid", rridExtensionId);
        putIfSet(ids, "absSendTime", absSendTimeExtensionId);
        putIfSet(ids, "transportWideCc01", transportWideCcExtensionId);
        return ids;
    }

    private static void putIfSet(Map<String, Integer> ids, String name, int id) {
        if (id != 0) {
            ids.put(name, id);
        }
    }

    /** For consumers' incoming RTCP and for tests. */
    public Consumer consumerBySsrc(int ssrc) {
        return consumersBySsrc.get(ssrc);
    }
}
