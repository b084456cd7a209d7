package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/** Chunk type numbers (RFC 9260 §3.2, RFC 3758 §3.2, RFC 6525 §3.1). */
final class ChunkType {

    static final int DATA = 0;
    static final int INIT = 1;
    static final int INIT_ACK = 2;
    static final int SACK = 3;
    static final int HEARTBEAT = 4;
    static final int HEARTBEAT_ACK = 5;
    static final int ABORT = 6;
    static final int SHUTDOWN = 7;
    static final int SHUTDOWN_ACK = 8;
    static final int ERROR = 9;
    static final int COOKIE_ECHO = 10;
    static final int COOKIE_ACK = 11;
    static final int SHUTDOWN_COMPLETE = 14;
    static final int RE_CONFIG = 0x82;
    static final int FORWARD_TSN = 0xC0;

    /** The T bit of ABORT and SHUTDOWN COMPLETE: the tag is the sender's own, reflected. */
    static final int FLAG_TAG_REFLECTED = 0x01;

    private ChunkType() {
    }

    /** Decodes one chunk's value; null when it is malformed. */
    static Chunk decode(int type, int flags, byte[] buf, int off, int len) {
        return switch (type) {
            case DATA -> DataChunk.decode(flags, buf, off, len);
            case INIT, INIT_ACK -> InitChunk.decode(type == INIT_ACK, buf, off, len);
            case SACK -> SackChunk.decode(buf, off, len);
            case SHUTDOWN -> len == 4 ? new ShutdownChunk(BigEndian.i32(buf, off)) : null;
            case COOKIE_ECHO -> len > 0 ? new OpaqueChunk(type, flags, copy(buf, off, len)) : null;
            case FORWARD_TSN -> ForwardTsnChunk.decode(buf, off, len);
            case RE_CONFIG -> ReConfigChunk.decode(buf, off, len);
            default -> new OpaqueChunk(type, flags, copy(buf, off, len));
        };
    }

    static byte[] copy(byte[] buf, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(buf, off, out, 0, len);
        return out;
    }
}
