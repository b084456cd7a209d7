package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A codec an endpoint can send or receive (router, device or supported capabilities). Validated
 * instances always carry {@code kind}, {@code parameters} and {@code rtcpFeedback}, and
 * {@code channels} exactly for audio.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpCodecCapability(
        MediaKind kind,
        String mimeType,
        Integer preferredPayloadType,
        int clockRate,
        Integer channels,
        ParameterMap parameters,
        List<RtcpFeedback> rtcpFeedback)
        implements RtpCodec {

    public RtpCodecCapability {
        rtcpFeedback = Lists.copyOrNull(rtcpFeedback);
    }

    public RtpCodecCapability withPreferredPayloadType(Integer payloadType) {
        return new RtpCodecCapability(kind, mimeType, payloadType, clockRate, channels, parameters, rtcpFeedback);
    }

    public RtpCodecCapability withParameters(ParameterMap newParameters) {
        return new RtpCodecCapability(kind, mimeType, preferredPayloadType, clockRate, channels, newParameters, rtcpFeedback);
    }

    public RtpCodecCapability withRtcpFeedback(List<RtcpFeedback> feedback) {
        return new RtpCodecCapability(kind, mimeType, preferredPayloadType, clockRate, channels, parameters, feedback);
    }
}
