package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Codecs and header extensions an endpoint supports (router, device or mediasoup itself). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpCapabilities(List<RtpCodecCapability> codecs, List<RtpHeaderExtension> headerExtensions) {

    public RtpCapabilities {
        codecs = Lists.copyOrNull(codecs);
        headerExtensions = Lists.copyOrNull(headerExtensions);
    }

    public List<RtpCodecCapability> codecsOrEmpty() {
        return Lists.orEmpty(codecs);
    }

    public List<RtpHeaderExtension> headerExtensionsOrEmpty() {
        return Lists.orEmpty(headerExtensions);
    }
}
