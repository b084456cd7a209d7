package io.tributary.worker.sctp;

/** One SCTP chunk (RFC 9260 §3.2): type, flags and a value; the writer adds the header and padding. */
sealed interface Chunk permits DataChunk, InitChunk, SackChunk, ShutdownChunk, ForwardTsnChunk, ReConfigChunk,
        OpaqueChunk {

    int HEADER_LENGTH = 4;

    int type();

    int flags();

    /** Length of the value, without the chunk header and without padding. */
    int valueLength();

    /** Writes the value at {@code off}; the caller made room for {@link #valueLength()} bytes. */
    void writeValue(byte[] buf, int off);

    /** Bytes the chunk takes in a packet, padding included. */
    default int paddedLength() {
        return padded(HEADER_LENGTH + valueLength());
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }
}
