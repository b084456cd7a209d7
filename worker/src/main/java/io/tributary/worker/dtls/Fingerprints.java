package io.tributary.worker.dtls;

import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.FingerprintAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Certificate fingerprints as in SDP {@code a=fingerprint} (RFC 8122): uppercase hex with colons. */
final class Fingerprints {

    /** Order of the local list: mediasoup-client only uses the last entry, so sha-256 goes last. */
    static final List<FingerprintAlgorithm> PUBLISHED_ORDER = List.of(FingerprintAlgorithm.SHA_1,
            FingerprintAlgorithm.SHA_224, FingerprintAlgorithm.SHA_384, FingerprintAlgorithm.SHA_512,
            FingerprintAlgorithm.SHA_256);

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprints() {
    }

    static DtlsFingerprint of(FingerprintAlgorithm algorithm, byte[] certificateDer) {
        return new DtlsFingerprint(algorithm, HEX.formatHex(digest(algorithm, certificateDer)));
    }

    /** True when the fingerprint describes the DER certificate (hex case and surrounding space ignored). */
    static boolean matches(DtlsFingerprint fingerprint, byte[] certificateDer) {
        return fingerprint.algorithm() != null && fingerprint.value() != null
                && of(fingerprint.algorithm(), certificateDer).value().equalsIgnoreCase(fingerprint.value().strip());
    }

    /** Hash strength rank: the enum lists algorithms weakest first. */
    static int strength(DtlsFingerprint fingerprint) {
        return fingerprint.algorithm() == null ? -1 : fingerprint.algorithm().ordinal();
    }

    private static byte[] digest(FingerprintAlgorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.value().toUpperCase(Locale.ROOT)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }
}
