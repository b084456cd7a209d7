package io.tributary.worker.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.sun.management.ThreadMXBean;

/**
 * Steady-state protect+unprotect of 1200-byte payloads: checks every packet and prints the cost per
 * packet and the bytes allocated per packet (all of it inside jitsi-srtp/JCE). Numbers are
 * informational; only correctness is asserted, so a loaded machine cannot fail the build.
 */
class SrtpCostTest {

    private static final int WARMUP = 20_000;
    private static final int MEASURED = 30_000;
    private static final int PAYLOAD = 1200;

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void measuresProtectAndUnprotect(SrtpProfile profile) {
        SrtpMasterKey key = SrtpMasterKey.random(profile);
        SrtpSession sender = new SrtpSession(profile, key, key);
        SrtpSession receiver = new SrtpSession(profile, key, key);
        byte[] plain = SrtpTestVectors.rtp(new Random(3), 0x4242, 0, PAYLOAD, false);
        byte[] buf = new byte[plain.length + profile.rtpOverhead()];

        run(sender, receiver, plain, buf, 0, WARMUP);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        run(sender, receiver, plain, buf, WARMUP, MEASURED);
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        System.out.printf("SRTP %s: %d ns protect+unprotect per %d-byte packet, %d B allocated per packet"
                        + " (AES: %s)%n", profile, elapsed / MEASURED, plain.length, allocated / MEASURED,
                Aes.createCipher(profile.isAead() ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding").getProvider().getName());
    }

    private static void run(SrtpSession sender, SrtpSession receiver, byte[] plain, byte[] buf, int first, int count) {
        for (int i = first; i < first + count; i++) {
            System.arraycopy(plain, 0, buf, 0, plain.length);
            buf[2] = (byte) (i >> 8);
            buf[3] = (byte) i;
            int len = sender.protectRtp(buf, 0, plain.length);
            assertEquals(plain.length, receiver.unprotectRtp(buf, 0, len));
        }
    }
}
