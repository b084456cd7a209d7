package io.tributary.worker.sctp;

/**
 * A chunk whose value this stack keeps as bytes: HEARTBEAT and its ACK (echoed unchanged), ABORT and ERROR
 * (error causes), COOKIE ECHO (the cookie), the value-less SHUTDOWN ACK, COOKIE ACK and SHUTDOWN COMPLETE,
 * and chunk types it does not implement.
 */
record OpaqueChunk(int type, int flags, byte[] value) implements Chunk {

    private static final byte[] EMPTY = new byte[0];

    static OpaqueChunk of(int type) {
        return new OpaqueChunk(type, 0, EMPTY);
    }

    static OpaqueChunk of(int type, byte[] value) {
        return new OpaqueChunk(type, 0, value);
    }

    /** ABORT and SHUTDOWN COMPLETE: the T bit says the tag is the sender's own, reflected. */
    boolean tagReflected() {
        return (flags & ChunkType.FLAG_TAG_REFLECTED) != 0;
    }

    /** For an unknown type, RFC 9260 §3.2: the high bit says whether to go on with the packet... */
    boolean skipAndContinue() {
        return (type & 0x80) != 0;
    }

    /** ...and the next one whether to report it in an ERROR. */
    boolean report() {
        return (type & 0x40) != 0;
    }

    /** The whole chunk as received, for an "Unrecognized Chunk Type" report. */
    byte[] encoded() {
        byte[] out = new byte[HEADER_LENGTH + value.length];
        out[0] = (byte) type;
        out[1] = (byte) flags;
        out[2] = (byte) (out.length >>> 8);
        out[3] = (byte) out.length;
        System.arraycopy(value, 0, out, HEADER_LENGTH, value.length);
        return out;
    }

    @Override
    public int valueLength() {
        return value.length;
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        System.arraycopy(value, 0, buf, off, value.length);
    }
}
