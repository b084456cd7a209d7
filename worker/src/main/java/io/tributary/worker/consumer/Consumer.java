package io.tributary.worker.consumer;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpHeaderExtensionParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.RtpParametersDump;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.PacketSlotPool;
import io.tributary.worker.rtp.stream.RtpStreamSend;
import io.tributary.worker.trace.TraceEvent;
import io.tributary.worker.trace.TraceEventSwitch;
import io.tributary.worker.trace.TraceEventType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's Consumer: one outgoing copy of a producer on a transport. The router hands it every
 * packet of the producer; the subclass decides what to forward (layers, key-frame sync) and rewrites
 * it into the consumer's own RTP space before the transport encrypts and sends it.
 */
public abstract class Consumer extends MediaEntity {

    public static final Event<Void> TRANSPORT_CLOSE = Event.signal("transportclose");
    public static final Event<Void> PRODUCER_CLOSE = Event.signal("producerclose");
    public static final Event<Void> PRODUCER_PAUSE = Event.signal("producerpause");
    public static final Event<Void> PRODUCER_RESUME = Event.signal("producerresume");
    public static final Event<ConsumerScore> SCORE = Event.of("score", ConsumerScore.class);
    public static final Event<ConsumerLayers> LAYERS_CHANGE = Event.of("layerschange", ConsumerLayers.class);
    /** Public and observer: a trace enabled with {@link #enableTraceEvent}. */
    public static final Event<TraceEvent> TRACE = Event.of("trace", TraceEvent.class);
    /** Observer events. */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<Void> PAUSE = Event.signal("pause");
    public static final Event<Void> RESUME = Event.signal("resume");

    /** Packets leave through here; {@code buf} has room after the packet for the SRTP tag. */
    public interface Output {
        void sendRtp(byte[] buf, int off, int len);

        void sendRtcp(byte[] buf, int off, int len);
    }

    /** Room after a packet for the SRTP tag and for extensions the consumer adds. */
    protected static final int BUFFER_SIZE = 1500 + 128;
    private static final java.util.Random RANDOM = new java.util.Random();

    protected final Producer producer;
    protected final MediaKind kind;
    protected final RtpParameters rtpParameters;
    protected final ConsumerType type;
    protected final Output output;
    /** Internal extension id -> the same id when the remote negotiated it, else 0 (blanked). */
    protected final byte[] extensionIdMap = new byte[256];
    protected final int ssrc;
    protected final byte[] buffer = new byte[BUFFER_SIZE];
    protected final RtpPacket packet = new RtpPacket();
    private final TraceEventSwitch traces = new TraceEventSwitch(EnumSet.of(
            TraceEventType.RTP, TraceEventType.KEYFRAME, TraceEventType.NACK, TraceEventType.PLI, TraceEventType.FIR));
    /** Whether the producer packet being forwarded now starts a key frame (for 'keyframe' traces). */
    private boolean forwardingKeyFrame;
    private boolean paused;
    private boolean producerPaused;
    private int priority = 1;
    /** One send stream per encoding of the RTP parameters: pipe consumers have several, the others one. */
    private final RtpStreamSend[] sendStreams;
    /** Whether each stream has sent anything, so it owes a sender report. */
    private final boolean[] streamSending;
    /** The time of each stream's last sender report, to resume after the transport flushed a full compound. */
    private final long[] senderReportMs;
    /** The first (for all but pipe consumers the only) send stream. */
    protected final RtpStreamSend sendStream;

    protected Consumer(String id, Producer producer, RtpParameters rtpParameters, ConsumerType type, boolean paused,
                       PacketSlotPool pool, Output output, Map<String, Object> appData) {
        super(id, appData);
        this.producer = producer;
        this.kind = producer.kind();
        this.rtpParameters = rtpParameters;
        this.type = type;
        this.paused = paused;
        this.producerPaused = producer.paused();
        this.output = output;
        this.ssrc = rtpParameters.encodingsOrEmpty().isEmpty() || rtpParameters.encodingsOrEmpty().get(0).ssrc() == null
                ? 0 : rtpParameters.encodingsOrEmpty().get(0).ssrc().intValue();
        for (RtpHeaderExtensionParameters ext : rtpParameters.headerExtensionsOrEmpty()) {
            extensionIdMap[ext.id()] = (byte) ext.id();
        }
        int streams = rtpParameters.encodingsOrEmpty().size();
        this.sendStreams = new RtpStreamSend[streams];
        SendStreamEvents listener = new SendStreamEvents();
        long nowMs = System.currentTimeMillis();
        for (int i = 0; i < streams; i++) {
            sendStreams[i] = new RtpStreamSend(ConsumerStreamParams.of(rtpParameters, i), listener, pool,
                    RANDOM.nextInt(0x10000), nowMs);
        }
        this.streamSending = new boolean[streams];
        this.senderReportMs = new long[streams];
        Arrays.fill(senderReportMs, -1);
        this.sendStream = sendStreams[0];
    }

    public String producerId() {
        return producer.id();
    }

    public MediaKind kind() {
        return kind;
    }

    public RtpParameters rtpParameters() {
        return rtpParameters;
    }

    public ConsumerType type() {
        return type;
    }

    public boolean paused() {
        return paused;
    }

    public boolean producerPaused() {
        return producerPaused;
    }

    public int priority() {
        return priority;
    }

    public abstract ConsumerScore score();

    /** Preferred layers; null for simple and audio consumers, as in mediasoup. */
    public ConsumerLayers preferredLayers() {
        return null;
    }

    public ConsumerLayers currentLayers() {
        return null;
    }

    /** True when packets flow: neither paused here nor at the producer. */
    public boolean isActive() {
        return !closed() && !paused && !producerPaused;
    }

    /** A packet of the producer, already in router space; only valid during the call. */
    public abstract void sendRtp(RtpPacket producerPacket, int encodingIndex, boolean keyFrame, long nowMs);

    /** The router's entry point for a producer packet: {@link #sendRtp} with the key-frame flag kept for traces. */
    public final void forwardFromProducer(RtpPacket producerPacket, int encodingIndex, boolean keyFrame, long nowMs) {
        forwardingKeyFrame = keyFrame;
        sendRtp(producerPacket, encodingIndex, keyFrame, nowMs);
    }

    /** The remote receiver asked for a key frame (PLI/FIR): forward the request to the producer. */
    public abstract void receiveKeyFrameRequest(long nowMs);

    /** A PLI or FIR from the remote about {@code ssrc}: counted on that stream, then forwarded. */
    public final void receiveKeyFrameRequest(int ssrc, boolean fir, long nowMs) {
        for (RtpStreamSend stream : sendStreams) {
            if (stream.ssrc() == ssrc) {
                stream.receiveKeyFrameRequest(fir);
            }
        }
        TraceEventType type = fir ? TraceEventType.FIR : TraceEventType.PLI;
        traces.trace(type, TraceEvent.IN, Map.of("ssrc", Integer.toUnsignedLong(ssrc)), this::emitTrace);
        receiveKeyFrameRequest(nowMs);
    }

    /** Called when the consumer starts or resumes flowing: the next packets must start at a key frame. */
    protected abstract void onResync(long nowMs);

    /** Called when the consumer stops flowing (paused here or at the producer); layered consumers drop their layers. */
    protected void onStopped() {
    }

    /** Observer {@code pause}/{@code resume} fire only when the effective state (paused or producer paused) changes. */
    public final Future<Void> pause() {
        return onLoop(() -> {
            if (paused) {
                return;
            }
            paused = true;
            if (!producerPaused) {
                stopped();
                observer.emit(PAUSE);
            }
        });
    }

    public final Future<Void> resume() {
        return onLoop(() -> {
            if (!paused) {
                return;
            }
            paused = false;
            if (!producerPaused) {
                observer.emit(RESUME);
                onResync(System.currentTimeMillis());
            }
        });
    }

    /** The producer's stream scores changed: the consumer's score (which includes them) is announced again. */
    public void onProducerScore() {
        if (!closed()) {
            ConsumerScore current = score();
            events.emit(SCORE, current);
            observer.emit(SCORE, current);
        }
    }

    /** The producer paused (mediasoup's {@code producerpause}). */
    public void onProducerPaused() {
        if (closed() || producerPaused) {
            return;
        }
        producerPaused = true;
        events.emit(PRODUCER_PAUSE);
        if (!paused) {
            stopped();
            observer.emit(PAUSE);
        }
    }

    public void onProducerResumed() {
        if (closed() || !producerPaused) {
            return;
        }
        producerPaused = false;
        events.emit(PRODUCER_RESUME);
        if (!paused) {
            observer.emit(RESUME);
            onResync(System.currentTimeMillis());
        }
    }

    /** Stored packets are useless after the gap, as in mediasoup's {@code UserOnPaused}. */
    private void stopped() {
        for (RtpStreamSend stream : sendStreams) {
            stream.pause();
        }
        onStopped();
    }

    public final Future<Void> setPriority(Number value) {
        return onLoop(() -> {
            if (value == null || value.doubleValue() < 1) {
                throw new TypeError("wrong priority (must be higher than 0)");
            }
            priority = value.intValue();
        });
    }

    public final Future<Void> unsetPriority() {
        return onLoop(() -> priority = 1);
    }

    /** mediasoup clamps the layers to the producer's; simple and audio consumers ignore them. */
    public final Future<Void> setPreferredLayers(ConsumerLayers layers) {
        return onLoop(() -> {
            if (layers == null) {
                throw new TypeError("spatialLayer must be a number");
            }
            applyPreferredLayers(layers);
        });
    }

    /** For layered consumers: take new (unclamped) preferred layers. */
    protected void applyPreferredLayers(ConsumerLayers layers) {
    }

    public final Future<Void> requestKeyFrame() {
        return onLoop(() -> {
            if (isActive()) {
                receiveKeyFrameRequest(System.currentTimeMillis());
            }
        });
    }

    /** Closes the consumer (only its observer {@code close} fires). Any thread; a no-op when closed. */
    public final void close() {
        producer.loop().execute(() -> {
            if (!closed()) {
                finish(null);
            }
        });
    }

    /** Runs {@code action} on the worker loop once the consumer is known open; errors fail the Future. */
    private Future<Void> onLoop(Runnable action) {
        return producer.loop().call(() -> {
            assertOpen();
            action.run();
            return null;
        });
    }

    /** The producer closed: mediasoup emits {@code producerclose} and the consumer is closed. */
    public void producerClosed() {
        if (!closed()) {
            finish(PRODUCER_CLOSE);
        }
    }

    public void transportClosed() {
        if (!closed()) {
            finish(TRANSPORT_CLOSE);
        }
    }

    private void finish(Event<Void> reason) {
        markClosed();
        runCloseHooks();
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }

    public void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("Consumer closed");
        }
    }

    /** mediasoup's {@code getStats()}: this consumer's outbound-rtp, then the producer's inbound streams. */
    public List<Object> getStats(long nowMs) {
        List<Object> stats = sendStats(nowMs);
        if (!producer.closed()) {
            stats.addAll(producer.getStats(nowMs));
        }
        return stats;
    }

    /** The outbound-rtp stats of every send stream. */
    protected final List<Object> sendStats(long nowMs) {
        assertOpen();
        List<Object> stats = new ArrayList<>();
        for (RtpStreamSend stream : sendStreams) {
            stats.add(stream.getStats(nowMs));
        }
        return stats;
    }

    /** A NACK from the remote receiver: the stream it names resends what its buffer still has. */
    public void receiveNack(NackPacket nack, long nowMs) {
        RtpStreamSend stream = closed() ? null : streamBySsrc(nack.mediaSsrc());
        if (stream != null) {
            stream.receiveNack(nack, nowMs);
            traces.trace(TraceEventType.NACK, TraceEvent.IN, Map.of(), this::emitTrace);
        }
    }

    /** A report block from the remote receiver about one of this consumer's media streams: loss, RTT, score. */
    public void receiveReceiverReport(ReportBlock block, long nowMs) {
        RtpStreamSend stream = closed() ? null : streamBySsrc(block.ssrc());
        if (stream != null) {
            stream.receiveReceiverReport(block, nowMs);
        }
    }

    /**
     * Adds an SR per sending stream to the transport's periodic RTCP; false when the writer is full, and
     * the transport then calls again with an empty writer and the same time, skipping the streams written.
     */
    public boolean addSenderReport(RtcpCompoundWriter writer, long nowMs) {
        if (closed()) {
            return true;
        }
        for (int i = 0; i < sendStreams.length; i++) {
            if (!streamSending[i] || senderReportMs[i] == nowMs) {
                continue;
            }
            if (!sendStreams[i].addSenderReport(writer, nowMs)) {
                return false;
            }
            senderReportMs[i] = nowMs;
        }
        return true;
    }

    /** The consumer's own send score (0-10), from the remote's receiver reports. */
    protected int sendScore() {
        return sendStream.score();
    }

    private RtpStreamSend streamBySsrc(int ssrc) {
        for (RtpStreamSend stream : sendStreams) {
            if (stream.ssrc() == ssrc) {
                return stream;
            }
        }
        return null;
    }

    public Map<String, Object> dump() {
        assertOpen();
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("id", id());
        dump.put("producerId", producer.id());
        dump.put("kind", kind.value());
        dump.put("type", type.value());
        dump.put("rtpParameters", RtpParametersDump.of(rtpParameters));
        dump.put("consumableRtpEncodings", producer.consumableRtpParameters().encodingsOrEmpty());
        dump.put("supportedCodecPayloadTypes", RtpParametersDump.mediaPayloadTypes(rtpParameters));
        dump.put("traceEventTypes", traces.names());
        dump.put("paused", paused);
        dump.put("producerPaused", producerPaused);
        dump.put("priority", priority);
        dumpStreams(dump);
        return dump;
    }

    /** mediasoup dumps the single send stream as {@code rtpStream}; pipe consumers list theirs. */
    protected void dumpStreams(Map<String, Object> dump) {
        dump.put("rtpStream", sendStream.dump());
    }

    /** Every send stream's dump, in encoding order. */
    protected final List<Object> streamDumps() {
        List<Object> dumps = new ArrayList<>();
        for (RtpStreamSend stream : sendStreams) {
            dumps.add(stream.dump());
        }
        return dumps;
    }

    /** Keeps a copy for NACKs and sends the packet in {@link #buffer}, now rewritten, through the transport. */
    protected final void emit(int len, long nowMs) {
        emit(0, len, nowMs);
    }

    /** As {@link #emit(int, long)}, on the send stream of encoding {@code streamIndex}. */
    protected final void emit(int streamIndex, int len, long nowMs) {
        if (packet.wrap(buffer, 0, len) && sendStreams[streamIndex].receivePacket(packet, nowMs)) {
            streamSending[streamIndex] = true;
            output.sendRtp(buffer, 0, len);
            if (traces.any()) {
                traces.tracePacket(packet, forwardingKeyFrame, false, TraceEvent.OUT, this::emitTrace);
            }
        }
    }

    /**
     * mediasoup's {@code enableTraceEvent(types)}: rtp, keyframe, nack, pli, fir; unknown names are
     * ignored, a non-array or non-string is a TypeError.
     */
    public final Future<Void> enableTraceEvent(Object types) {
        return onLoop(() -> traces.enable(types));
    }


    private void emitTrace(TraceEvent event) {
        events.emit(TRACE, event);
        observer.emit(TRACE, event);
    }

    /** The send stream's score changed; pipe consumers report a fixed score and stay silent. */
    protected void onSendScore() {
        ConsumerScore current = score();
        events.emit(SCORE, current);
        observer.emit(SCORE, current);
    }

    /** Resent packets (RTX or original) leave like any other. */
    private final class SendStreamEvents implements RtpStreamSend.Listener {
        @Override
        public void onRetransmitRtpPacket(RtpStreamSend stream, RtpPacket resent) {
            output.sendRtp(resent.buffer(), resent.offset(), resent.length());
        }

        @Override
        public void onScore(RtpStreamSend stream, int score, int previousScore) {
            onSendScore();
        }
    }
}
