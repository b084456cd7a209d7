package io.tributary.worker.ice;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST,
    INDICATION,
    SUCCESS_RESPONSE,
    ERROR_RESPONSE;

    private static final StunClass[] BY_BITS = values();

    /** Decodes the class from a 14-bit message type (bits C1 at 0x0100 and C0 at 0x0010). */
    static StunClass fromType(int type) {
        return BY_BITS[((type >> 7) & 0x2) | ((type >> 4) & 0x1)];
    }

    /** Encodes a method and this class into a message type. */
    int messageType(int method) {
        int bits = ordinal();
        return ((method & 0x0F80) << 2) | ((method & 0x0070) << 1) | (method & 0x000F)
                | ((bits & 0x2) << 7) | ((bits & 0x1) << 4);
    }
}
