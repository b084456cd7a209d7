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
}
