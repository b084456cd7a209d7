package io.tributary.worker.sctp;

/**
 * One message given to {@link SctpAssociation#sendMessage}: its copied payload, how much of it has been cut
 * into DATA chunks, its SSN (assigned when its first fragment gets a TSN) and its PR-SCTP limits.
 */
final class OutgoingMessage implements SendQueue.Item {

    static final long NO_EXPIRY = Long.MAX_VALUE;

    final int streamId;
    final int ppid;
    final boolean unordered;
    /** -1: no limit on retransmissions. */
    final int maxRetransmits;
    final long expiresAtMillis;
    final byte[] payload;
    int fragmentedBytes;
    int ssn;
    long firstTsn = -1;
    boolean abandoned;

    OutgoingMessage(int streamId, int ppid, byte[] payload, SctpReliability reliability, long now) {
        this.streamId = streamId;
        this.ppid = ppid;
        this.payload = payload;
        this.unordered = !reliability.ordered();
        this.maxRetransmits = reliability.maxRetransmits();
        this.expiresAtMillis = reliability.maxPacketLifeTimeMillis() >= 0
                ? now + reliability.maxPacketLifeTimeMillis() : NO_EXPIRY;
    }

    int unfragmentedBytes() {
        return payload.length - fragmentedBytes;
    }

    boolean started() {
        return fragmentedBytes > 0;
    }

    /** RFC 3758 §3.5: give up once retransmitted more than allowed or past its lifetime. */
    boolean shouldAbandon(int transmissions, long now) {
        return maxRetransmits >= 0 && transmissions > maxRetransmits || now > expiresAtMillis;
    }
}
