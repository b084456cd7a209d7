package io.tributary.worker.srtp;

import org.jitsi.srtp.SrtpErrorStatus;

/** Negative results of {@link SrtpSession}'s protect/unprotect calls (non-negative results are lengths). */
public final class SrtpStatus {

    /** Too short, not RTP/RTCP version 2, or a header running past the end. */
    public static final int INVALID_PACKET = -1;
    /** Authentication tag mismatch (tampered, or keyed differently). */
    public static final int AUTH_FAILED = -2;
    /** Already received (replay window hit). */
    public static final int REPLAYED = -3;
    /** Older than the replay window. */
    public static final int TOO_OLD = -4;
    /** The caller's buffer lacks the tail room for the tag (see the profile's overhead). */
    public static final int NO_ROOM = -5;
    /** Crypto failure, session closed or stream limit reached. */
    public static final int FAILED = -6;

    private SrtpStatus() {
    }

    public static String describe(int status) {
        return switch (status) {
            case INVALID_PACKET -> "invalid packet";
            case AUTH_FAILED -> "authentication failed";
            case REPLAYED -> "replayed packet";
            case TOO_OLD -> "packet older than the replay window";
            case NO_ROOM -> "no tail room in buffer";
            case FAILED -> "SRTP failure";
            default -> status >= 0 ? "ok (" + status + " bytes)" : "unknown status " + status;
        };
    }

    static int of(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> 0;
            case AUTH_FAIL -> AUTH_FAILED;
            case REPLAY_FAIL -> REPLAYED;
            case REPLAY_OLD -> TOO_OLD;
            case INVALID_PACKET -> INVALID_PACKET;
            case FAIL -> FAILED;
        };
    }
}
