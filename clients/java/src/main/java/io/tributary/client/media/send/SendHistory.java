package io.tributary.client.media.send;

/**
 * The last packets of one stream by sequence number, for NACK-driven retransmission. A ring indexed
 * by the low bits of the sequence number; a slot only answers for the exact number it holds.
 */
final class SendHistory {

    /** What is needed to rebuild a packet: everything but the send-time extensions. */
    record SentPacket(int sequenceNumber, long timestamp, boolean marker, byte[] payload) {
    }

    private final SentPacket[] slots;
    private final int mask;

    /** @param capacity a power of two, e.g. 1024 (about 10 s of 720p video) */
    SendHistory(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("history capacity must be a power of two");
        }
        slots = new SentPacket[capacity];
        mask = capacity - 1;
    }

    void put(SentPacket packet) {
        slots[packet.sequenceNumber() & mask] = packet;
    }

    /** The packet sent with this sequence number, or null when it has been overwritten. */
    SentPacket get(int sequenceNumber) {
        SentPacket packet = slots[sequenceNumber & mask];
        return packet != null && packet.sequenceNumber() == (sequenceNumber & 0xFFFF) ? packet : null;
    }
}
