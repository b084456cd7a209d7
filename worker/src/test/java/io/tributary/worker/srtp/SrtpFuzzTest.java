package io.tributary.worker.srtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bounded fuzzing: random and mutated datagrams never make unprotect throw or report a bogus length. */
class SrtpFuzzTest {

    private static final int ROUNDS = 2000;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void randomDatagramsAreRejectedQuietly(SrtpProfile profile) {
        SrtpMasterKey key = SrtpMasterKey.random(profile);
        SrtpSession session = new SrtpSession(profile, key, key);
        Random random = new Random(31L * profile.ordinal() + 1);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] datagram = new byte[random.nextInt(300)];
            random.nextBytes(datagram);
            if (datagram.length > 0 && (i & 1) == 0) {
                datagram[0] = (byte) (0x80 | (datagram[0] & 0x3F)); // looks like version 2
            }
            assertTrue(session.unprotectRtp(datagram.clone(), 0, datagram.length) < 0);
            assertTrue(session.unprotectRtcp(datagram.clone(), 0, datagram.length) < 0);
            int protectedLength = session.protectRtp(Arrays.copyOf(datagram, datagram.length + 16), 0, datagram.length);
            assertTrue(protectedLength < 0 || protectedLength == datagram.length + profile.rtpOverhead());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void mutatedPacketsNeverAuthenticate(SrtpProfile profile) {
        SrtpMasterKey key = SrtpMasterKey.random(profile);
        SrtpSession sender = new SrtpSession(profile, key, key);
        SrtpSession receiver = new SrtpSession(profile, key, key);
        Random random = new Random(97L * profile.ordinal() + 5);
        for (int i = 0; i < ROUNDS; i++) {
            boolean rtcp = (i & 1) == 1;
            byte[] plain = rtcp ? SrtpTestVectors.rtcp(random, 5, 8 + 4 * random.nextInt(40))
                    : SrtpTestVectors.rtp(random, 5, i, random.nextInt(400), random.nextBoolean());
            byte[] buf = Arrays.copyOf(plain, plain.length + profile.rtcpOverhead());
            int len = rtcp ? sender.protectRtcp(buf, 0, plain.length) : sender.protectRtp(buf, 0, plain.length);
            assertTrue(len > plain.length);

            int mutatedLength = mutate(random, buf, len);
            int result = rtcp ? receiver.unprotectRtcp(buf, 0, mutatedLength) : receiver.unprotectRtp(buf, 0, mutatedLength);
            assertTrue(result < 0, "a mutated packet authenticated");
        }
    }

    /** Flips bits or truncates; returns the new length. Always changes the protected packet. */
    private static int mutate(Random random, byte[] buf, int len) {
        if (random.nextInt(4) == 0) {
            return random.nextInt(len);
        }
        // Distinct bytes past the RTP header (version, SSRC) so the packet still reaches authentication.
        int flips = 1 + random.nextInt(3);
        int start = 12 + random.nextInt(len - 12 - flips + 1);
        for (int at = start; at < start + flips; at++) {
            buf[at] ^= (byte) (1 + random.nextInt(255));
        }
        return len;
    }
}
