package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/** Error causes (RFC 9260 §3.3.10) for ERROR and ABORT chunks, encoded as their bytes. */
final class ErrorCause {

    static final int INVALID_STREAM_IDENTIFIER = 1;
    static final int STALE_COOKIE = 3;
    static final int UNRECOGNIZED_CHUNK_TYPE = 6;
    static final int USER_INITIATED_ABORT = 12;
    static final int PROTOCOL_VIOLATION = 13;

    private ErrorCause() {
    }

    static byte[] of(int code, byte[] info) {
        int length = 4 + info.length;
        byte[] out = new byte[Chunk.padded(length)];
        BigEndian.put16(out, 0, code);
        BigEndian.put16(out, 2, length);
        System.arraycopy(info, 0, out, 4, info.length);
        return out;
    }

    static byte[] invalidStream(int streamId) {
        byte[] info = new byte[4];
        BigEndian.put16(info, 0, streamId);
        return of(INVALID_STREAM_IDENTIFIER, info);
    }

    /** True when the causes contain one with this code. */
    static boolean contains(byte[] causes, int code) {
        for (int at = 0; at + 4 <= causes.length; ) {
            int length = BigEndian.u16(causes, at + 2);
            if (BigEndian.u16(causes, at) == code) {
                return true;
            }
            if (length < 4) {
                return false;
            }
            at += Chunk.padded(length);
        }
        return false;
    }
}
