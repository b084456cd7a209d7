package io.tributary.worker.sctp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds SCTP packets for tests with the stack's own writer. */
final class Packets {

    private Packets() {
    }

    /** The chunks as packets under {@code tag}: one, unless they do not fit in the MTU together. */
    static List<byte[]> write(int tag, Chunk... chunks) {
        List<byte[]> packets = new ArrayList<>();
        PacketWriter writer = new PacketWriter((p, off, len) -> packets.add(Arrays.copyOfRange(p, off, off + len)),
                SctpOptions.MTU);
        writer.begin(tag);
        for (Chunk chunk : chunks) {
            writer.add(chunk);
        }
        writer.flush();
        return packets;
    }

    /** True when the packet holds a chunk of this type. */
    static boolean contains(byte[] packet, int type) {
        for (int at = SctpPacket.HEADER_LENGTH; at + Chunk.HEADER_LENGTH <= packet.length; ) {
            if ((packet[at] & 0xFF) == type) {
                return true;
            }
            int length = ((packet[at + 2] & 0xFF) << 8) | (packet[at + 3] & 0xFF);
            if (length < Chunk.HEADER_LENGTH) {
                return false;
            }
            at += Chunk.padded(length);
        }
        return false;
    }
}
