package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SerialNumbersTest {

    @Test
    void sequenceNumbersWrap() {
        assertTrue(SerialNumbers.isNewerSeq(1, 0));
        assertTrue(SerialNumbers.isNewerSeq(0, 65535));
        assertTrue(SerialNumbers.isNewerSeq(10, 65530));
        assertFalse(SerialNumbers.isNewerSeq(65530, 10));
        assertFalse(SerialNumbers.isNewerSeq(5, 5));
        assertTrue(SerialNumbers.isNewerSeq(0x8000, 0), "half way: larger raw value wins");
        assertFalse(SerialNumbers.isNewerSeq(0, 0x8000));
        assertEquals(1, SerialNumbers.seqDiff(0, 65535));
        assertEquals(-1, SerialNumbers.seqDiff(65535, 0));
        assertEquals(16, SerialNumbers.seqDiff(10, 65530));
        assertEquals(32767, SerialNumbers.seqDiff(32767, 0));
        assertEquals(-32768, SerialNumbers.seqDiff(32768, 0));
        assertEquals(2, SerialNumbers.latestSeq(65535, 2));
        assertEquals(65535, SerialNumbers.latestSeq(65535, 65534));
    }

    @Test
    void timestampsWrap() {
        assertTrue(SerialNumbers.isNewerTimestamp(100, 0xFFFF_FF00L));
        assertFalse(SerialNumbers.isNewerTimestamp(0xFFFF_FF00L, 100));
        assertFalse(SerialNumbers.isNewerTimestamp(7, 7));
        assertTrue(SerialNumbers.isNewerTimestamp(0x8000_0000L, 0));
        assertFalse(SerialNumbers.isNewerTimestamp(0, 0x8000_0000L));
        assertEquals(356, SerialNumbers.timestampDiff(100, 0xFFFF_FF00L));
        assertEquals(-356, SerialNumbers.timestampDiff(0xFFFF_FF00L, 100));
    }

    @Test
    void unwrapsSequenceNumbersAcrossRollover() {
        SerialUnwrapper u = SerialUnwrapper.forSequenceNumbers();
        assertEquals(-1, u.highest());
        assertEquals(65534, u.unwrap(65534));
        assertEquals(65535, u.unwrap(65535));
        assertEquals(65536, u.unwrap(0));
        assertEquals(65533, u.unwrap(65533), "late packet from the previous cycle");
        assertEquals(65536 + 5, u.unwrap(5));
        assertEquals(1, u.cycles());
        assertEquals(65536 + 5, u.highest());
        assertEquals(65535, u.peek(0xFFFF), "peek does not move the state");
        assertEquals(65536 + 5, u.highest());
        for (int i = 0; i < 3 * 65536; i += 1000) {
            u.unwrap(i & 0xFFFF);
        }
        assertEquals(3, u.cycles());
        u.reset();
        assertEquals(-1, u.highest());
        assertEquals(3, u.unwrap(3));
        assertEquals(-2, u.unwrap(65534), "older than the first value");
        assertEquals(0, u.cycles());
    }

    @Test
    void unwrapsTimestamps() {
        SerialUnwrapper u = SerialUnwrapper.forTimestamps();
        assertEquals(0xFFFF_FF00L, u.unwrap(0xFFFF_FF00L));
        assertEquals(0x1_0000_0010L, u.unwrap(0x10));
        assertEquals(0xFFFF_FFF0L, u.unwrap(0xFFFF_FFF0L));
        assertEquals(1, u.cycles());
    }
}
