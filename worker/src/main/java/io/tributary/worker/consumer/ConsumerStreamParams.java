package io.tributary.worker.consumer;

import io.tributary.worker.ortc.RtcpFeedback;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.ScalabilityMode;
import io.tributary.worker.rtp.stream.RtpStreamParams;
import java.util.Locale;

/** A send stream of a consumer, described from its negotiated RTP parameters and the encoding it sends. */
final class ConsumerStreamParams {

    private ConsumerStreamParams() {
    }

    static RtpStreamParams of(RtpParameters params, int encodingIdx) {
        RtpCodecParameters media = params.codecsOrEmpty().get(0);
        RtpEncodingParameters encoding = params.encodingsOrEmpty().get(encodingIdx);
        Integer rtxPt = null;
        for (RtpCodecParameters codec : params.codecsOrEmpty()) {
            Object apt = codec.parameters() == null ? null : codec.parameters().get("apt");
            if (codec.mimeType().toLowerCase(Locale.ROOT).endsWith("/rtx") && apt instanceof Number n
                    && n.intValue() == media.payloadType()) {
                rtxPt = codec.payloadType();
            }
        }
        Long rtxSsrc = encoding.rtx() != null && rtxPt != null ? encoding.rtx().ssrc() : null;
        ScalabilityMode mode = ScalabilityMode.parse(encoding.scalabilityMode());
        return new RtpStreamParams(encodingIdx, encoding.ssrc() == null ? 0 : encoding.ssrc(), media.payloadType(),
                media.mimeType(), media.clockRate(), null, params.rtcp() != null ? params.rtcp().cname() : null,
                rtxSsrc, rtxSsrc != null ? rtxPt : null,
                has(media, "nack", ""), has(media, "nack", "pli"), has(media, "ccm", "fir"), false, false,
                mode.spatialLayers(), mode.temporalLayers());
    }

    private static boolean has(RtpCodecParameters codec, String type, String parameter) {
        if (codec.rtcpFeedback() == null) {
            return false;
        }
        for (RtcpFeedback fb : codec.rtcpFeedback()) {
            if (type.equals(fb.type()) && parameter.equals(fb.parameter() == null ? "" : fb.parameter())) {
                return true;
            }
        }
        return false;
    }
}
