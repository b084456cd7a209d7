package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A certificate fingerprint: hash algorithm and colon-separated hex value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DtlsFingerprint(FingerprintAlgorithm algorithm, String value) {}
