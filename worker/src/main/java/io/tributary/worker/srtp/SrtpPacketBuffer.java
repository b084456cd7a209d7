package io.tributary.worker.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * jitsi-srtp's packet abstraction over a caller's {@code byte[]}: re-pointed for every packet, so no
 * per-packet allocation. It never reallocates: the session checks tail room beforehand, and running
 * out anyway is a bug that surfaces as an exception (caught by the session).
 */
final class SrtpPacketBuffer implements ByteArrayBuffer {

    private byte[] buffer;
    private int offset;
    private int length;

    void wrap(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** Drops the reference to the caller's array once a call is done. */
    void clear() {
        wrap(null, 0, 0);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuf) {
        System.arraycopy(buffer, offset + off, outBuf, 0, len);
    }

    /** Ensures room for {@code howMuch} more bytes after the packet. */
    @Override
    public void grow(int howMuch) {
        if (buffer.length - offset - length < howMuch) {
            throw new IllegalStateException("no tail room for " + howMuch + " bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len > 0) {
            length = Math.max(0, length - len);
        }
    }
}
