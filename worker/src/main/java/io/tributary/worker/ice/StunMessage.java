package io.tributary.worker.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * A reusable, allocation-free view over one STUN message (RFC 8489) held in a caller's buffer.
 *
 * <p>{@link #parse} records where each known attribute lives instead of copying it; the accessors
 * read the buffer, so the buffer must stay untouched while the view is used. One instance per
 * thread: it keeps scratch space for the integrity and fingerprint checks.
 */
public final class StunMessage {

    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_OFFSET = 8;
    public static final int TRANSACTION_ID_LENGTH = 12;
    public static final int METHOD_BINDING = 0x001;

    private static final String HMAC_SHA1 = "HmacSHA1";

    private final CRC32 crc = new CRC32();
    private final byte[] lengthScratch = new byte[2];
    private final byte[] hmacScratch = new byte[StunAttributes.MESSAGE_INTEGRITY_LENGTH];

    private byte[] buf;
    private int off;
    private int len;
    private int type;
    private int method;
    private StunClass messageClass;
    private int usernameOffset;
    private int usernameLength;
    private boolean hasPriority;
    private long priority;
    private boolean useCandidate;
    private boolean hasIceControlling;
    private long iceControlling;
    private boolean hasIceControlled;
    private long iceControlled;
    private boolean hasNomination;
    private long nomination;
    private int messageIntegrityOffset;
    private int fingerprintOffset;
    private int errorCode;
    private int xorMappedAddressOffset;

    public StunMessage() {
        reset();
    }

    /**
     * Cheap demultiplexing test (RFC 7983): first byte 0..3, a full header and the magic cookie.
     * Never allocates and never throws, even for offsets outside the buffer.
     */
    public static boolean isStun(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= HEADER_LENGTH && off <= buf.length - len
                && (buf[off] & 0xFF) <= 3 && readInt(buf, off + 4) == MAGIC_COOKIE;
    }

    /**
     * The local ufrag of a request's USERNAME ({@code local:remote}), found by walking the
     * attribute headers only; {@code null} when the datagram is not STUN or carries no such USERNAME.
     * Lets a shared-socket demux route a request to its transport before any full parse.
     */
    public static String localUsernameFragment(byte[] buf, int off, int len) {
        if (!isStun(buf, off, len)) {
            return null;
        }
        int end = off + len;
        int pos = off + HEADER_LENGTH;
        while (end - pos >= 4) {
            int attrType = readU16(buf, pos);
            int attrLength = readU16(buf, pos + 2);
            int value = pos + 4;
            if (attrLength > end - value) {
                return null;
            }
            if (attrType == StunAttributes.USERNAME) {
                for (int i = value; i < value + attrLength; i++) {
                    if (buf[i] == ':') {
                        return i == value ? null : new String(buf, value, i - value, StandardCharsets.UTF_8);
                    }
                }
                return null;
            }
            pos = value + ((attrLength + 3) & ~3);
        }
        return null;
    }

    /** A Mac keyed for the ICE short-term credential mechanism: the key is the password's UTF-8 bytes. */
    public static Mac integrityMac(String password) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from the JDK", e);
        }
    }

    /** Parses and validates a message; every accessor reflects the last call. Never throws. */
    public StunParseResult parse(byte[] buf, int off, int len) {
        reset();
        if (!isStun(buf, off, len)) {
            return StunParseResult.NOT_STUN;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        type = readU16(buf, off);
        int bodyLength = readU16(buf, off + 2);
        if (bodyLength != len - HEADER_LENGTH || (bodyLength & 3) != 0) {
            return StunParseResult.MALFORMED;
        }
        method = ((type & 0x3E00) >> 2) | ((type & 0x00E0) >> 1) | (type & 0x000F);
        messageClass = StunClass.fromType(type);

        int end = off + len;
        int pos = off + HEADER_LENGTH;
        while (pos < end) {
            if (end - pos < 4) {
                return StunParseResult.MALFORMED;
            }
            int attrType = readU16(buf, pos);
            int attrLength = readU16(buf, pos + 2);
            int value = pos + 4;
            int padded = (attrLength + 3) & ~3;
            // FINGERPRINT is last; after MESSAGE-INTEGRITY only FINGERPRINT may follow (as mediasoup enforces).
            if (padded > end - value || fingerprintOffset >= 0
                    || (messageIntegrityOffset >= 0 && attrType != StunAttributes.FINGERPRINT)
                    || !readAttribute(attrType, pos, value, attrLength)) {
                return StunParseResult.MALFORMED;
            }
            pos = value + padded;
        }
        if (fingerprintOffset >= 0 && !fingerprintMatches()) {
            return StunParseResult.FINGERPRINT_MISMATCH;
        }
        return StunParseResult.OK;
    }

    private boolean readAttribute(int attrType, int header, int value, int attrLength) {
        switch (attrType) {
            case StunAttributes.USERNAME -> {
                if (attrLength > StunAttributes.MAX_USERNAME_LENGTH) {
                    return false;
                }
                if (usernameOffset < 0) {
                    usernameOffset = value;
                    usernameLength = attrLength;
                }
            }
            case StunAttributes.PRIORITY -> {
                if (attrLength != 4) {
                    return false;
                }
                if (!hasPriority) {
                    hasPriority = true;
                    priority = readInt(buf, value) & 0xFFFFFFFFL;
                }
            }
            case StunAttributes.USE_CANDIDATE -> {
                if (attrLength != 0) {
                    return false;
                }
                useCandidate = true;
            }
            case StunAttributes.ICE_CONTROLLING -> {
                if (attrLength != 8) {
                    return false;
                }
                if (!hasIceControlling) {
                    hasIceControlling = true;
                    iceControlling = readLong(buf, value);
                }
            }
            case StunAttributes.ICE_CONTROLLED -> {
                if (attrLength != 8) {
                    return false;
                }
                if (!hasIceControlled) {
                    hasIceControlled = true;
                    iceControlled = readLong(buf, value);
                }
            }
            case StunAttributes.NOMINATION -> {
                if (attrLength != 4) {
                    return false;
                }
                if (!hasNomination) {
                    hasNomination = true;
                    nomination = readInt(buf, value) & 0xFFFFFFFFL;
                }
            }
            case StunAttributes.MESSAGE_INTEGRITY -> {
                if (attrLength != StunAttributes.MESSAGE_INTEGRITY_LENGTH) {
                    return false;
                }
                messageIntegrityOffset = header;
            }
            case StunAttributes.FINGERPRINT -> {
                if (attrLength != StunAttributes.FINGERPRINT_LENGTH) {
                    return false;
                }
                fingerprintOffset = header;
            }
            case StunAttributes.ERROR_CODE -> {
                if (attrLength < 4 || (buf[value + 3] & 0xFF) > 99) {
                    return false;
                }
                if (errorCode == 0) {
                    errorCode = (buf[value + 2] & 0x07) * 100 + (buf[value + 3] & 0xFF);
                }
            }
            case StunAttributes.XOR_MAPPED_ADDRESS -> {
                boolean ipv4 = attrLength == 8 && buf[value + 1] == 1;
                boolean ipv6 = attrLength == 20 && buf[value + 1] == 2;
                if (!ipv4 && !ipv6) {
                    return false;
                }
                if (xorMappedAddressOffset < 0) {
                    xorMappedAddressOffset = value;
                }
            }
            case StunAttributes.SOFTWARE -> {
                if (attrLength > StunAttributes.MAX_SOFTWARE_LENGTH) {
                    return false;
                }
            }
            default -> {
                // Unknown attributes are skipped, as mediasoup does (no 420 Unknown Attribute).
            }
        }
        return true;
    }

    private boolean fingerprintMatches() {
        crc.reset();
        crc.update(buf, off, fingerprintOffset - off);
        int expected = (int) crc.getValue() ^ StunAttributes.FINGERPRINT_XOR;
        return readInt(buf, fingerprintOffset + 4) == expected;
    }

    /**
     * Checks MESSAGE-INTEGRITY with a Mac from {@link #integrityMac}: HMAC-SHA1 over the message up to
     * the attribute, with the header length patched to end right after it (RFC 8489 §14.5).
     * The buffer is not modified. False when the attribute is absent.
     */
    public boolean checkMessageIntegrity(Mac mac) {
        if (messageIntegrityOffset < 0) {
            return false;
        }
        int patchedLength = messageIntegrityOffset + 4 + StunAttributes.MESSAGE_INTEGRITY_LENGTH - off - HEADER_LENGTH;
        lengthScratch[0] = (byte) (patchedLength >> 8);
        lengthScratch[1] = (byte) patchedLength;
        mac.update(buf, off, 2);
        mac.update(lengthScratch, 0, 2);
        mac.update(buf, off + 4, messageIntegrityOffset - off - 4);
        try {
            mac.doFinal(hmacScratch, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("MESSAGE-INTEGRITY needs an HMAC-SHA1 Mac", e);
        }
        int diff = 0;
        int value = messageIntegrityOffset + 4;
        for (int i = 0; i < StunAttributes.MESSAGE_INTEGRITY_LENGTH; i++) {
            diff |= hmacScratch[i] ^ buf[value + i];
        }
        return diff == 0;
    }

    /** True when USERNAME starts with {@code ufrag} followed by ':' (the local part, RFC 8445 §7.2.2). */
    public boolean usernameHasLocalFragment(byte[] ufrag) {
        if (usernameOffset < 0 || usernameLength <= ufrag.length || buf[usernameOffset + ufrag.length] != ':') {
            return false;
        }
        for (int i = 0; i < ufrag.length; i++) {
            if (buf[usernameOffset + i] != ufrag[i]) {
                return false;
            }
        }
        return true;
    }

    public int messageType() {
        return type;
    }

    public int method() {
        return method;
    }

    public StunClass messageClass() {
        return messageClass;
    }

    public boolean isBindingRequest() {
        return method == METHOD_BINDING && messageClass == StunClass.REQUEST;
    }

    public int length() {
        return len;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Absolute offset of the 12-byte transaction id in {@link #buffer()}. */
    public int transactionIdOffset() {
        return off + TRANSACTION_ID_OFFSET;
    }

    public byte[] transactionId() {
        byte[] id = new byte[TRANSACTION_ID_LENGTH];
        System.arraycopy(buf, off + TRANSACTION_ID_OFFSET, id, 0, TRANSACTION_ID_LENGTH);
        return id;
    }

    public boolean hasUsername() {
        return usernameOffset >= 0;
    }

    public String username() {
        return usernameOffset < 0 ? null : new String(buf, usernameOffset, usernameLength, StandardCharsets.UTF_8);
    }

    public boolean hasPriority() {
        return hasPriority;
    }

    /** PRIORITY as an unsigned 32-bit value. */
    public long priority() {
        return priority;
    }

    public boolean hasUseCandidate() {
        return useCandidate;
    }

    public boolean hasIceControlling() {
        return hasIceControlling;
    }

    public long iceControlling() {
        return iceControlling;
    }

    public boolean hasIceControlled() {
        return hasIceControlled;
    }

    public long iceControlled() {
        return iceControlled;
    }

    public boolean hasNomination() {
        return hasNomination;
    }

    /** NOMINATION as an unsigned 32-bit value. */
    public long nomination() {
        return nomination;
    }

    public boolean hasMessageIntegrity() {
        return messageIntegrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /** ERROR-CODE as class × 100 + number, or 0 when absent. */
    public int errorCode() {
        return errorCode;
    }

    public boolean hasXorMappedAddress() {
        return xorMappedAddressOffset >= 0;
    }

    /** Decodes XOR-MAPPED-ADDRESS (IPv4 or IPv6), or {@code null} when absent. Allocates. */
    public InetSocketAddress xorMappedAddress() {
        if (xorMappedAddressOffset < 0) {
            return null;
        }
        int value = xorMappedAddressOffset;
        int port = readU16(buf, value + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] address = new byte[(buf[value + 1] & 0xFF) == 1 ? 4 : 16];
        for (int i = 0; i < address.length; i++) {
            // The mask is the magic cookie followed by the transaction id, i.e. header bytes 4..19.
            address[i] = (byte) (buf[value + 4 + i] ^ buf[off + 4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address length was validated", e);
        }
    }

    private void reset() {
        buf = null;
        off = 0;
        len = 0;
        type = 0;
        method = -1;
        messageClass = null;
        usernameOffset = -1;
        usernameLength = 0;
        hasPriority = false;
        priority = 0;
        useCandidate = false;
        hasIceControlling = false;
        iceControlling = 0;
        hasIceControlled = false;
        iceControlled = 0;
        hasNomination = false;
        nomination = 0;
        messageIntegrityOffset = -1;
        fingerprintOffset = -1;
        errorCode = 0;
        xorMappedAddressOffset = -1;
    }

    static int readU16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static long readLong(byte[] b, int i) {
        return ((long) readInt(b, i) << 32) | (readInt(b, i + 4) & 0xFFFFFFFFL);
    }
}
