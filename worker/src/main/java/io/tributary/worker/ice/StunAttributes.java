package io.tributary.worker.ice;

/** STUN attribute types used by an ICE-lite agent (RFC 8489 §18.3, RFC 8445 §16.1, draft-thatcher-ice-renomination). */
public final class StunAttributes {

    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;
    /** Renomination (used by libwebrtc with aggressive/continual nomination). */
    public static final int NOMINATION = 0xC001;

    /** RFC 8489 §14.3: the USERNAME value must be shorter than 513 bytes. */
    static final int MAX_USERNAME_LENGTH = 512;
    /** RFC 8489 §14.14: SOFTWARE is shorter than 763 bytes. */
    static final int MAX_SOFTWARE_LENGTH = 762;

    static final int MESSAGE_INTEGRITY_LENGTH = 20;
    static final int FINGERPRINT_LENGTH = 4;
    /** XOR applied to the CRC-32 of a FINGERPRINT ("STUN" in ASCII). */
    static final int FINGERPRINT_XOR = 0x5354554E;

    private StunAttributes() {
    }
}
