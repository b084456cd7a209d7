package io.tributary.worker.ice;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * Writes one STUN message in place into a caller's buffer: {@link #begin}, attributes in wire
 * order, then optionally {@link #messageIntegrity} and {@link #fingerprint}, then {@link #length}.
 * Reusable; the header length field is kept current after every attribute. Padding bytes are zero.
 */
public final class StunWriter {

    private final CRC32 crc = new CRC32();

    private byte[] buf;
    private int start;
    private int pos;

    /** Starts a message of the given method and class; the transaction id is copied from {@code tid}. */
    public StunWriter begin(byte[] buf, int off, int method, StunClass messageClass, byte[] tid, int tidOff) {
        this.buf = buf;
        this.start = off;
        this.pos = off + StunMessage.HEADER_LENGTH;
        writeU16(off, messageClass.messageType(method));
        writeInt(off + 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(tid, tidOff, buf, off + StunMessage.TRANSACTION_ID_OFFSET, StunMessage.TRANSACTION_ID_LENGTH);
        updateLength();
        return this;
    }

    public StunWriter username(String username) {
        return bytes(StunAttributes.USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    public StunWriter software(String software) {
        return bytes(StunAttributes.SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    public StunWriter priority(long priority) {
        header(StunAttributes.PRIORITY, 4);
        writeInt(pos, (int) priority);
        return advance(4);
    }

    public StunWriter useCandidate() {
        header(StunAttributes.USE_CANDIDATE, 0);
        return advance(0);
    }

    public StunWriter iceControlling(long tieBreaker) {
        return longAttribute(StunAttributes.ICE_CONTROLLING, tieBreaker);
    }

    public StunWriter iceControlled(long tieBreaker) {
        return longAttribute(StunAttributes.ICE_CONTROLLED, tieBreaker);
    }

    public StunWriter nomination(long nomination) {
        header(StunAttributes.NOMINATION, 4);
        writeInt(pos, (int) nomination);
        return advance(4);
    }

    /** ERROR-CODE with its reason phrase (RFC 8489 §14.8). */
    public StunWriter errorCode(int code, String reason) {
        byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
        header(StunAttributes.ERROR_CODE, 4 + phrase.length);
        writeU16(pos, 0);
        buf[pos + 2] = (byte) (code / 100);
        buf[pos + 3] = (byte) (code % 100);
        System.arraycopy(phrase, 0, buf, pos + 4, phrase.length);
        return advance(4 + phrase.length);
    }

    /** XOR-MAPPED-ADDRESS: port XOR the cookie's top half, address XOR cookie (+ transaction id for IPv6). */
    public StunWriter xorMappedAddress(InetAddress address, int port) {
        byte[] raw = address.getAddress();
        header(StunAttributes.XOR_MAPPED_ADDRESS, 4 + raw.length);
        buf[pos] = 0;
        buf[pos + 1] = (byte) (raw.length == 4 ? 1 : 2);
        writeU16(pos + 2, port ^ (StunMessage.MAGIC_COOKIE >>> 16));
        for (int i = 0; i < raw.length; i++) {
            buf[pos + 4 + i] = (byte) (raw[i] ^ buf[start + 4 + i]);
        }
        return advance(4 + raw.length);
    }

    /** MESSAGE-INTEGRITY keyed by {@code mac} (see {@link StunMessage#integrityMac}). */
    public StunWriter messageIntegrity(Mac mac) {
        int attributeEnd = pos + 4 + StunAttributes.MESSAGE_INTEGRITY_LENGTH;
        writeU16(start + 2, attributeEnd - start - StunMessage.HEADER_LENGTH);
        mac.update(buf, start, pos - start);
        header(StunAttributes.MESSAGE_INTEGRITY, StunAttributes.MESSAGE_INTEGRITY_LENGTH);
        try {
            mac.doFinal(buf, pos);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("buffer too small for MESSAGE-INTEGRITY", e);
        }
        return advance(StunAttributes.MESSAGE_INTEGRITY_LENGTH);
    }

    /** FINGERPRINT: CRC-32 of everything before it, XOR 0x5354554E; must be the last attribute. */
    public StunWriter fingerprint() {
        writeU16(start + 2, pos + 8 - start - StunMessage.HEADER_LENGTH);
        crc.reset();
        crc.update(buf, start, pos - start);
        int value = (int) crc.getValue() ^ StunAttributes.FINGERPRINT_XOR;
        header(StunAttributes.FINGERPRINT, StunAttributes.FINGERPRINT_LENGTH);
        writeInt(pos, value);
        return advance(StunAttributes.FINGERPRINT_LENGTH);
    }

    /** Total length of the message written so far. */
    public int length() {
        return pos - start;
    }

    private StunWriter bytes(int type, byte[] value) {
        header(type, value.length);
        System.arraycopy(value, 0, buf, pos, value.length);
        return advance(value.length);
    }

    private StunWriter longAttribute(int type, long value) {
        header(type, 8);
        writeInt(pos, (int) (value >>> 32));
        writeInt(pos + 4, (int) value);
        return advance(8);
    }

    private void header(int type, int length) {
        writeU16(pos, type);
        writeU16(pos + 2, length);
        pos += 4;
    }

    private StunWriter advance(int valueLength) {
        int padded = (valueLength + 3) & ~3;
        for (int i = pos + valueLength; i < pos + padded; i++) {
            buf[i] = 0;
        }
        pos += padded;
        updateLength();
        return this;
    }

    private void updateLength() {
        writeU16(start + 2, pos - start - StunMessage.HEADER_LENGTH);
    }

    private void writeU16(int i, int v) {
        buf[i] = (byte) (v >> 8);
        buf[i + 1] = (byte) v;
    }

    private void writeInt(int i, int v) {
        buf[i] = (byte) (v >> 24);
        buf[i + 1] = (byte) (v >> 16);
        buf[i + 2] = (byte) (v >> 8);
        buf[i + 3] = (byte) v;
    }
}
