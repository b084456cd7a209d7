package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.MediaKind.AUDIO;
import static io.tributary.worker.ortc.MediaKind.VIDEO;
import static io.tributary.worker.ortc.RtpHeaderExtensionDirection.RECVONLY;
import static io.tributary.worker.ortc.RtpHeaderExtensionDirection.SENDRECV;

import java.util.List;

/**
 * Everything mediasoup 3.14 can route, already normalized (kind, channels, parameters, feedback
 * parameters), in mediasoup's order. Only PCMU, PCMA, G722 and CN have a static payload type.
 * The header extension ids double as the worker's internal extension numbering.
 */
final class SupportedRtpCapabilities {

    static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    static final String TRANSPORT_WIDE_CC_01 =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    static final String FRAME_MARKING_07 = "http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07";
    static final String FRAME_MARKING = "urn:ietf:params:rtp-hdrext:framemarking";
    static final String SSRC_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";
    static final String TOFFSET = "urn:ietf:params:rtp-hdrext:toffset";
    static final String ABS_CAPTURE_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time";
    static final String PLAYOUT_DELAY = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    private static final List<RtcpFeedback> AUDIO_FEEDBACK =
            List.of(RtcpFeedback.of("nack"), RtcpFeedback.of("transport-cc"));
    private static final List<RtcpFeedback> TWCC_ONLY = List.of(RtcpFeedback.of("transport-cc"));
    private static final List<RtcpFeedback> VIDEO_FEEDBACK = List.of(
            RtcpFeedback.of("nack"),
            RtcpFeedback.of("nack", "pli"),
            RtcpFeedback.of("ccm", "fir"),
            RtcpFeedback.of("goog-remb"),
            RtcpFeedback.of("transport-cc"));
    private static final ParameterMap LEVEL_ASYMMETRY = ParameterMap.of("level-asymmetry-allowed", 1);

    static final RtpCapabilities CAPABILITIES = new RtpCapabilities(
            List.of(
                    audio("audio/opus", null, 48000, 2, ParameterMap.EMPTY, AUDIO_FEEDBACK),
                    multiopus(4, "0,1,2,3", 2, 2),
                    multiopus(6, "0,4,1,2,3,5", 4, 2),
                    multiopus(8, "0,6,1,2,3,4,5,7", 5, 3),
                    audio("audio/PCMU", 0, 8000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/PCMA", 8, 8000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/ISAC", null, 32000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/ISAC", null, 16000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/G722", 9, 8000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/iLBC", null, 8000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/SILK", null, 24000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/SILK", null, 16000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/SILK", null, 12000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/SILK", null, 8000, 1, ParameterMap.EMPTY, TWCC_ONLY),
                    audio("audio/CN", 13, 32000, 1, ParameterMap.EMPTY, List.of()),
                    audio("audio/CN", 13, 16000, 1, ParameterMap.EMPTY, List.of()),
                    audio("audio/CN", 13, 8000, 1, ParameterMap.EMPTY, List.of()),
                    audio("audio/telephone-event", null, 48000, 1, ParameterMap.EMPTY, List.of()),
                    audio("audio/telephone-event", null, 32000, 1, ParameterMap.EMPTY, List.of()),
                    audio("audio/telephone-event", null, 16000, 1, ParameterMap.EMPTY, List.of()),
                    audio("audio/telephone-event", null, 8000, 1, ParameterMap.EMPTY, List.of()),
                    video("video/VP8", ParameterMap.EMPTY),
                    video("video/VP9", ParameterMap.EMPTY),
                    video("video/H264", LEVEL_ASYMMETRY),
                    video("video/H264-SVC", LEVEL_ASYMMETRY),
                    video("video/H265", LEVEL_ASYMMETRY)),
            List.of(
                    extension(AUDIO, MID, 1, SENDRECV),
                    extension(VIDEO, MID, 1, SENDRECV),
                    extension(VIDEO, RTP_STREAM_ID, 2, RECVONLY),
                    extension(VIDEO, REPAIRED_RTP_STREAM_ID, 3, RECVONLY),
                    extension(AUDIO, ABS_SEND_TIME, 4, SENDRECV),
                    extension(VIDEO, ABS_SEND_TIME, 4, SENDRECV),
                    // Audio only gets transport-cc on the receiving side.
                    extension(AUDIO, TRANSPORT_WIDE_CC_01, 5, RECVONLY),
                    extension(VIDEO, TRANSPORT_WIDE_CC_01, 5, SENDRECV),
                    extension(VIDEO, FRAME_MARKING_07, 6, SENDRECV),
                    extension(VIDEO, FRAME_MARKING, 7, SENDRECV),
                    extension(AUDIO, SSRC_AUDIO_LEVEL, 10, SENDRECV),
                    extension(VIDEO, VIDEO_ORIENTATION, 11, SENDRECV),
                    extension(VIDEO, TOFFSET, 12, SENDRECV),
                    extension(AUDIO, ABS_CAPTURE_TIME, 13, SENDRECV),
                    extension(VIDEO, ABS_CAPTURE_TIME, 13, SENDRECV),
                    extension(AUDIO, PLAYOUT_DELAY, 14, SENDRECV),
                    extension(VIDEO, PLAYOUT_DELAY, 14, SENDRECV)));

    private SupportedRtpCapabilities() {}

    private static RtpCodecCapability audio(
            String mimeType, Integer pt, int clockRate, int channels, ParameterMap params, List<RtcpFeedback> fb) {
        return new RtpCodecCapability(AUDIO, mimeType, pt, clockRate, channels, params, fb);
    }

    private static RtpCodecCapability multiopus(int channels, String mapping, int streams, int coupled) {
        ParameterMap params =
                ParameterMap.of("channel_mapping", mapping, "num_streams", streams, "coupled_streams", coupled);
        return audio("audio/multiopus", null, 48000, channels, params, AUDIO_FEEDBACK);
    }

    private static RtpCodecCapability video(String mimeType, ParameterMap params) {
        return new RtpCodecCapability(VIDEO, mimeType, null, 90000, null, params, VIDEO_FEEDBACK);
    }

    private static RtpHeaderExtension extension(
            MediaKind kind, String uri, int id, RtpHeaderExtensionDirection direction) {
        return new RtpHeaderExtension(kind, uri, id, false, direction);
    }
}
