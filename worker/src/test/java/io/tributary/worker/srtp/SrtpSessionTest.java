package io.tributary.worker.srtp;

import static io.tributary.worker.srtp.SrtpTestVectors.CM_KEY;
import static io.tributary.worker.srtp.SrtpTestVectors.CM_SRTCP;
import static io.tributary.worker.srtp.SrtpTestVectors.CM_SRTP;
import static io.tributary.worker.srtp.SrtpTestVectors.GCM_KEY;
import static io.tributary.worker.srtp.SrtpTestVectors.GCM_SRTCP;
import static io.tributary.worker.srtp.SrtpTestVectors.GCM_SRTP;
import static io.tributary.worker.srtp.SrtpTestVectors.RTP_PLAIN;
import static io.tributary.worker.srtp.SrtpTestVectors.rtcp;
import static io.tributary.worker.srtp.SrtpTestVectors.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.testing.Hex;

/** SRTP/SRTCP through jitsi-srtp: libsrtp reference vectors, round trips, tampering and replay. */
class SrtpSessionTest {

    @Test
    void aesCmMatchesTheLibsrtpReference() {
        assertNull(SrtpTestVectors.check(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_SRTP, CM_SRTCP));
    }

    @Test
    void aesGcmMatchesTheLibsrtpReference() {
        assertNull(SrtpTestVectors.check(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SRTP, GCM_SRTCP));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripsRtpAndRtcpAcrossSsrcsAndRollover(SrtpProfile profile) {
        SrtpMasterKey a = SrtpMasterKey.random(profile);
        SrtpMasterKey b = SrtpMasterKey.random(profile);
        SrtpSession alice = new SrtpSession(profile, a, b);
        SrtpSession bob = new SrtpSession(profile, b, a);
        Random random = new Random(profile.ordinal());

        for (int i = 0; i < 300; i++) {
            int ssrc = 0x1000 + (i % 3);
            int seq = (65_400 + i) & 0xFFFF; // crosses the 16-bit wrap, so the ROC must follow
            byte[] rtp = rtp(random, ssrc, seq, 20 + random.nextInt(1200), (i & 1) == 0);
            assertRoundTrip(rtp, 5, profile.rtpOverhead(), alice::protectRtp, bob::unprotectRtp);
            assertRoundTrip(rtp, 0, profile.rtpOverhead(), bob::protectRtp, alice::unprotectRtp);

            byte[] rtcp = rtcp(random, ssrc, 24 + 4 * random.nextInt(50));
            assertRoundTrip(rtcp, 3, profile.rtcpOverhead(), alice::protectRtcp, bob::unprotectRtcp);
        }
    }

    @FunctionalInterface
    private interface Transform {
        int apply(byte[] buf, int off, int len);
    }

    private static void assertRoundTrip(byte[] plain, int off, int overhead, Transform protect, Transform unprotect) {
        byte[] buf = new byte[off + plain.length + overhead];
        System.arraycopy(plain, 0, buf, off, plain.length);
        int protectedLength = protect.apply(buf, off, plain.length);
        assertEquals(plain.length + overhead, protectedLength, SrtpStatus.describe(protectedLength));
        assertNotEquals(Hex.string(plain, 0, plain.length), Hex.string(buf, off, plain.length));
        int unprotectedLength = unprotect.apply(buf, off, protectedLength);
        assertEquals(plain.length, unprotectedLength, SrtpStatus.describe(unprotectedLength));
        assertArrayEquals(plain, Arrays.copyOfRange(buf, off, off + plain.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedPacketsFailAuthentication(SrtpProfile profile) {
        SrtpMasterKey key = SrtpMasterKey.random(profile);
        SrtpSession sender = new SrtpSession(profile, key, key);
        SrtpSession receiver = new SrtpSession(profile, key, key);
        Random random = new Random(7);

        byte[] rtp = Arrays.copyOf(rtp(random, 42, 1, 100, false), 200);
        int len = sender.protectRtp(rtp, 0, 112);
        rtp[50] ^= 0x01;
        assertEquals(SrtpStatus.AUTH_FAILED, receiver.unprotectRtp(rtp, 0, len));

        byte[] rtcp = Arrays.copyOf(rtcp(random, 42, 32), 100);
        int rtcpLength = sender.protectRtcp(rtcp, 0, 32);
        rtcp[12] ^= 0x01;
        assertEquals(SrtpStatus.AUTH_FAILED, receiver.unprotectRtcp(rtcp, 0, rtcpLength));

        SrtpSession stranger = new SrtpSession(profile, SrtpMasterKey.random(profile), SrtpMasterKey.random(profile));
        byte[] other = Arrays.copyOf(rtp(random, 43, 1, 100, false), 200);
        int otherLength = sender.protectRtp(other, 0, 112);
        assertEquals(SrtpStatus.AUTH_FAILED, stranger.unprotectRtp(other, 0, otherLength));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replaysAreRejected(SrtpProfile profile) {
        SrtpMasterKey key = SrtpMasterKey.random(profile);
        SrtpSession sender = new SrtpSession(profile, key, key);
        SrtpSession receiver = new SrtpSession(profile, key, key);
        Random random = new Random(9);

        byte[] first = Arrays.copyOf(rtp(random, 7, 1000, 50, false), 100);
        int len = sender.protectRtp(first, 0, 62);
        byte[] copy = first.clone();
        assertEquals(62, receiver.unprotectRtp(first, 0, len));
        assertEquals(SrtpStatus.REPLAYED, receiver.unprotectRtp(copy, 0, len));

        // Move the window far ahead, then the old sequence number is out of it.
        byte[] later = Arrays.copyOf(rtp(random, 7, 1200, 50, false), 100);
        assertEquals(62, receiver.unprotectRtp(later, 0, sender.protectRtp(later, 0, 62)));
        byte[] old = Arrays.copyOf(rtp(random, 7, 1001, 50, false), 100);
        assertEquals(SrtpStatus.TOO_OLD, receiver.unprotectRtp(old, 0, sender.protectRtp(old, 0, 62)));

        byte[] rtcp = Arrays.copyOf(rtcp(random, 7, 28), 100);
        int rtcpLength = sender.protectRtcp(rtcp, 0, 28);
        byte[] rtcpCopy = rtcp.clone();
        assertEquals(28, receiver.unprotectRtcp(rtcp, 0, rtcpLength));
        assertEquals(SrtpStatus.REPLAYED, receiver.unprotectRtcp(rtcpCopy, 0, rtcpLength));
    }

    @Test
    void retransmittingTheSamePacketIsAllowedOnSend() {
        SrtpSession session = new SrtpSession(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_KEY);
        byte[] first = Arrays.copyOf(RTP_PLAIN, 64);
        byte[] again = Arrays.copyOf(RTP_PLAIN, 64);
        assertEquals(38, session.protectRtp(first, 0, 28));
        assertEquals(38, session.protectRtp(again, 0, 28));
        assertArrayEquals(first, again);
    }

    @Test
    void rejectsBadInputWithoutThrowing() {
        SrtpSession session = new SrtpSession(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_KEY);
        byte[] exact = RTP_PLAIN.clone();
        assertEquals(SrtpStatus.NO_ROOM, session.protectRtp(exact, 0, exact.length));
        assertArrayEquals(RTP_PLAIN, exact);
        assertEquals(SrtpStatus.INVALID_PACKET, session.protectRtp(new byte[64], 0, 28));
        assertEquals(SrtpStatus.INVALID_PACKET, session.protectRtp(RTP_PLAIN, 0, 11));
        assertEquals(SrtpStatus.INVALID_PACKET, session.protectRtp(RTP_PLAIN, 20, 28));
        assertEquals(SrtpStatus.INVALID_PACKET, session.unprotectRtp(null, 0, 28));
        assertEquals(SrtpStatus.INVALID_PACKET, session.unprotectRtp(CM_SRTP.clone(), 0, 20));
        assertEquals(SrtpStatus.INVALID_PACKET, session.unprotectRtcp(CM_SRTCP.clone(), 0, 21));
        byte[] extensionOverrun = Arrays.copyOf(RTP_PLAIN, 64);
        extensionOverrun[0] = (byte) 0x90;
        extensionOverrun[14] = 0x7F;
        assertEquals(SrtpStatus.INVALID_PACKET, session.protectRtp(extensionOverrun, 0, 28));

        session.close();
        assertEquals(SrtpStatus.FAILED, session.protectRtp(Arrays.copyOf(RTP_PLAIN, 64), 0, 28));
        assertEquals(SrtpStatus.FAILED, session.unprotectRtp(CM_SRTP.clone(), 0, CM_SRTP.length));
    }

    @Test
    void removedStreamsStartAfresh() {
        SrtpSession sender = new SrtpSession(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_KEY);
        SrtpSession receiver = new SrtpSession(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_KEY);
        byte[] packet = Arrays.copyOf(RTP_PLAIN, 64);
        int len = sender.protectRtp(packet, 0, 28);
        byte[] copy = packet.clone();
        assertEquals(28, receiver.unprotectRtp(packet, 0, len));
        receiver.removeStream(0xcafebabe);
        assertEquals(28, receiver.unprotectRtp(copy, 0, len));
    }

    @Test
    void keyBase64FollowsMediasoupLengths() {
        assertEquals(40, SrtpMasterKey.random(SrtpProfile.AES_CM_128_HMAC_SHA1_80).toBase64().length());
        assertEquals(40, SrtpMasterKey.random(SrtpProfile.AES_CM_128_HMAC_SHA1_32).toBase64().length());
        assertEquals(40, SrtpMasterKey.random(SrtpProfile.AEAD_AES_128_GCM).toBase64().length());
        assertEquals(60, SrtpMasterKey.random(SrtpProfile.AEAD_AES_256_GCM).toBase64().length());

        String base64 = CM_KEY.toBase64();
        assertEquals(CM_KEY, SrtpMasterKey.fromBase64(SrtpProfile.AES_CM_128_HMAC_SHA1_80, base64));
        assertThrows(TypeError.class, () -> SrtpMasterKey.fromBase64(SrtpProfile.AEAD_AES_256_GCM, base64));
        assertThrows(TypeError.class, () -> SrtpMasterKey.fromBase64(SrtpProfile.AES_CM_128_HMAC_SHA1_80, "%%%"));
        assertThrows(TypeError.class, () -> new SrtpSession(SrtpProfile.AEAD_AES_128_GCM, CM_KEY, CM_KEY));
        assertThrows(TypeError.class, () -> SrtpProfile.fromCryptoSuite("AES_CM_256"));
        assertEquals(SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.fromCryptoSuite("AEAD_AES_256_GCM"));
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.fromDtlsProfileId(0x0007));
        assertTrue(CM_KEY.toString().indexOf("e1f9") < 0);
    }

    @Test
    void profilesDescribeTheirKeyingMaterial() {
        assertEquals(88, SrtpProfile.AEAD_AES_256_GCM.keyingMaterialLength());
        assertEquals(56, SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength());
        assertEquals(60, SrtpProfile.AES_CM_128_HMAC_SHA1_80.keyingMaterialLength());
        assertEquals(60, SrtpProfile.AES_CM_128_HMAC_SHA1_32.keyingMaterialLength());
        assertEquals(4, SrtpProfile.AES_CM_128_HMAC_SHA1_32.rtpOverhead());
        assertEquals(14, SrtpProfile.AES_CM_128_HMAC_SHA1_32.rtcpOverhead());
        assertEquals(20, SrtpProfile.AEAD_AES_256_GCM.rtcpOverhead());
    }
}
