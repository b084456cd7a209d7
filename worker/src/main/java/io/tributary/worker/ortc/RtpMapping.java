package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How the worker rewrites a producer's packets into router terms: its payload types to the
 * router's, and each encoding (found by ssrc or rid) to a fresh {@code mappedSsrc}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpMapping(List<CodecMapping> codecs, List<EncodingMapping> encodings) {

    public RtpMapping {
        codecs = List.copyOf(codecs);
        encodings = List.copyOf(encodings);
    }

    /** Producer payload type → router payload type. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CodecMapping(int payloadType, int mappedPayloadType) {}

    /** A producer encoding (as identified on the wire) and the SSRC it gets inside the router. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EncodingMapping(Long ssrc, String rid, String scalabilityMode, long mappedSsrc) {}
}
