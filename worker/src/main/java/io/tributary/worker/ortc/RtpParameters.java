package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What a producer sends or a consumer receives: codecs, extensions, encodings and RTCP. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpParameters(
        String mid,
        List<RtpCodecParameters> codecs,
        List<RtpHeaderExtensionParameters> headerExtensions,
        List<RtpEncodingParameters> encodings,
        RtcpParameters rtcp) {

    public RtpParameters {
        codecs = Lists.copyOrNull(codecs);
        headerExtensions = Lists.copyOrNull(headerExtensions);
        encodings = Lists.copyOrNull(encodings);
    }

    public List<RtpCodecParameters> codecsOrEmpty() {
        return Lists.orEmpty(codecs);
    }

    public List<RtpHeaderExtensionParameters> headerExtensionsOrEmpty() {
        return Lists.orEmpty(headerExtensions);
    }

    public List<RtpEncodingParameters> encodingsOrEmpty() {
        return Lists.orEmpty(encodings);
    }

    public RtpParameters withMid(String newMid) {
        return new RtpParameters(newMid, codecs, headerExtensions, encodings, rtcp);
    }

    public RtpParameters withCodecs(List<RtpCodecParameters> newCodecs) {
        return new RtpParameters(mid, newCodecs, headerExtensions, encodings, rtcp);
    }

    public RtpParameters withEncodings(List<RtpEncodingParameters> newEncodings) {
        return new RtpParameters(mid, codecs, headerExtensions, newEncodings, rtcp);
    }

    public RtpParameters withRtcp(RtcpParameters newRtcp) {
        return new RtpParameters(mid, codecs, headerExtensions, encodings, newRtcp);
    }
}
