package io.tributary.worker.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.tributary.worker.errors.TypeError;

/**
 * A certificate fingerprint as in SDP {@code a=fingerprint} (RFC 8122): hash algorithm name and
 * uppercase colon-separated hex, e.g. {@code sha-256 82:5A:…}.
 */
public record DtlsFingerprint(String algorithm, String value) {

    /** Known algorithms, weakest first (RFC 8122 says to verify with the strongest one offered). */
    static final List<String> BY_STRENGTH = List.of("sha-1", "sha-224", "sha-256", "sha-384", "sha-512");

    /** Order of the local list: mediasoup-client only uses the last entry, so sha-256 goes last. */
    static final List<String> PUBLISHED_ORDER = List.of("sha-1", "sha-224", "sha-384", "sha-512", "sha-256");

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public DtlsFingerprint {
        if (algorithm == null || !BY_STRENGTH.contains(algorithm)) {
            throw new TypeError("invalid fingerprint algorithm: " + algorithm);
        }
        if (value == null || value.isBlank()) {
            throw new TypeError("missing fingerprint value");
        }
    }

    /** Fingerprint of a DER certificate with the given algorithm. */
    public static DtlsFingerprint of(String algorithm, byte[] certificateDer) {
        if (!BY_STRENGTH.contains(algorithm)) {
            throw new TypeError("invalid fingerprint algorithm: " + algorithm);
        }
        return new DtlsFingerprint(algorithm, HEX.formatHex(digest(algorithm, certificateDer)));
    }

    /** True when this fingerprint describes the DER certificate (hex case and surrounding space ignored). */
    public boolean matches(byte[] certificateDer) {
        return of(algorithm, certificateDer).value.equalsIgnoreCase(value.strip());
    }

    int strength() {
        return BY_STRENGTH.indexOf(algorithm);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }
}
