package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/** SHUTDOWN (RFC 9260 §3.3.8): the peer's cumulative TSN ack. */
record ShutdownChunk(int cumulativeTsnAck) implements Chunk {

    @Override
    public int type() {
        return ChunkType.SHUTDOWN;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public int valueLength() {
        return 4;
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        BigEndian.put32(buf, off, cumulativeTsnAck);
    }
}
