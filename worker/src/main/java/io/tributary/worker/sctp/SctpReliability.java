package io.tributary.worker.sctp;

/**
 * How one message is delivered (RFC 8831 §6.1): ordered or not, and at most one partial-reliability
 * limit (RFC 3758 PR-SCTP); {@code -1} means no limit.
 */
public record SctpReliability(boolean ordered, int maxRetransmits, int maxPacketLifeTimeMillis) {

    public static final SctpReliability RELIABLE_ORDERED = new SctpReliability(true, -1, -1);
}
