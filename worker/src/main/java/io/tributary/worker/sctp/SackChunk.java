package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/**
 * SACK (RFC 9260 §3.3.4): cumulative TSN, receiver window, gap blocks as (start, end) offsets from the
 * cumulative TSN flattened into one array, and duplicate TSNs.
 */
record SackChunk(int cumulativeTsnAck, long advertisedWindow, int[] gapBlocks, int[] duplicateTsns) implements Chunk {

    static SackChunk decode(byte[] buf, int off, int len) {
        if (len < 12) {
            return null;
        }
        int gaps = BigEndian.u16(buf, off + 8);
        int dups = BigEndian.u16(buf, off + 10);
        if (len != 12 + 4 * gaps + 4 * dups) {
            return null;
        }
        int[] blocks = new int[gaps * 2];
        int at = off + 12;
        for (int i = 0; i < blocks.length; i++, at += 2) {
            blocks[i] = BigEndian.u16(buf, at);
        }
        int[] duplicates = new int[dups];
        for (int i = 0; i < dups; i++, at += 4) {
            duplicates[i] = BigEndian.i32(buf, at);
        }
        return new SackChunk(BigEndian.i32(buf, off), BigEndian.u32(buf, off + 4), blocks, duplicates);
    }

    @Override
    public int type() {
        return ChunkType.SACK;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public int valueLength() {
        return 12 + 2 * gapBlocks.length + 4 * duplicateTsns.length;
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        BigEndian.put32(buf, off, cumulativeTsnAck);
        BigEndian.put32(buf, off + 4, advertisedWindow);
        BigEndian.put16(buf, off + 8, gapBlocks.length / 2);
        BigEndian.put16(buf, off + 10, duplicateTsns.length);
        int at = off + 12;
        for (int block : gapBlocks) {
            BigEndian.put16(buf, at, block);
            at += 2;
        }
        for (int tsn : duplicateTsns) {
            BigEndian.put32(buf, at, tsn);
            at += 4;
        }
    }
}
