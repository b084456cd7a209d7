package io.tributary.worker.producer;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtcpFeedback;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpHeaderExtensionParameters;
import io.tributary.worker.ortc.RtpMapping;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.RtpParametersDump;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;
import java.util.Arrays;
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

    /** Extensions a producer keeps (as mediasoup's worker); the rest are blanked to padding. */
    private static final List<String> KEPT_AUDIO = List.of(RtpExtensionIds.URI_MID, RtpExtensionIds.URI_ABS_CAPTURE_TIME,
            RtpExtensionIds.URI_PLAYOUT_DELAY, RtpExtensionIds.URI_AUDIO_LEVEL);
    private static final List<String> KEPT_VIDEO = List.of(RtpExtensionIds.URI_MID, RtpExtensionIds.URI_ABS_CAPTURE_TIME,
            RtpExtensionIds.URI_PLAYOUT_DELAY, RtpExtensionIds.URI_FRAME_MARKING_07, RtpExtensionIds.URI_FRAME_MARKING,
            RtpExtensionIds.URI_VIDEO_ORIENTATION, RtpExtensionIds.URI_TOFFSET);
    private static final long KEY_FRAME_REQUEST_INTERVAL_MS = 1000;

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
    private final ProducerStreams streams;
    private final KeyFrameDetector keyFrames;
    private final byte[] extensionIdMap = new byte[256];
    private final int[] mappedPayloadTypes = new int[128];
    private final boolean usePli;
    private final byte[] rtcpScratch = new byte[64];
    private final int midId;
    private final int ridId;
    private final int rridId;
    private RtpSink sink = (p, packet, idx, key, now) -> { };
    private RtcpSender rtcpSender = (buf, off, len) -> { };
    private boolean paused;
    private int firSequenceNumber;

    public Producer(String id, MediaKind kind, RtpParameters rtpParameters, RtpParameters consumableRtpParameters,
                    RtpMapping rtpMapping, boolean paused, Map<String, Object> appData) {
        super(id, appData);
        this.kind = kind;
        this.rtpParameters = rtpParameters;
        this.consumableRtpParameters = consumableRtpParameters;
        this.rtpMapping = rtpMapping;
        this.type = ProducerType.of(rtpParameters);
        this.paused = paused;
        RtpCodecParameters media = rtpParameters.codecsOrEmpty().get(0);
        this.keyFrames = kind == MediaKind.VIDEO ? KeyFrameDetector.forMimeType(media.mimeType()) : KeyFrameDetector.NEVER;
        this.usePli = hasFeedback(media, "nack", "pli");
        this.streams = new ProducerStreams(rtpParameters, rtpMapping);
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

    /** Wiring by the transport and router, on the worker loop. */
    public void attach(RtpSink rtpSink, RtcpSender sender) {
        this.sink = rtpSink;
        this.rtcpSender = sender;
    }

    /**
     * An RTP packet the transport's listener routed here, already decrypted. Learns the SSRC of a
     * RID-only encoding, repairs RTX into the original, maps it to the router's space and forwards it.
     */
    public void receiveRtp(RtpPacket packet, long nowMs) {
        if (closed()) {
            return;
        }
        int index = streams.encodingOf(packet, ridId, rridId);
        if (index < 0) {
            return;
        }
        ProducerStreams.Stream stream = streams.stream(index);
        if (packet.ssrc() == stream.rtxSsrc) {
            if (!repairRtx(packet, stream)) {
                return;
            }
        }
        stream.onPacket(packet, nowMs);
        if (paused) {
            return;
        }
        int mappedPt = mappedPayloadTypes[packet.payloadType() & 0x7f];
        if (mappedPt < 0) {
            stream.discarded++;
            return;
        }
        boolean keyFrame = keyFrames.isKeyFrame(packet);
        if (keyFrame) {
            stream.keyFrameReceived();
        }
        packet.setPayloadType(mappedPt);
        packet.setSsrc((int) stream.mappedSsrc);
        packet.rewriteExtensionIds(extensionIdMap);
        sink.onProducerRtp(this, packet, index, keyFrame, nowMs);
    }

    /** RTX arrives with its own SSRC/PT/seq and the original seq first in the payload: restore the original. */
    private boolean repairRtx(RtpPacket packet, ProducerStreams.Stream stream) {
        if (packet.payloadLength() <= RtxCodec.OSN_LENGTH) {
            return false;
        }
        int len = RtxCodec.decode(packet, packet.buffer(), packet.offset(), stream.payloadType, stream.ssrc);
        if (len < 0 || !packet.wrap(packet.buffer(), packet.offset(), len)) {
            return false;
        }
        stream.repaired++;
        return true;
    }

    /**
     * Asks the sender for a key frame of the encoding with router-space SSRC {@code mappedSsrc}: PLI when
     * negotiated, else FIR, at most once a second per encoding unless one arrived in between.
     */
    public void requestKeyFrame(long mappedSsrc, long nowMs) {
        if (closed() || paused || kind != MediaKind.VIDEO) {
            return;
        }
        ProducerStreams.Stream stream = streams.byMappedSsrc(mappedSsrc);
        if (stream == null || stream.ssrc == 0 || !stream.mayRequestKeyFrame(nowMs, KEY_FRAME_REQUEST_INTERVAL_MS)) {
            return;
        }
        int len;
        if (usePli) {
            len = PliPacket.write(rtcpScratch, 0, stream.ssrc, stream.ssrc);
            stream.pliCount++;
        } else {
            len = FirPacket.write(rtcpScratch, 0, stream.ssrc, stream.ssrc, stream.ssrc, firSequenceNumber++ & 0xff);
            stream.firCount++;
        }
        if (len > 0) {
            rtcpSender.sendRtcp(rtcpScratch, 0, len);
        }
    }

    /** Every encoding's router-space SSRC, lowest spatial layer first. */
    public long mappedSsrc(int encodingIndex) {
        return streams.stream(encodingIndex).mappedSsrc;
    }

    public int encodingCount() {
        return streams.size();
    }

    /** Observer {@code pause} fires only on a real change; a closed producer rejects the call. */
    public void pause() {
        assertOpen();
        if (!paused) {
            paused = true;
            observer.emit(PAUSE);
        }
    }

    public void resume() {
        assertOpen();
        if (paused) {
            paused = false;
            observer.emit(RESUME);
        }
    }

    public void close() {
        if (closed()) {
            return;
        }
        closeInternal();
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
    public List<Map<String, Object>> getStats(long nowMs) {
        assertOpen();
        return streams.stats(kind, nowMs);
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
        dump.put("traceEventTypes", List.of());
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
