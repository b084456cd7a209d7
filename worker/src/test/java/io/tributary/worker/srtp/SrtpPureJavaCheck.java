package io.tributary.worker.srtp;

import java.util.Arrays;
import java.util.Random;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * Entry point of the child JVM started by {@link SrtpPureJavaTest}: runs the reference vectors and
 * round trips with jitsi-srtp's native library unavailable. Exit code 0 means all passed.
 */
public final class SrtpPureJavaCheck {

    private SrtpPureJavaCheck() {
    }

    public static void main(String[] args) {
        if (JitsiOpenSslProvider.isLoaded()) {
            fail("the native jitsisrtp library was loaded; the check needs the pure Java path");
        }
        String problem = SrtpTestVectors.check(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpTestVectors.CM_KEY,
                SrtpTestVectors.CM_SRTP, SrtpTestVectors.CM_SRTCP);
        if (problem == null) {
            problem = SrtpTestVectors.check(SrtpProfile.AEAD_AES_128_GCM, SrtpTestVectors.GCM_KEY,
                    SrtpTestVectors.GCM_SRTP, SrtpTestVectors.GCM_SRTCP);
        }
        if (problem != null) {
            fail(problem);
        }
        Random random = new Random(1);
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpMasterKey key = SrtpMasterKey.random(profile);
            SrtpSession session = new SrtpSession(profile, key, key);
            for (int seq = 0; seq < 100; seq++) {
                byte[] plain = SrtpTestVectors.rtp(random, 99, seq, 1200, false);
                byte[] buf = Arrays.copyOf(plain, plain.length + profile.rtpOverhead());
                int len = session.protectRtp(buf, 0, plain.length);
                if (session.unprotectRtp(buf, 0, len) != plain.length
                        || !Arrays.equals(plain, Arrays.copyOf(buf, plain.length))) {
                    fail(profile + " round trip failed");
                }
            }
        }
        System.out.println("ctr=" + Aes.createCipher("AES/CTR/NoPadding").getProvider().getName()
                + " gcm=" + Aes.createCipher("AES/GCM/NoPadding").getProvider().getName());
        System.exit(0);
    }

    private static void fail(String problem) {
        System.out.println("FAILED: " + problem);
        System.exit(1);
    }
}
