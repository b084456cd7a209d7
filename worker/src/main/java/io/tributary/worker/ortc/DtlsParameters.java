package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** DTLS role and certificate fingerprints of one side of a WebRTC transport. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DtlsParameters(DtlsRole role, List<DtlsFingerprint> fingerprints) {

    public DtlsParameters {
        fingerprints = List.copyOf(fingerprints);
    }

    public DtlsParameters withRole(DtlsRole newRole) {
        return new DtlsParameters(newRole, fingerprints);
    }
}
