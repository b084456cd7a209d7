package io.tributary.worker.ice;

/** Outcome of {@link StunMessage#parse}: never an exception, whatever the bytes. */
public enum StunParseResult {
    /** A well-formed STUN message; FINGERPRINT, if present, is correct. */
    OK,
    /** Not STUN at all (first byte above 3, wrong magic cookie or shorter than a header). */
    NOT_STUN,
    /** STUN header but a broken body: bad length, padding, attribute sizes or order. */
    MALFORMED,
    /** Well formed, but the FINGERPRINT does not match; the header and attributes are still readable. */
    FINGERPRINT_MISMATCH
}
