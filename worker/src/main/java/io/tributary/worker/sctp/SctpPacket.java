package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;

/** A received SCTP packet (RFC 9260 §3): common header and its chunks, parsed and checked. */
record SctpPacket(int sourcePort, int destinationPort, int verificationTag, List<Chunk> chunks) {

    static final int HEADER_LENGTH = 12;

    /** Parses a packet; null when anything is malformed (bad checksum, truncated or overlong chunk). */
    static SctpPacket parse(byte[] data, int off, int len, Crc32c crc) {
        if (!BigEndian.inBounds(data, off, len) || len < HEADER_LENGTH + Chunk.HEADER_LENGTH
                || !crc.verify(data, off, len)) {
            return null;
        }
        List<Chunk> chunks = new ArrayList<>(4);
        int end = off + len;
        int at = off + HEADER_LENGTH;
        while (at < end) {
            if (end - at < Chunk.HEADER_LENGTH) {
                return null;
            }
            int type = BigEndian.u8(data, at);
            int flags = BigEndian.u8(data, at + 1);
            int chunkLength = BigEndian.u16(data, at + 2);
            if (chunkLength < Chunk.HEADER_LENGTH || chunkLength > end - at) {
                return null;
            }
            Chunk chunk = ChunkType.decode(type, flags, data, at + Chunk.HEADER_LENGTH,
                    chunkLength - Chunk.HEADER_LENGTH);
            if (chunk == null) {
                return null;
            }
            chunks.add(chunk);
            // The last chunk's padding may be missing; anything else short of a chunk header is not.
            at = Math.min(end, at + Chunk.padded(chunkLength));
        }
        return new SctpPacket(BigEndian.u16(data, off), BigEndian.u16(data, off + 2), BigEndian.i32(data, off + 4),
                chunks);
    }
}
