package io.tributary.worker.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tributary.worker.ortc.IceParameters;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/** Bounded fuzzing of the STUN codec and the ICE server: no input may make them throw. */
class StunFuzzTest {

    private static final int ROUNDS = 20_000;

    private final StunMessage message = new StunMessage();
    private final Mac mac = StunMessage.integrityMac("password");
    private final IceParameters local = new IceParameters("ufrag", "password", true);
    private final InetSocketAddress remote = new InetSocketAddress("192.0.2.1", 5000);

    @Test
    void randomDatagramsNeverThrow() {
        Random random = new Random(11);
        IceServer<String> server = new IceServer<>(local, 30, (buf, off, len, tuple) -> { });
        for (int i = 0; i < ROUNDS; i++) {
            byte[] datagram = new byte[random.nextInt(120)];
            random.nextBytes(datagram);
            if (datagram.length >= 8 && (i & 1) == 0) {
                // Make half of them pass the cheap STUN test so the attribute walk is exercised.
                datagram[0] &= 0x01;
                datagram[4] = 0x21;
                datagram[5] = 0x12;
                datagram[6] = (byte) 0xA4;
                datagram[7] = 0x42;
                if (datagram.length >= 20) {
                    datagram[2] = (byte) ((datagram.length - 20) >> 8);
                    datagram[3] = (byte) (datagram.length - 20);
                }
            }
            exercise(server, datagram, datagram.length);
        }
    }

    @Test
    void mutatedRequestsNeverThrowAndNeverAuthenticate() {
        Random random = new Random(13);
        byte[] valid = request(random);
        IceServer<String> server = new IceServer<>(local, 30, (buf, off, len, tuple) -> {
            assertEquals(StunParseResult.OK, new StunMessage().parse(buf, off, len));
        });
        for (int i = 0; i < ROUNDS; i++) {
            byte[] mutated = valid.clone();
            int length = mutated.length;
            switch (random.nextInt(3)) {
                case 0 -> mutated[random.nextInt(length)] ^= (byte) (1 + random.nextInt(255));
                case 1 -> length = random.nextInt(length);
                default -> {
                    int at = 20 + 4 * random.nextInt((length - 20) / 4);
                    mutated[at + 2] = (byte) random.nextInt(256);
                    mutated[at + 3] = (byte) random.nextInt(256);
                }
            }
            exercise(server, mutated, length);
            if (message.parse(mutated, 0, length) == StunParseResult.OK && message.hasMessageIntegrity()
                    && !Arrays.equals(valid, Arrays.copyOf(mutated, length))) {
                assertFalse(message.checkMessageIntegrity(mac), "a mutated request authenticated");
            }
        }
    }

    private void exercise(IceServer<String> server, byte[] datagram, int length) {
        StunMessage.isStun(datagram, 0, length);
        StunMessage.localUsernameFragment(datagram, 0, length);
        StunParseResult result = message.parse(datagram, 0, length);
        assertNotNull(result);
        if (result != StunParseResult.NOT_STUN && result != StunParseResult.MALFORMED) {
            message.username();
            message.xorMappedAddress();
            message.checkMessageIntegrity(mac);
        }
        server.processStun(datagram, 0, length, "tuple", remote, 0);
    }

    private byte[] request(Random random) {
        byte[] tid = new byte[12];
        random.nextBytes(tid);
        byte[] out = new byte[200];
        StunWriter writer = new StunWriter().begin(out, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username("ufrag:peer")
                .priority(12345)
                .iceControlling(99)
                .useCandidate()
                .messageIntegrity(mac)
                .fingerprint();
        return Arrays.copyOf(out, writer.length());
    }
}
