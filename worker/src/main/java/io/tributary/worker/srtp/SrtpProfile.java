package io.tributary.worker.srtp;

import java.util.List;

import org.jitsi.srtp.SrtpPolicy;

import io.tributary.worker.errors.TypeError;

/**
 * SRTP protection profiles mediasoup supports, declared in mediasoup's DTLS preference order.
 * The enum names are mediasoup's {@code cryptoSuite} strings.
 */
public enum SrtpProfile {
    AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16),
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
    /** RFC 5764 §4.1.2: the 32-bit tag is for SRTP only; SRTCP keeps an 80-bit tag. */
    AES_CM_128_HMAC_SHA1_32(0x0002, 16, 14, 4, 10);

    /** mediasoup's order for use_srtp negotiation: strongest first. */
    public static final List<SrtpProfile> DTLS_PREFERENCE = List.of(values());

    /** SRTCP appends the 31-bit index and E flag to every packet. */
    private static final int SRTCP_INDEX_LENGTH = 4;
    private static final int HMAC_SHA1_KEY_LENGTH = 20;

    private final int dtlsProfileId;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int dtlsProfileId, int masterKeyLength, int masterSaltLength, int rtpTagLength, int rtcpTagLength) {
        this.dtlsProfileId = dtlsProfileId;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** Parses mediasoup's {@code cryptoSuite}; unknown names are a TypeError. */
    public static SrtpProfile fromCryptoSuite(String cryptoSuite) {
        for (SrtpProfile profile : values()) {
            if (profile.name().equals(cryptoSuite)) {
                return profile;
            }
        }
        throw new TypeError("invalid cryptoSuite: " + cryptoSuite);
    }

    /** The profile for an RFC 5764 SRTPProtectionProfile value, or {@code null}. */
    public static SrtpProfile fromDtlsProfileId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.dtlsProfileId == id) {
                return profile;
            }
        }
        return null;
    }

    public String cryptoSuite() {
        return name();
    }

    public int dtlsProfileId() {
        return dtlsProfileId;
    }

    public int masterKeyLength() {
        return masterKeyLength;
    }

    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Bytes of DTLS exporter output: client and server master key and salt (RFC 5764 §4.2). */
    public int keyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    public boolean isAead() {
        return this == AEAD_AES_256_GCM || this == AEAD_AES_128_GCM;
    }

    /** Tail room {@code protectRtp} needs after the packet. */
    public int rtpOverhead() {
        return rtpTagLength;
    }

    /** Tail room {@code protectRtcp} needs after the packet. */
    public int rtcpOverhead() {
        return rtcpTagLength + SRTCP_INDEX_LENGTH;
    }

    SrtpPolicy rtpPolicy() {
        SrtpPolicy policy = policy(rtpTagLength);
        // Retransmitting a packet as-is (NACK without RTX) must be allowed, like libsrtp's allow_repeat_tx.
        policy.setSendReplayEnabled(false);
        return policy;
    }

    SrtpPolicy rtcpPolicy() {
        return policy(rtcpTagLength);
    }

    private SrtpPolicy policy(int tagLength) {
        return isAead()
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, masterKeyLength, SrtpPolicy.NULL_AUTHENTICATION, 0,
                        tagLength, masterSaltLength)
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, masterKeyLength, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                        HMAC_SHA1_KEY_LENGTH, tagLength, masterSaltLength);
    }
}
