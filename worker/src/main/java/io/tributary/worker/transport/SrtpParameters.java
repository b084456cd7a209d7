package io.tributary.worker.transport;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.srtp.SrtpMasterKey;
import io.tributary.worker.srtp.SrtpProfile;

/** mediasoup's {@code srtpParameters}: an SRTP crypto suite and its master key + salt in base64 (SDES style). */
public record SrtpParameters(String cryptoSuite, String keyBase64) {

    public static SrtpParameters random(SrtpProfile profile) {
        return new SrtpParameters(profile.cryptoSuite(), SrtpMasterKey.random(profile).toBase64());
    }

    /** The suite as a profile; an unknown or missing one is a TypeError. */
    public SrtpProfile profile() {
        if (cryptoSuite == null) {
            throw new TypeError("missing srtpParameters.cryptoSuite");
        }
        try {
            return SrtpProfile.fromCryptoSuite(cryptoSuite);
        } catch (RuntimeException e) {
            throw new TypeError("invalid/unsupported srtpParameters.cryptoSuite " + cryptoSuite);
        }
    }

    /** The master key; a missing or wrongly sized key is a TypeError. */
    public SrtpMasterKey masterKey() {
        if (keyBase64 == null) {
            throw new TypeError("missing srtpParameters.keyBase64");
        }
        try {
            return SrtpMasterKey.fromBase64(profile(), keyBase64);
        } catch (TypeError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TypeError("invalid srtpParameters.keyBase64");
        }
    }
}
