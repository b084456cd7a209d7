package io.tributary.worker.producer;

import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpMapping;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.rtp.RtpPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The incoming streams of a producer, one per encoding: which SSRC (and RTX SSRC) each has, learned
 * from the RID/RRID extensions when the sender did not signal SSRCs, and what each has received.
 */
final class ProducerStreams {

    /** Silence longer than this makes a stream inactive (score 0), as mediasoup's worker. */
    private static final long INACTIVITY_MS = 1500;

    static final class Stream {
        final int index;
        final String rid;
        final byte[] ridBytes;
        final long mappedSsrc;
        final int payloadType;
        final int rtxPayloadType;
        final int clockRate;
        final String mimeType;
        int ssrc;
        int rtxSsrc;
        long packetCount;
        long byteCount;
        long discarded;
        long repaired;
        long pliCount;
        long firCount;
        long lastPacketMs = -1;
        private long lastKeyFrameRequestMs = Long.MIN_VALUE;
        private boolean keyFrameSinceRequest = true;

        Stream(int index, RtpEncodingParameters encoding, long mappedSsrc, RtpCodecParameters media, int rtxPayloadType) {
            this.index = index;
            this.rid = encoding.rid();
            this.ridBytes = rid == null ? null : rid.getBytes(StandardCharsets.US_ASCII);
            this.mappedSsrc = mappedSsrc;
            this.payloadType = media.payloadType();
            this.rtxPayloadType = rtxPayloadType;
            this.clockRate = media.clockRate();
            this.mimeType = media.mimeType();
            this.ssrc = encoding.ssrc() != null ? encoding.ssrc().intValue() : 0;
            this.rtxSsrc = encoding.rtx() != null ? (int) encoding.rtx().ssrc() : 0;
        }

        void onPacket(RtpPacket packet, long nowMs) {
            packetCount++;
            byteCount += packet.length();
            lastPacketMs = nowMs;
        }

        void keyFrameReceived() {
            keyFrameSinceRequest = true;
        }

        /** A request goes out if none did within the interval, or a key frame came since the last one. */
        boolean mayRequestKeyFrame(long nowMs, long intervalMs) {
            if (!keyFrameSinceRequest && nowMs - lastKeyFrameRequestMs < intervalMs) {
                return false;
            }
            lastKeyFrameRequestMs = nowMs;
            keyFrameSinceRequest = false;
            return true;
        }

        boolean active(long nowMs) {
            return lastPacketMs >= 0 && nowMs - lastPacketMs <= INACTIVITY_MS;
        }
    }

    private final Stream[] streams;

    ProducerStreams(RtpParameters params, RtpMapping mapping) {
        RtpCodecParameters media = params.codecsOrEmpty().get(0);
        int rtxPt = -1;
        for (RtpCodecParameters codec : params.codecsOrEmpty()) {
            if (codec.mimeType().toLowerCase(Locale.ROOT).endsWith("/rtx")
                    && codec.parameters() != null && Integer.valueOf(media.payloadType()).equals(intParam(codec, "apt"))) {
                rtxPt = codec.payloadType();
            }
        }
        List<RtpEncodingParameters> encodings = params.encodingsOrEmpty();
        streams = new Stream[encodings.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new Stream(i, encodings.get(i), mapping.encodings().get(i).mappedSsrc(), media, rtxPt);
        }
    }

    private static Integer intParam(RtpCodecParameters codec, String key) {
        Object v = codec.parameters().get(key);
        return v instanceof Number n ? n.intValue() : null;
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

    /**
     * The encoding a packet belongs to, learning SSRCs on the way (mediasoup's GetRtpStream): a known
     * SSRC or RTX SSRC; else the RID or repaired RID extension; else, for a single encoding signalled by
     * MID only, the media or RTX payload type. -1 when the packet fits no encoding.
     */
    int encodingOf(RtpPacket packet, int ridId, int rridId) {
        int ssrc = packet.ssrc();
        for (Stream s : streams) {
            if ((s.ssrc == ssrc && s.ssrc != 0) || (s.rtxSsrc == ssrc && s.rtxSsrc != 0)) {
                return s.index;
            }
        }
        for (Stream s : streams) {
            if (s.ridBytes == null) {
                continue;
            }
            if (ridId != 0 && s.ssrc == 0 && packet.extensionEquals(ridId, s.ridBytes)) {
                s.ssrc = ssrc;
                return s.index;
            }
            if (rridId != 0 && s.rtxSsrc == 0 && packet.extensionEquals(rridId, s.ridBytes)) {
                s.rtxSsrc = ssrc;
                return s.index;
            }
        }
        if (streams.length == 1 && streams[0].rid == null) {
            Stream s = streams[0];
            int pt = packet.payloadType();
            if (s.ssrc == 0 && pt == s.payloadType) {
                s.ssrc = ssrc;
                return 0;
            }
            if (s.rtxSsrc == 0 && pt == s.rtxPayloadType) {
                s.rtxSsrc = ssrc;
                return 0;
            }
        }
        return -1;
    }

    List<ProducerScore> scores() {
        long now = System.currentTimeMillis();
        List<ProducerScore> scores = new ArrayList<>();
        for (Stream s : streams) {
            if (s.lastPacketMs >= 0) {
                scores.add(new ProducerScore(s.index, s.ssrc & 0xffffffffL, s.rid, s.active(now) ? 10 : 0));
            }
        }
        return scores;
    }

    List<Map<String, Object>> stats(MediaKind kind, long nowMs) {
        List<Map<String, Object>> stats = new ArrayList<>();
        for (Stream s : streams) {
            if (s.lastPacketMs < 0) {
                continue;
            }
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("type", "inbound-rtp");
            st.put("timestamp", nowMs);
            st.put("ssrc", s.ssrc & 0xffffffffL);
            if (s.rtxSsrc != 0) {
                st.put("rtxSsrc", s.rtxSsrc & 0xffffffffL);
            }
            if (s.rid != null) {
                st.put("rid", s.rid);
            }
            st.put("kind", kind.value());
            st.put("mimeType", s.mimeType);
            st.put("packetsLost", 0);
            st.put("fractionLost", 0);
            st.put("packetsDiscarded", s.discarded);
            st.put("packetsRetransmitted", 0);
            st.put("packetsRepaired", s.repaired);
            st.put("nackCount", 0);
            st.put("nackPacketCount", 0);
            st.put("pliCount", s.pliCount);
            st.put("firCount", s.firCount);
            st.put("score", s.active(nowMs) ? 10 : 0);
            st.put("jitter", 0);
            st.put("packetCount", s.packetCount);
            st.put("byteCount", s.byteCount);
            st.put("bitrate", 0);
            st.put("bitrateByLayer", Map.of());
            stats.add(st);
        }
        return stats;
    }

    List<Map<String, Object>> dump() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Stream s : streams) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("encodingIdx", s.index);
            params.put("ssrc", s.ssrc & 0xffffffffL);
            params.put("payloadType", s.payloadType);
            params.put("mimeType", s.mimeType);
            params.put("clockRate", s.clockRate);
            if (s.rid != null) {
                params.put("rid", s.rid);
            }
            if (s.rtxSsrc != 0) {
                params.put("rtxSsrc", s.rtxSsrc & 0xffffffffL);
                params.put("rtxPayloadType", s.rtxPayloadType);
            }
            list.add(Map.of("params", params));
        }
        return list;
    }
}
