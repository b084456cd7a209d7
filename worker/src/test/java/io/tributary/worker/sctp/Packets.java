package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;
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
        return offsetsOf(packet, type).length > 0;
    }

    /** The TSNs of the packet's DATA chunks. */
    static long[] dataTsns(byte[] packet) {
        int[] offsets = offsetsOf(packet, ChunkType.DATA);
        long[] tsns = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            tsns[i] = BigEndian.u32(packet, offsets[i] + Chunk.HEADER_LENGTH);
        }
        return tsns;
    }

    /** The user data lengths of the packet's DATA chunks, in the order of {@link #dataTsns}. */
    static int[] dataLengths(byte[] packet) {
        int[] offsets = offsetsOf(packet, ChunkType.DATA);
        int[] lengths = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            lengths[i] = BigEndian.u16(packet, offsets[i] + 2) - Chunk.HEADER_LENGTH - DataChunk.VALUE_HEADER;
        }
        return lengths;
    }

    /** The highest TSN a SACK in the packet reports received (cumulative TSN plus the last gap's end), or -1. */
    static long highestSacked(byte[] packet) {
        long highest = -1;
        for (int at : offsetsOf(packet, ChunkType.SACK)) {
            long cumulative = BigEndian.u32(packet, at + 4);
            int gaps = BigEndian.u16(packet, at + 12);
            highest = Math.max(highest, gaps == 0 ? cumulative
                    : cumulative + BigEndian.u16(packet, at + 16 + 4 * (gaps - 1) + 2));
        }
        return highest;
    }

    /** Where the chunks of this type start in the packet. */
    private static int[] offsetsOf(byte[] packet, int type) {
        List<Integer> found = new ArrayList<>();
        for (int at = SctpPacket.HEADER_LENGTH; at + Chunk.HEADER_LENGTH <= packet.length; ) {
            if ((packet[at] & 0xFF) == type) {
                found.add(at);
            }
            int length = BigEndian.u16(packet, at + 2);
            if (length < Chunk.HEADER_LENGTH) {
                break;
            }
            at += Chunk.padded(length);
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
