package io.tributary.client.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SyntheticPayloadTest {

    private static byte[] body(int length) {
        byte[] buf = new byte[length + 4];
        SyntheticPayload.write(buf, 2, length, 0xCAFE, 77, 3, 5, 123_456_789L, SyntheticPayload.FLAG_KEY_FRAME);
        return buf;
    }

    @Test
    void whatIsWrittenReadsBackAndVerifies() {
        byte[] buf = body(200);

        assertEquals(SyntheticPayload.Verdict.INTACT, SyntheticPayload.verify(buf, 2, 200));
        assertEquals(0xCAFE, SyntheticPayload.streamTag(buf, 2));
        assertEquals(77, SyntheticPayload.frameNumber(buf, 2));
        assertEquals(3, SyntheticPayload.packetIndex(buf, 2));
        assertEquals(5, SyntheticPayload.packetCount(buf, 2));
        assertEquals(123_456_789L, SyntheticPayload.sendMicros(buf, 2));
        assertEquals(SyntheticPayload.FLAG_KEY_FRAME, SyntheticPayload.flags(buf, 2));
    }

    @Test
    void anyAlteredByteOrLengthIsCorrupt() {
        for (int i : new int[] {5, 30, 150, 199}) {
            byte[] buf = body(200);
            buf[2 + i] ^= 0x01;
            assertEquals(SyntheticPayload.Verdict.CORRUPT, SyntheticPayload.verify(buf, 2, 200), "byte " + i);
        }
        assertEquals(SyntheticPayload.Verdict.CORRUPT, SyntheticPayload.verify(body(200), 2, 199));
    }

    @Test
    void foreignBytesAreAbsentNotCorrupt() {
        assertEquals(SyntheticPayload.Verdict.ABSENT, SyntheticPayload.verify(new byte[100], 0, 100));
        assertEquals(SyntheticPayload.Verdict.ABSENT, SyntheticPayload.verify(body(200), 2, 20));
    }

    @Test
    void tooSmallABodyIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticPayload.write(new byte[64], 0, SyntheticPayload.MIN_LENGTH - 1, 1, 1, 0, 1, 0, 0));
    }
}
