package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A codec negotiated in RTP parameters, identified on the wire by its payload type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpCodecParameters(
        String mimeType,
        int payloadType,
        int clockRate,
        Integer channels,
        ParameterMap parameters,
        List<RtcpFeedback> rtcpFeedback)
        implements RtpCodec {

    public RtpCodecParameters {
        rtcpFeedback = Lists.copyOrNull(rtcpFeedback);
    }

    public RtpCodecParameters withParameters(ParameterMap newParameters) {
        return new RtpCodecParameters(mimeType, payloadType, clockRate, channels, newParameters, rtcpFeedback);
    }

    public RtpCodecParameters withRtcpFeedback(List<RtcpFeedback> feedback) {
        return new RtpCodecParameters(mimeType, payloadType, clockRate, channels, parameters, feedback);
    }
}
