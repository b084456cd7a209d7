package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A header extension in use within RTP parameters: its URI and the id it has on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpHeaderExtensionParameters(String uri, int id, Boolean encrypt, ParameterMap parameters) {

    /** The normalized form mediasoup produces: not encrypted, no parameters. */
    public static RtpHeaderExtensionParameters of(String uri, int id) {
        return new RtpHeaderExtensionParameters(uri, id, false, ParameterMap.EMPTY);
    }
}
