package io.tributary.worker.producer;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtcpFeedback;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpHeaderExtensionParameters;
import io.tributary.worker.ortc.RtpMapping;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.RtpParametersDump;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.KeyFrameRequestManager;
import io.tributary.worker.rtp.stream.RtpStreamRecv;
import io.tributary.worker.rtp.stream.RtpStreamRecvStats;
import io.tributary.worker.trace.TraceEvent;
import io.tributary.worker.trace.TraceEventSwitch;
import io.tributary.worker.trace.TraceEventType;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's Producer: one incoming media source on a transport. Each packet is normalised in place
 * (payload type and SSRC mapped to the router's, header-extension ids to mediasoup's internal ids)
 * and handed to its {@link RtpSink}, the router, with the index of the encoding it belongs to.
 */
public final class Producer extends MediaEntity {

    /** The transport closed, so the producer did. */
    public static final Event<Void> TRANSPORT_CLOSE = Event.signal("transportclose");
    /** Observer events. */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<Void> PAUSE = Event.signal("pause");
    public static final Event<Void> RESUME = Event.signal("resume");
    /** Public and observer: every encoding's score, when one changes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Event<List<ProducerScore>> SCORE = (Event) Event.of("score", List.class);
    /** Public and observer: a trace enabled with {@link #enableTraceEvent}. */
    public static final Event<TraceEvent> TRACE = Event.of("trace", TraceEvent.class);

    /** Extensions a producer keeps (as mediasoup's worker); the rest are blanked to padding. */
    private static final List<String> KEPT_AUDIO = List.of(RtpExtensionIds.URI_MID, RtpExtensionIds.URI_ABS_CAPTURE_TIME,
            RtpExtensionIds.URI_PLAYOUT_DELAY, RtpExtensionIds.URI_AUDIO_LEVEL);
    private static final List<String> KEPT_VIDEO = List.of(RtpExtensionIds.URI_MID, RtpExtensionIds.URI_ABS_CAPTURE_TIME,
            RtpExtensionIds.URI_PLAYOUT_DELAY, RtpExtensionIds.URI_FRAME_MARKING_07, RtpExtensionIds.URI_FRAME_MARKING,
            RtpExtensionIds.URI_VIDEO_ORIENTATION, RtpExtensionIds.URI_TOFFSET);
    private static final long KEY_FRAME_REQUEST_INTERVAL_MS = 1000;
    /** A NACK of up to 1000 sequence numbers, plus room for the SRTCP trailer. */
    private static final int RTCP_SCRATCH = 12 + 4 * 1000 + 64;

    /** Receives every forwarded packet of a producer; the packet is only valid during the call. */
    @FunctionalInterface
    public interface RtpSink {
        void onProducerRtp(Producer producer, RtpPacket packet, int encodingIndex, boolean keyFrame, long nowMs);
    }

    /** Where a producer sends RTCP (key frame requests) toward its remote sender. */
    @FunctionalInterface
    public interface RtcpSender {
        void sendRtcp(byte[] buf, int off, int len);
    }

    private final MediaKind kind;
    private final ProducerType type;
    private final RtpParameters rtpParameters;
    private final RtpParameters consumableRtpParameters;
    private final RtpMapping rtpMapping;
    private final WorkerLoop loop;
    private final ProducerStreams streams;
    private final KeyFrameRequestManager keyFrameRequests;
    private final TraceEventSwitch traces = new TraceEventSwitch(EnumSet.range(TraceEventType.RTP, TraceEventType.SR));
    private final byte[] extensionIdMap = new byte[256];
    private final int[] mappedPayloadTypes = new int[128];
    private final byte[] rtcpScratch = new byte[RTCP_SCRATCH];
    private final int midId;
    private final int ridId;
    private final int rridId;
    private RtpSink sink = (p, packet, idx, key, now) -> { };
    private RtcpSender rtcpSender = (buf, off, len) -> { };
    private java.util.function.Consumer<byte[]> directInput;
    private boolean paused;

    public Producer(WorkerLoop loop, String id, MediaKind kind, RtpParameters rtpParameters,
                    RtpParameters consumableRtpParameters, RtpMapping rtpMapping, boolean paused, int keyFrameRequestDelay,
                    Map<String, Object> appData) {
        super(id, appData);
        this.loop = loop;
        this.kind = kind;
        this.rtpParameters = rtpParameters;
        this.consumableRtpParameters = consumableRtpParameters;
        this.rtpMapping = rtpMapping;
        this.type = ProducerType.of(rtpParameters);
        this.paused = paused;
        this.streams = new ProducerStreams(kind, rtpParameters, rtpMapping, new StreamEvents());
        this.keyFrameRequests = new KeyFrameRequestManager(this::sendKeyFrameRequest, keyFrameRequestDelay);
        Arrays.fill(mappedPayloadTypes, -1);
        for (RtpMapping.CodecMapping mapping : rtpMapping.codecs()) {
            mappedPayloadTypes[mapping.payloadType()] = mapping.mappedPayloadType();
        }
        List<String> kept = kind == MediaKind.AUDIO ? KEPT_AUDIO : KEPT_VIDEO;
        int mid = 0;
        int rid = 0;
        int rrid = 0;
        for (RtpHeaderExtensionParameters ext : rtpParameters.headerExtensionsOrEmpty()) {
            int internal = internalId(ext.uri());
            if (internal > 0 && kept.contains(ext.uri())) {
                extensionIdMap[ext.id()] = (byte) internal;
            }
            switch (ext.uri()) {
                case RtpExtensionIds.URI_MID -> mid = ext.id();
                case RtpExtensionIds.URI_RID -> rid = ext.id();
                case RtpExtensionIds.URI_REPAIRED_RID -> rrid = ext.id();
                default -> { }
            }
        }
        this.midId = mid;
        this.ridId = rid;
        this.rridId = rrid;
    }

    public MediaKind kind() {
        return kind;
    }

    public ProducerType type() {
        return type;
    }

    public RtpParameters rtpParameters() {
        return rtpParameters;
    }

    public RtpParameters consumableRtpParameters() {
        return consumableRtpParameters;
    }

    public RtpMapping rtpMapping() {
        return rtpMapping;
    }

    public boolean paused() {
        return paused;
    }

    /** mediasoup's {@code producer.score}: one entry per encoding that has received RTP. */
    public List<ProducerScore> score() {
        return streams.scores();
    }

    /** Transport ids of the MID/RID/RRID extensions this producer's sender uses (0 if none). */
    public int midExtensionId() {
        return midId;
    }

    public int ridExtensionId() {
        return ridId;
    }

    public int rridExtensionId() {
        return rridId;
    }

    /** Set by a DirectTransport: its producers take RTP from the application through {@link #send}. */
    public void enableDirectInput(java.util.function.Consumer<byte[]> input) {
        this.directInput = input;
    }

    /** mediasoup's {@code producer.send(rtpPacket)}: injects an RTP packet; only on a DirectTransport. */
    public void send(byte[] rtpPacket) {
        if (directInput == null) {
            throw new MediasoupError("Producer.send() is only valid on a DirectTransport");
        }
        directInput.accept(rtpPacket);
    }

    /** Wiring by the transport and router, on the worker loop. */
    public void attach(RtpSink rtpSink, RtcpSender sender) {
        this.sink = rtpSink;
        this.rtcpSender = sender;
    }

    /**
     * An RTP packet the transport's listener routed here, already decrypted. Learns the SSRC of a
     * RID-only encoding, repairs RTX into the original (dropping duplicates), maps the packet to the
     * router's space and forwards it.
     */
    public void receiveRtp(RtpPacket packet, long nowMs) {
        if (closed()) {
            return;
        }
        int index = streams.encodingOf(packet, ridId, rridId, nowMs);
        if (index < 0) {
            return;
        }
        ProducerStreams.Stream stream = streams.stream(index);
        boolean rtx = stream.rtxSsrc != 0 && packet.ssrc() == stream.rtxSsrc && packet.ssrc() != stream.ssrc;
        if (!(rtx ? stream.recv.receiveRtxPacket(packet, nowMs) : stream.recv.receivePacket(packet, nowMs))) {
            return;
        }
        if (traces.any()) {
            traces.tracePacket(packet, stream.recv.packetInfo().keyFrame(), rtx, TraceEvent.IN, this::emitTrace);
        }
        if (paused) {
            return;
        }
        int mappedPt = mappedPayloadTypes[packet.payloadType() & 0x7f];
        if (mappedPt < 0) {
            return;
        }
        boolean keyFrame = stream.recv.packetInfo().keyFrame();
        if (keyFrame) {
            keyFrameRequests.keyFrameReceived(stream.ssrc);
        }
        packet.setPayloadType(mappedPt);
        packet.setSsrc((int) stream.mappedSsrc);
        packet.rewriteExtensionIds(extensionIdMap);
        sink.onProducerRtp(this, packet, index, keyFrame, nowMs);
    }

    /** A consumer needs a key frame of the encoding with router-space SSRC {@code mappedSsrc}. */
    public void requestKeyFrame(long mappedSsrc, long nowMs) {
        if (closed() || paused || kind != MediaKind.VIDEO) {
            return;
        }
        ProducerStreams.Stream stream = streams.byMappedSsrc(mappedSsrc);
        if (stream != null && stream.recv != null) {
            keyFrameRequests.keyFrameNeeded(stream.ssrc, nowMs);
        }
    }

    /** The key-frame manager decided to ask: PLI or FIR, at most once a second per stream. */
    private void sendKeyFrameRequest(int ssrc) {
        ProducerStreams.Stream stream = streams.bySsrc(ssrc);
        if (stream != null && stream.mayRequestKeyFrame(System.currentTimeMillis(), KEY_FRAME_REQUEST_INTERVAL_MS)) {
            stream.recv.requestKeyFrame();
        }
    }

    /** Periodic work (every 40 ms): NACK retries, inactivity, key frame retries and deferred requests. */
    public void onTimer(long nowMs) {
        if (closed()) {
            return;
        }
        streams.onTimer(nowMs);
        keyFrameRequests.onTimer(nowMs);
        for (int i = 0; i < streams.size(); i++) {
            ProducerStreams.Stream stream = streams.stream(i);
            if (stream.recv != null && stream.deferredRequestDue(nowMs, KEY_FRAME_REQUEST_INTERVAL_MS)
                    && stream.mayRequestKeyFrame(nowMs, KEY_FRAME_REQUEST_INTERVAL_MS)) {
                stream.recv.requestKeyFrame();
            }
        }
    }

    /** An SR from the sender for one of this producer's SSRCs (media or RTX). */
    public void receiveSenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long nowMs) {
        for (int i = 0; i < streams.size(); i++) {
            ProducerStreams.Stream stream = streams.stream(i);
            if (stream.recv == null) {
                continue;
            }
            if (stream.ssrc == ssrc) {
                stream.recv.receiveSenderReport(ntpTimestamp, rtpTimestamp, nowMs);
                traces.trace(TraceEventType.SR, TraceEvent.IN, Map.of("ssrc", Integer.toUnsignedLong(ssrc),
                            "ntpTimestamp", ntpTimestamp, "rtpTimestamp", rtpTimestamp), this::emitTrace);
            } else if (stream.rtxSsrc == ssrc && stream.rtxSsrc != 0) {
                stream.recv.receiveRtxSenderReport(ntpTimestamp, nowMs);
            }
        }
    }

    /** Adds a report block per receiving stream to the transport's RR; false when the writer is full. */
    public boolean addReceiverReportBlocks(RtcpCompoundWriter writer, long nowMs) {
        for (int i = 0; i < streams.size(); i++) {
            RtpStreamRecv recv = streams.stream(i).recv;
            if (recv != null && (!recv.addReceiverReportBlock(writer, 0, nowMs) || !recv.addRtxReceiverReportBlock(writer, nowMs))) {
                return false;
            }
        }
        return true;
    }

    /** The streams' NACK/PLI/FIR go to the sender; score changes become the {@code score} event. */
    private final class StreamEvents implements RtpStreamRecv.Listener {
        @Override
        public void onSendNack(RtpStreamRecv stream, int[] seqs, int count) {
            int from = 0;
            while (from < count) {
                int n = Math.min(count - from, 64);
                int len = NackPacket.write(rtcpScratch, 0, 0, stream.ssrc(), seqs, from, n);
                if (len > 0) {
                    rtcpSender.sendRtcp(rtcpScratch, 0, len);
                }
                from += n;
            }
            traces.trace(TraceEventType.NACK, TraceEvent.OUT, Map.of(), Producer.this::emitTrace);
        }

        @Override
        public void onSendPli(RtpStreamRecv stream) {
            int len = PliPacket.write(rtcpScratch, 0, stream.ssrc(), stream.ssrc());
            rtcpSender.sendRtcp(rtcpScratch, 0, len);
            traces.trace(TraceEventType.PLI, TraceEvent.OUT, Map.of("ssrc", Integer.toUnsignedLong(stream.ssrc())),
                    Producer.this::emitTrace);
        }

        @Override
        public void onSendFir(RtpStreamRecv stream, int sequenceNumber) {
            int len = FirPacket.write(rtcpScratch, 0, stream.ssrc(), stream.ssrc(), stream.ssrc(), sequenceNumber);
            rtcpSender.sendRtcp(rtcpScratch, 0, len);
            traces.trace(TraceEventType.FIR, TraceEvent.OUT, Map.of("ssrc", Integer.toUnsignedLong(stream.ssrc())),
                    Producer.this::emitTrace);
        }

        @Override
        public void onScore(RtpStreamRecv stream, int score, int previousScore) {
            List<ProducerScore> scores = streams.scores();
            events.emit(SCORE, scores);
            observer.emit(SCORE, scores);
        }
    }

    /** Every encoding's router-space SSRC, lowest spatial layer first. */
    public long mappedSsrc(int encodingIndex) {
        return streams.stream(encodingIndex).mappedSsrc;
    }

    public int encodingCount() {
        return streams.size();
    }

    /**
     * mediasoup's {@code enableTraceEvent(types)}: rtp, keyframe, nack, pli, fir, sr; unknown names
     * are ignored, a non-array or non-string is a TypeError.
     */
    public Future<Void> enableTraceEvent(Object types) {
        return loop.call(() -> {
            assertOpen();
            traces.enable(types);
            return null;
        });
    }


    private void emitTrace(TraceEvent event) {
        events.emit(TRACE, event);
        observer.emit(TRACE, event);
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

    /** Closes the producer; its consumers get {@code producerclose}. Any thread; a no-op when closed. */
    public void close() {
        loop.execute(() -> {
            if (!closed()) {
                closeInternal();
            }
        });
    }

    /** The worker loop this producer lives on. */
    public WorkerLoop loop() {
        return loop;
    }

    /** The transport closed: mediasoup emits {@code transportclose}, then observer {@code close}. */
    public void transportClosed() {
        if (closed()) {
            return;
        }
        markClosed();
        runCloseHooks();
        events.emit(TRANSPORT_CLOSE);
        observer.emit(CLOSE);
    }

    private void closeInternal() {
        markClosed();
        runCloseHooks();
        observer.emit(CLOSE);
    }

    public void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("Producer closed");
        }
    }

    /** mediasoup's {@code getStats()}: inbound-rtp per stream that has received RTP. */
    public List<RtpStreamRecvStats> getStats(long nowMs) {
        assertOpen();
        return streams.stats(nowMs);
    }

    /** One encoding's inbound-rtp stats (null before it has received RTP): what a layered consumer reports. */
    public RtpStreamRecvStats getStreamStats(int encodingIndex, long nowMs) {
        assertOpen();
        return streams.stats(encodingIndex, nowMs);
    }

    /** mediasoup's dump shape, with the parameters as the worker reports them. */
    public Map<String, Object> dump() {
        assertOpen();
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("id", id());
        dump.put("kind", kind.value());
        dump.put("type", type.value());
        dump.put("rtpParameters", RtpParametersDump.of(rtpParameters));
        dump.put("rtpMapping", rtpMapping);
        dump.put("rtpStreams", streams.dump());
        dump.put("traceEventTypes", traces.names());
        dump.put("paused", paused);
        return dump;
    }

    static int internalId(String uri) {
        return switch (uri) {
            case RtpExtensionIds.URI_MID -> RtpExtensionIds.MID;
            case RtpExtensionIds.URI_RID -> RtpExtensionIds.RID;
            case RtpExtensionIds.URI_REPAIRED_RID -> RtpExtensionIds.REPAIRED_RID;
            case RtpExtensionIds.URI_ABS_SEND_TIME -> RtpExtensionIds.ABS_SEND_TIME;
            case RtpExtensionIds.URI_TRANSPORT_WIDE_CC -> RtpExtensionIds.TRANSPORT_WIDE_CC;
            case RtpExtensionIds.URI_FRAME_MARKING_07 -> RtpExtensionIds.FRAME_MARKING_07;
            case RtpExtensionIds.URI_FRAME_MARKING -> RtpExtensionIds.FRAME_MARKING;
            case RtpExtensionIds.URI_AUDIO_LEVEL -> RtpExtensionIds.AUDIO_LEVEL;
            case RtpExtensionIds.URI_VIDEO_ORIENTATION -> RtpExtensionIds.VIDEO_ORIENTATION;
            case RtpExtensionIds.URI_TOFFSET -> RtpExtensionIds.TOFFSET;
            case RtpExtensionIds.URI_ABS_CAPTURE_TIME -> RtpExtensionIds.ABS_CAPTURE_TIME;
            case RtpExtensionIds.URI_PLAYOUT_DELAY -> RtpExtensionIds.PLAYOUT_DELAY;
            default -> 0;
        };
    }

    static boolean hasFeedback(RtpCodecParameters codec, String type, String parameter) {
        if (codec.rtcpFeedback() == null) {
            return false;
        }
        for (RtcpFeedback fb : codec.rtcpFeedback()) {
            String p = fb.parameter() == null ? "" : fb.parameter();
            if (type.equals(fb.type()) && parameter.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
