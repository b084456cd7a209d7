package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** RTCP settings of an RTP stream set; {@code mux} only appears in mediasoup-client's JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtcpParameters(String cname, Boolean reducedSize, Boolean mux) {

    /** What consumable and consumer parameters carry: the CNAME with reduced-size RTCP. */
    public static RtcpParameters of(String cname) {
        return new RtcpParameters(cname, true, null);
    }
}
