package io.tributary.worker.producer;

import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpMapping;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.ScalabilityMode;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.PacketInspector;
import io.tributary.worker.rtp.stream.RtpStreamParams;
import io.tributary.worker.rtp.stream.RtpStreamRecv;
import io.tributary.worker.rtp.stream.RtpStreamRecvStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The incoming streams of a producer, one per encoding: which SSRC (and RTX SSRC) each has, learned
 * from the RID/RRID extensions when the sender did not signal SSRCs, and its {@link RtpStreamRecv}
 * (loss, jitter, NACK, score), created once the media SSRC is known.
 */
final class ProducerStreams {

    /** mediasoup delays NACKs toward producers a little, so reordering does not cause needless ones. */
    private static final int SEND_NACK_DELAY_MS = 10;

    static final class Stream {
        final int index;
        final String rid;
        final byte[] ridBytes;
        final long mappedSsrc;
        final int payloadType;
        final int rtxPayloadType;
        int ssrc;
        int rtxSsrc;
        RtpStreamRecv recv;
        /** -1 until the first request. */
        private long lastKeyFrameRequestMs = -1;
        private boolean keyFrameRequestDeferred;

        Stream(int index, RtpEncodingParameters encoding, long mappedSsrc, int payloadType, int rtxPayloadType) {
            this.index = index;
            this.rid = encoding.rid();
            this.ridBytes = rid == null ? null : rid.getBytes(StandardCharsets.US_ASCII);
            this.mappedSsrc = mappedSsrc;
            this.payloadType = payloadType;
            this.rtxPayloadType = rtxPayloadType;
            this.ssrc = encoding.ssrc() != null ? encoding.ssrc().intValue() : 0;
            this.rtxSsrc = encoding.rtx() != null ? (int) encoding.rtx().ssrc() : 0;
        }

        /**
         * At most one request a second reaches the sender (the SFU's promise to producers); a request
         * inside that second is deferred and sent when it ends.
         */
        boolean mayRequestKeyFrame(long nowMs, long intervalMs) {
            if (lastKeyFrameRequestMs >= 0 && nowMs - lastKeyFrameRequestMs < intervalMs) {
                keyFrameRequestDeferred = true;
                return false;
            }
            lastKeyFrameRequestMs = nowMs;
            keyFrameRequestDeferred = false;
            return true;
        }

        boolean deferredRequestDue(long nowMs, long intervalMs) {
            return keyFrameRequestDeferred && nowMs - lastKeyFrameRequestMs >= intervalMs;
        }
    }

    private final Stream[] streams;
    private final RtpCodecParameters media;
    private final MediaKind kind;
    private final String cname;
    private final ScalabilityMode layers;
    private final boolean inactivityCheck;
    private final RtpStreamRecv.Listener listener;

    ProducerStreams(MediaKind kind, RtpParameters params, RtpMapping mapping, RtpStreamRecv.Listener listener) {
        this.kind = kind;
        this.media = params.codecsOrEmpty().get(0);
        this.cname = params.rtcp() != null ? params.rtcp().cname() : null;
        this.listener = listener;
        int rtxPt = -1;
        for (RtpCodecParameters codec : params.codecsOrEmpty()) {
            Object apt = codec.parameters() == null ? null : codec.parameters().get("apt");
            if (codec.mimeType().toLowerCase(Locale.ROOT).endsWith("/rtx") && apt instanceof Number n
                    && n.intValue() == media.payloadType()) {
                rtxPt = codec.payloadType();
            }
        }
        List<RtpEncodingParameters> encodings = params.encodingsOrEmpty();
        this.layers = ScalabilityMode.parse(encodings.get(0).scalabilityMode());
        this.inactivityCheck = encodings.size() > 1;
        streams = new Stream[encodings.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new Stream(i, encodings.get(i), mapping.encodings().get(i).mappedSsrc(), media.payloadType(), rtxPt);
        }
    }

    int size() {
        return streams.length;
    }

    Stream stream(int index) {
        return streams[index];
    }

    Stream byMappedSsrc(long mappedSsrc) {
        for (Stream s : streams) {
            if (s.mappedSsrc == mappedSsrc) {
                return s;
            }
        }
        return null;
    }

    Stream bySsrc(int ssrc) {
        for (Stream s : streams) {
            if (s.recv != null && s.ssrc == ssrc) {
                return s;
            }
        }
        return null;
    }

    /**
     * The encoding a packet belongs to, learning SSRCs on the way (mediasoup's GetRtpStream): a known
     * SSRC or RTX SSRC; else the RID or repaired RID extension; else, for a single encoding signalled by
     * MID only, the media or RTX payload type. -1 when the packet fits no encoding.
     */
    int encodingOf(RtpPacket packet, int ridId, int rridId, long nowMs) {
        int ssrc = packet.ssrc();
        for (Stream s : streams) {
            if (s.recv != null && (s.ssrc == ssrc || (s.rtxSsrc == ssrc && s.rtxSsrc != 0))) {
                return s.index;
            }
        }
        for (Stream s : streams) {
            if (s.recv == null && s.ssrc == ssrc && s.ssrc != 0) {
                return learn(s, nowMs);
            }
            if (s.ridBytes != null && ridId != 0 && s.recv == null && packet.extensionEquals(ridId, s.ridBytes)) {
                s.ssrc = ssrc;
                return learn(s, nowMs);
            }
            if (s.ridBytes != null && rridId != 0 && s.rtxSsrc == 0 && packet.extensionEquals(rridId, s.ridBytes)) {
                s.rtxSsrc = ssrc;
                return s.recv != null ? s.index : -1;
            }
        }
        if (streams.length == 1 && streams[0].rid == null) {
            Stream s = streams[0];
            int pt = packet.payloadType();
            if (s.recv == null && pt == s.payloadType) {
                s.ssrc = ssrc;
                return learn(s, nowMs);
            }
            if (s.rtxSsrc == 0 && pt == s.rtxPayloadType && s.recv != null) {
                s.rtxSsrc = ssrc;
                return 0;
            }
        }
        return -1;
    }

    /** The media SSRC is known: the stream starts counting (an RTX SSRC learned later keeps working by PT). */
    private int learn(Stream s, long nowMs) {
        boolean rtx = s.rtxPayloadType >= 0;
        RtpStreamParams params = new RtpStreamParams(s.index, s.ssrc & 0xffffffffL, media.payloadType(),
                media.mimeType(), media.clockRate(), s.rid, cname,
                rtx ? (long) s.rtxSsrc & 0xffffffffL : null, rtx ? s.rtxPayloadType : null,
                Producer.hasFeedback(media, "nack", ""), Producer.hasFeedback(media, "nack", "pli"),
                Producer.hasFeedback(media, "ccm", "fir"), useInBandFec(), false,
                streams.length > 1 ? 1 : layers.spatialLayers(), layers.temporalLayers());
        PacketInspector inspector = kind == MediaKind.VIDEO ? CodecInspector.forMimeType(media.mimeType()) : PacketInspector.NONE;
        s.recv = new RtpStreamRecv(params, listener, inspector, SEND_NACK_DELAY_MS, inactivityCheck, nowMs);
        return s.index;
    }

    private boolean useInBandFec() {
        Object fec = media.parameters() == null ? null : media.parameters().get("useinbandfec");
        return fec instanceof Number n && n.intValue() == 1;
    }

    void onTimer(long nowMs) {
        for (Stream s : streams) {
            if (s.recv != null) {
                s.recv.onTimer(nowMs);
            }
        }
    }

    List<ProducerScore> scores() {
        List<ProducerScore> scores = new ArrayList<>();
        for (Stream s : streams) {
            if (s.recv != null) {
                scores.add(new ProducerScore(s.index, s.ssrc & 0xffffffffL, s.rid, s.recv.score()));
            }
        }
        return scores;
    }

    List<RtpStreamRecvStats> stats(long nowMs) {
        List<RtpStreamRecvStats> stats = new ArrayList<>();
        for (Stream s : streams) {
            if (s.recv != null) {
                stats.add(s.recv.getStats(nowMs));
            }
        }
        return stats;
    }

    /** The inbound-rtp stats of one encoding, or null before it has received RTP. */
    RtpStreamRecvStats stats(int encodingIndex, long nowMs) {
        RtpStreamRecv recv = streams[encodingIndex].recv;
        return recv == null ? null : recv.getStats(nowMs);
    }

    List<Object> dump() {
        List<Object> list = new ArrayList<>();
        for (Stream s : streams) {
            if (s.recv != null) {
                list.add(s.recv.dump());
            }
        }
        return list;
    }
}
