package io.tributary.worker.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import io.tributary.worker.testing.Hex;

/** STUN codec against the RFC 5769 test vectors and hand-made malformed messages. */
class StunMessageTest {

    private static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    /** RFC 5769 §2.1 sample request (SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT). */
    static final byte[] SAMPLE_REQUEST = Hex.bytes("""
            000100582112a442b7e7a701bc34d686fa87dfae
            802200105354554e207465737420636c69656e74
            002400046e0001ff80290008932ff9b151263b36
            000600096576746a3a6836765920202000080014
            9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2
            80280004e57a3bcf""");

    /** RFC 5769 §2.2 sample IPv4 response (192.0.2.1:32853). */
    static final byte[] SAMPLE_IPV4_RESPONSE = Hex.bytes("""
            0101003c2112a442b7e7a701bc34d686fa87dfae
            8022000b7465737420766563746f722000200008
            0001a147e112a643000800142b91f599fd9e90c3
            8c7489f92af9ba53f06be7d780280004c07d4c96""");

    /** RFC 5769 §2.3 sample IPv6 response ([2001:db8:1234:5678:11:2233:4455:6677]:32853). */
    static final byte[] SAMPLE_IPV6_RESPONSE = Hex.bytes("""
            010100482112a442b7e7a701bc34d686fa87dfae
            8022000b7465737420766563746f722000200014
            0002a1470113a9faa5d3f179bc25f4b5bed2b9d9
            00080014a382954e4be67bf11784c97c8292c275
            bfe3ed4180280004c8fb0b4c""");

    private final StunMessage message = new StunMessage();

    @Test
    void parsesTheSampleRequest() {
        assertEquals(StunParseResult.OK, message.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length));
        assertTrue(message.isBindingRequest());
        assertEquals("evtj:h6vY", message.username());
        assertEquals(0x6e0001ffL, message.priority());
        assertTrue(message.hasIceControlled());
        assertEquals(0x932ff9b151263b36L, message.iceControlled());
        assertFalse(message.hasIceControlling());
        assertFalse(message.hasUseCandidate());
        assertTrue(message.hasFingerprint());
        assertTrue(message.checkMessageIntegrity(StunMessage.integrityMac(PASSWORD)));
        assertFalse(message.checkMessageIntegrity(StunMessage.integrityMac("wrong")));
        assertTrue(message.usernameHasLocalFragment("evtj".getBytes()));
        assertFalse(message.usernameHasLocalFragment("evt".getBytes()));
        assertFalse(message.usernameHasLocalFragment("h6vY".getBytes()));
        assertArrayEquals(Hex.bytes("b7e7a701bc34d686fa87dfae"), message.transactionId());
    }

    @Test
    void parsesTheSampleResponses() throws Exception {
        assertEquals(StunParseResult.OK, message.parse(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length));
        assertEquals(StunClass.SUCCESS_RESPONSE, message.messageClass());
        assertTrue(message.checkMessageIntegrity(StunMessage.integrityMac(PASSWORD)));
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), message.xorMappedAddress());

        assertEquals(StunParseResult.OK, message.parse(SAMPLE_IPV6_RESPONSE, 0, SAMPLE_IPV6_RESPONSE.length));
        assertTrue(message.checkMessageIntegrity(StunMessage.integrityMac(PASSWORD)));
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
                message.xorMappedAddress());
    }

    @Test
    void rebuildsTheSampleRequestByteForByte() {
        byte[] out = new byte[200];
        StunWriter writer = new StunWriter()
                .begin(out, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, SAMPLE_REQUEST, 8)
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY");
        // RFC 5769 pads with spaces; padding content is arbitrary, so patch it before signing.
        Arrays.fill(out, writer.length() - 3, writer.length(), (byte) 0x20);
        writer.messageIntegrity(StunMessage.integrityMac(PASSWORD)).fingerprint();
        assertEquals(Hex.string(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length), Hex.string(out, 0, writer.length()));
    }

    @Test
    void rebuildsTheSampleResponsesByteForByte() throws Exception {
        assertEquals(Hex.string(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length),
                sampleResponse(InetAddress.getByName("192.0.2.1")));
        assertEquals(Hex.string(SAMPLE_IPV6_RESPONSE, 0, SAMPLE_IPV6_RESPONSE.length),
                sampleResponse(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677")));
    }

    private static String sampleResponse(InetAddress address) {
        byte[] out = new byte[200];
        StunWriter writer = new StunWriter()
                .begin(out, 7, StunMessage.METHOD_BINDING, StunClass.SUCCESS_RESPONSE, SAMPLE_REQUEST, 8)
                .software("test vector");
        out[7 + writer.length() - 1] = 0x20;
        writer.xorMappedAddress(address, 32853).messageIntegrity(StunMessage.integrityMac(PASSWORD)).fingerprint();
        return Hex.string(out, 7, writer.length());
    }

    @Test
    void detectsAFingerprintMismatch() {
        byte[] tampered = SAMPLE_REQUEST.clone();
        tampered[30] ^= 1;
        assertEquals(StunParseResult.FINGERPRINT_MISMATCH, message.parse(tampered, 0, tampered.length));
        assertEquals("evtj:h6vY", message.username());
    }

    @Test
    void classifiesStunAgainstOtherProtocols() {
        assertTrue(StunMessage.isStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length));
        byte[] rtp = Hex.bytes("800f1234decafbadcafebabeabababababababababababab");
        assertFalse(StunMessage.isStun(rtp, 0, rtp.length));
        byte[] dtls = SAMPLE_REQUEST.clone();
        dtls[0] = 22;
        assertFalse(StunMessage.isStun(dtls, 0, dtls.length));
        byte[] wrongCookie = SAMPLE_REQUEST.clone();
        wrongCookie[5] = 0;
        assertFalse(StunMessage.isStun(wrongCookie, 0, wrongCookie.length));
        assertFalse(StunMessage.isStun(SAMPLE_REQUEST, 0, 19));
        assertFalse(StunMessage.isStun(SAMPLE_REQUEST, 100, 20));
        assertFalse(StunMessage.isStun(null, 0, 20));
        assertEquals(StunParseResult.NOT_STUN, message.parse(rtp, 0, rtp.length));
    }

    @Test
    void rejectsMalformedMessages() {
        // Header length that does not match the datagram.
        assertEquals(StunParseResult.MALFORMED, message.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length - 4));
        // An attribute running past the end.
        byte[] overrun = SAMPLE_REQUEST.clone();
        overrun[23] = (byte) 0xF0;
        assertEquals(StunParseResult.MALFORMED, message.parse(overrun, 0, overrun.length));
        // PRIORITY with a wrong length.
        byte[] badPriority = Arrays.copyOf(build(w -> w.priority(1)), 32);
        badPriority[23] = 8;
        badPriority[3] = 12;
        assertEquals(StunParseResult.MALFORMED, message.parse(badPriority, 0, badPriority.length));
        // Anything but FINGERPRINT after MESSAGE-INTEGRITY.
        byte[] afterIntegrity = build(w -> w.messageIntegrity(StunMessage.integrityMac("x")).priority(1));
        assertEquals(StunParseResult.MALFORMED, message.parse(afterIntegrity, 0, afterIntegrity.length));
        // Anything after FINGERPRINT.
        byte[] afterFingerprint = build(w -> w.fingerprint().priority(1));
        assertEquals(StunParseResult.MALFORMED, message.parse(afterFingerprint, 0, afterFingerprint.length));
        // A length that is not a multiple of four.
        byte[] unaligned = Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length + 1);
        unaligned[3] = (byte) (unaligned[3] + 1);
        assertEquals(StunParseResult.MALFORMED, message.parse(unaligned, 0, unaligned.length));
    }

    @Test
    void roundTripsEveryAttribute() {
        byte[] encoded = build(w -> w.username("a:b").priority(0xFFFFFFFFL).useCandidate().iceControlling(-2L)
                .nomination(7).errorCode(487, "Role Conflict").fingerprint());
        assertEquals(StunParseResult.OK, message.parse(encoded, 0, encoded.length));
        assertEquals("a:b", message.username());
        assertEquals(0xFFFFFFFFL, message.priority());
        assertTrue(message.hasUseCandidate());
        assertEquals(-2L, message.iceControlling());
        assertEquals(7, message.nomination());
        assertEquals(487, message.errorCode());
        assertFalse(message.hasMessageIntegrity());
        assertFalse(message.checkMessageIntegrity(StunMessage.integrityMac("x")));
        assertNull(message.xorMappedAddress());
    }

    @Test
    void encodesTypesFromMethodAndClass() {
        assertEquals(0x0001, StunClass.REQUEST.messageType(StunMessage.METHOD_BINDING));
        assertEquals(0x0011, StunClass.INDICATION.messageType(StunMessage.METHOD_BINDING));
        assertEquals(0x0101, StunClass.SUCCESS_RESPONSE.messageType(StunMessage.METHOD_BINDING));
        assertEquals(0x0111, StunClass.ERROR_RESPONSE.messageType(StunMessage.METHOD_BINDING));
        assertEquals(0x0003, StunClass.REQUEST.messageType(0x003));
        for (StunClass c : StunClass.values()) {
            assertEquals(c, StunClass.fromType(c.messageType(0xABC)));
        }
    }

    @Test
    void extractsTheLocalUfragWithoutParsing() {
        assertEquals("evtj", StunMessage.localUsernameFragment(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length));
        byte[] noColon = build(w -> w.username("nocolon"));
        assertNull(StunMessage.localUsernameFragment(noColon, 0, noColon.length));
        assertNull(StunMessage.localUsernameFragment(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length));
        byte[] shifted = new byte[SAMPLE_REQUEST.length + 5];
        System.arraycopy(SAMPLE_REQUEST, 0, shifted, 5, SAMPLE_REQUEST.length);
        assertEquals("evtj", StunMessage.localUsernameFragment(shifted, 5, SAMPLE_REQUEST.length));
    }

    @Test
    void classifyAndParseDoNotAllocate() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int parsed = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                if (StunMessage.isStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length)
                        && message.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length) == StunParseResult.OK) {
                    parsed++;
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // The first round warms up the JIT; the second must be allocation-free.
            if (round == 1) {
                assertEquals(0, allocated, "bytes allocated by 20 000 classify+parse calls");
            }
        }
        assertEquals(40_000, parsed);
    }

    private static byte[] build(Consumer<StunWriter> attributes) {
        byte[] out = new byte[256];
        StunWriter writer = new StunWriter().begin(out, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST,
                SAMPLE_REQUEST, 8);
        attributes.accept(writer);
        return Arrays.copyOf(out, writer.length());
    }
}
