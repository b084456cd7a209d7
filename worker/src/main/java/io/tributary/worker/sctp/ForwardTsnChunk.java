package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/** FORWARD TSN (RFC 3758 §3.2): the new cumulative TSN and, per ordered stream skipped, its last SSN. */
record ForwardTsnChunk(int newCumulativeTsn, int[] streamIds, int[] ssns) implements Chunk {

    static ForwardTsnChunk decode(byte[] buf, int off, int len) {
        if (len < 4 || (len - 4) % 4 != 0) {
            return null;
        }
        int n = (len - 4) / 4;
        int[] streams = new int[n];
        int[] ssns = new int[n];
        for (int i = 0, at = off + 4; i < n; i++, at += 4) {
            streams[i] = BigEndian.u16(buf, at);
            ssns[i] = BigEndian.u16(buf, at + 2);
        }
        return new ForwardTsnChunk(BigEndian.i32(buf, off), streams, ssns);
    }

    @Override
    public int type() {
        return ChunkType.FORWARD_TSN;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public int valueLength() {
        return 4 + 4 * streamIds.length;
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        BigEndian.put32(buf, off, newCumulativeTsn);
        for (int i = 0, at = off + 4; i < streamIds.length; i++, at += 4) {
            BigEndian.put16(buf, at, streamIds[i]);
            BigEndian.put16(buf, at + 2, ssns[i]);
        }
    }
}
