package io.tributary.worker.dtls;

import java.util.List;

import io.tributary.worker.errors.TypeError;

/** mediasoup's {@code dtlsParameters}: a role and at least one certificate fingerprint. */
public record DtlsParameters(DtlsRole role, List<DtlsFingerprint> fingerprints) {

    public DtlsParameters {
        if (role == null) {
            throw new TypeError("missing dtlsParameters.role");
        }
        if (fingerprints == null || fingerprints.isEmpty()) {
            throw new TypeError("empty dtlsParameters.fingerprints array");
        }
        fingerprints = List.copyOf(fingerprints);
    }
}
