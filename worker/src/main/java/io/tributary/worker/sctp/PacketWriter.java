package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;
import java.util.Arrays;

/**
 * Builds outgoing packets in one reused buffer: chunks are bundled up to the MTU; a single chunk larger
 * than the MTU (a big HEARTBEAT ACK or error report) still goes out alone, in a buffer grown for it.
 */
final class PacketWriter {

    private byte[] buffer;
    private final Crc32c crc = new Crc32c();
    private final SctpAssociation.Output output;
    private final int mtu;
    private int position;
    private int verificationTag;

    PacketWriter(SctpAssociation.Output output, int mtu) {
        this.output = output;
        this.mtu = mtu;
        this.buffer = new byte[mtu];
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
        if (position + padded > buffer.length) {
            buffer = Arrays.copyOf(buffer, position + padded);
        }
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
