package io.tributary.worker.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import io.tributary.worker.errors.TypeError;

/**
 * One direction's SRTP master key and salt. Immutable: the arrays are copied in and out.
 * The SDES-style {@code keyBase64} of mediasoup's PlainTransport is key||salt in base64.
 */
public final class SrtpMasterKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final byte[] salt;

    public SrtpMasterKey(byte[] key, byte[] salt) {
        this.key = key.clone();
        this.salt = salt.clone();
    }

    /** Fresh random material for {@code profile}, as PlainTransport's {@code enableSrtp} generates. */
    public static SrtpMasterKey random(SrtpProfile profile) {
        byte[] material = new byte[profile.masterKeyLength() + profile.masterSaltLength()];
        RANDOM.nextBytes(material);
        return fromConcatenated(profile, material);
    }

    /** Decodes mediasoup's {@code keyBase64}; wrong base64 or a length not matching the profile is a TypeError. */
    public static SrtpMasterKey fromBase64(SrtpProfile profile, String keyBase64) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(keyBase64);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TypeError("invalid keyBase64");
        }
        if (material.length != profile.masterKeyLength() + profile.masterSaltLength()) {
            throw new TypeError("invalid keyBase64 length for " + profile.cryptoSuite());
        }
        return fromConcatenated(profile, material);
    }

    private static SrtpMasterKey fromConcatenated(SrtpProfile profile, byte[] material) {
        int keyLength = profile.masterKeyLength();
        return new SrtpMasterKey(Arrays.copyOf(material, keyLength),
                Arrays.copyOfRange(material, keyLength, material.length));
    }

    public byte[] key() {
        return key.clone();
    }

    public byte[] salt() {
        return salt.clone();
    }

    /** key||salt in base64, as mediasoup's {@code srtpParameters.keyBase64}. */
    public String toBase64() {
        byte[] material = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, material, key.length, salt.length);
        return Base64.getEncoder().encodeToString(material);
    }

    boolean fits(SrtpProfile profile) {
        return key.length == profile.masterKeyLength() && salt.length == profile.masterSaltLength();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey other && Arrays.equals(key, other.key) && Arrays.equals(salt, other.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SrtpMasterKey[" + key.length + "+" + salt.length + " bytes]";
    }
}
