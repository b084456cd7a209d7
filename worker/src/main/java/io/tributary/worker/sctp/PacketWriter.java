package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/**
 * Builds outgoing packets in one reused buffer: chunks are bundled up to the MTU; a single chunk larger
 * than the MTU (a big INIT ACK or HEARTBEAT ACK) still goes out alone.
 */
final class PacketWriter {

    private final byte[] buffer = new byte[SctpPacket.HEADER_LENGTH + Chunk.HEADER_LENGTH + 0xFFFF + 3];
    private final Crc32c crc = new Crc32c();
    private final SctpAssociation.Output output;
    private final int mtu;
    private int position;
    private int verificationTag;

    PacketWriter(SctpAssociation.Output output, int mtu) {
        this.output = output;
        this.mtu = mtu;
    }

    /** Begins a packet to the peer under {@code tag} (0 for INIT). */
    void begin(int tag) {
        verificationTag = tag;
        writeHeader();
    }

    private void writeHeader() {
        BigEndian.put16(buffer, 0, SctpOptions.PORT);
        BigEndian.put16(buffer, 2, SctpOptions.PORT);
        BigEndian.put32(buffer, 4, verificationTag);
        position = SctpPacket.HEADER_LENGTH;
    }

    boolean isEmpty() {
        return position == SctpPacket.HEADER_LENGTH;
    }

    /** Room left for chunks in the current packet. */
    int room() {
        return mtu - position;
    }

    /** Adds the chunk if it fits, sending the current packet first when it does not; never drops it. */
    void add(Chunk chunk) {
        if (chunk.paddedLength() > room() && !isEmpty()) {
            flush();
        }
        int length = Chunk.HEADER_LENGTH + chunk.valueLength();
        int padded = chunk.paddedLength();
        buffer[position] = (byte) chunk.type();
        buffer[position + 1] = (byte) chunk.flags();
        BigEndian.put16(buffer, position + 2, length);
        chunk.writeValue(buffer, position + Chunk.HEADER_LENGTH);
        for (int i = position + length; i < position + padded; i++) {
            buffer[i] = 0;
        }
        position += padded;
    }

    /** Sends the current packet if it holds any chunk; the next one keeps the same tag. */
    void flush() {
        if (isEmpty()) {
            return;
        }
        crc.stamp(buffer, 0, position);
        output.sendPacket(buffer, 0, position);
        writeHeader();
    }
}
