package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/** DATA (RFC 9260 §3.3.1): one fragment of a user message; {@code data} may be a slice of a larger array. */
record DataChunk(int flags, int tsn, int streamId, int ssn, int ppid, byte[] data, int dataOffset, int dataLength)
        implements Chunk {

    static final int FLAG_END = 0x01;
    static final int FLAG_BEGINNING = 0x02;
    static final int FLAG_UNORDERED = 0x04;
    static final int FLAG_IMMEDIATE = 0x08;
    static final int VALUE_HEADER = 12;

    static DataChunk decode(int flags, byte[] buf, int off, int len) {
        if (len <= VALUE_HEADER) {
            return null;
        }
        return new DataChunk(flags, BigEndian.i32(buf, off), BigEndian.u16(buf, off + 4), BigEndian.u16(buf, off + 6),
                BigEndian.i32(buf, off + 8), ChunkType.copy(buf, off + VALUE_HEADER, len - VALUE_HEADER), 0,
                len - VALUE_HEADER);
    }

    boolean beginning() {
        return (flags & FLAG_BEGINNING) != 0;
    }

    boolean ending() {
        return (flags & FLAG_END) != 0;
    }

    boolean unordered() {
        return (flags & FLAG_UNORDERED) != 0;
    }

    @Override
    public int type() {
        return ChunkType.DATA;
    }

    @Override
    public int valueLength() {
        return VALUE_HEADER + dataLength;
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        BigEndian.put32(buf, off, tsn);
        BigEndian.put16(buf, off + 4, streamId);
        BigEndian.put16(buf, off + 6, ssn);
        BigEndian.put32(buf, off + 8, ppid);
        System.arraycopy(data, dataOffset, buf, off + VALUE_HEADER, dataLength);
    }
}
