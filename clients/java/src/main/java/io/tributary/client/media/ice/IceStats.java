package io.tributary.client.media.ice;

/**
 * The controlling agent's counters: connectivity and consent checks alike.
 *
 * @param rejectedResponses responses dropped for a bad FINGERPRINT or MESSAGE-INTEGRITY
 */
public record IceStats(IceAgentState state, long requestsSent, long successResponses, long errorResponses,
                       long rejectedResponses, int lastErrorCode) {

    public static final IceStats NONE = new IceStats(IceAgentState.NEW, 0, 0, 0, 0, 0);
}
