package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.RtpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpRetransmissionBufferTest {

    private final PacketSlotPool pool = new PacketSlotPool(64);

    /**
     * mediasoup's RtpRetransmissionBuffer vectors (2000 ms at 90 kHz). Inserts are
     * {@code seq@timestamp}; the expected content lists the span from the oldest packet, with
     * {@code _} for blank slots and {@code seq@timestamp} for stored ones.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "in order           | 4  | 10001@1000000000 10002@1000000000 10003@1000000200 10004@1000000200"
            + " | 10001@1000000000 10002@1000000000 10003@1000000200 10004@1000000200",
        "out of order       | 4  | 20004@2000000200 20001@2000000000 20003@2000000200 20002@2000000000"
            + " | 20001@2000000000 20002@2000000000 20003@2000000200 20004@2000000200",
        "too new empties    | 4  | 30001@3000000000 30002@3000000000 30003@3000000200 40000@3000003000"
            + " | 40000@3000003000",
        "blank slots        | 10 | 40002@4000000002 40003@4000000001 40004@4000000004 40002@4000000002"
            + " 40008@4000000008 40006@4000000006 40000@4000000000"
            + " | 40000@4000000000 _ 40002@4000000002 _ 40004@4000000004 _ 40006@4000000006 _ 40008@4000000008",
        "too old seq        | 4  | 10001@1000000001 10002@1000000002 10003@1000000003 40000@1000000000"
            + " | 10001@1000000001 10002@1000000002 10003@1000000003",
        "too old timestamp  | 4  | 10001@1000000001 10002@1000000002 10003@1000000003 10000@999819903"
            + " | 10001@1000000001 10002@1000000002 10003@1000000003",
        "old seq, newest ts | 4  | 24816@1024930187 24980@1025106407 18365@1026593387 | 18365@1026593387",
        "lower seq newer ts | 4  | 33331@1000000001 33332@1000000002 33330@1000000003 | 33330@1000000003",
        "fuzzer             | 2500 | 12645@828702743 33998@2228092928 33998@2228092928 | 33998@2228092928",
    })
    void mediasoupVectors(String name, int maxItems, String inserts, String expected) {
        RtpRetransmissionBuffer buffer = new RtpRetransmissionBuffer(maxItems, 2000, 90000, pool);
        for (String insert : inserts.trim().split(" +")) {
            String[] parts = insert.split("@");
            buffer.insert(TestPackets.rtp(96, Integer.parseInt(parts[0]), Long.parseLong(parts[1]), 1111, 10));
        }
        assertContent(buffer, expected.trim().split(" +"));
    }

    @Test
    void evictsByCount() {
        RtpRetransmissionBuffer buffer = new RtpRetransmissionBuffer(5, 2000, 90000, pool);
        for (int seq = 65533; seq < 65533 + 8; seq++) {
            assertTrue(buffer.insert(TestPackets.rtp(96, seq & 0xFFFF, 1000 + seq, 1, 10)));
        }
        assertEquals(5, buffer.size());
        assertEquals(0, buffer.oldestSequenceNumber(), "65533..65535 were evicted across the wrap");
        assertEquals(-1, buffer.find(65535));
        assertTrue(buffer.find(4) >= 0);
        // A gap counts against the span: blank slots 5 and 6 push out 0, 1 and 2.
        assertTrue(buffer.insert(TestPackets.rtp(96, 7, 70_000, 1, 10)));
        assertEquals(3, buffer.oldestSequenceNumber());
        assertEquals(5, buffer.size());
        assertEquals(-1, buffer.find(5));
        assertTrue(buffer.find(7) >= 0);
        // A jump beyond the span leaves only the new packet.
        assertTrue(buffer.insert(TestPackets.rtp(96, 20, 70_100, 1, 10)));
        assertEquals(20, buffer.oldestSequenceNumber());
        assertEquals(1, buffer.size());
    }

    @Test
    void evictsByAge() {
        RtpRetransmissionBuffer buffer = new RtpRetransmissionBuffer(2500, 1000, 48000, pool);
        for (int i = 0; i < 100; i++) {
            buffer.insert(TestPackets.rtp(111, 100 + i, 960L * i, 1, 10));
        }
        // 20 ms packets: 100 of them span 1980 ms, more than the 1000 ms an audio buffer keeps.
        assertEquals(100 + 49, buffer.oldestSequenceNumber(), "packet 49 is exactly 1000 ms older than 99");
        assertEquals(-1, buffer.find(148));
        assertTrue(buffer.find(149) >= 0);
    }

    @Test
    void storesAnExactCopyAndCountsResends() {
        RtpRetransmissionBuffer buffer = new RtpRetransmissionBuffer(10, 2000, 90000, pool);
        RtpPacket packet = TestPackets.rtp(96, 7, 1234, 42, 300);
        assertTrue(buffer.insert(packet));
        packet.setSequenceNumber(99);
        int item = buffer.find(7);
        byte[] expected = Arrays.copyOf(packet.buffer(), packet.length());
        expected[3] = 7;
        assertEquals(packet.length(), buffer.length(item));
        assertArrayEquals(expected, Arrays.copyOf(buffer.data(item), buffer.length(item)), "a copy, not the caller's bytes");
        assertEquals(1234, buffer.timestamp(item));
        assertEquals(0, buffer.sentTimes(item));
        assertEquals(1, buffer.markResent(item, 50));
        assertEquals(2, buffer.markResent(item, 80));
        assertEquals(80, buffer.resentAtMs(item));
    }

    @Test
    void refusesOversizedPacketsAndRecyclesSlots() {
        PacketSlotPool small = new PacketSlotPool(4);
        RtpRetransmissionBuffer buffer = new RtpRetransmissionBuffer(3, 2000, 90000, small);
        byte[] big = new byte[1600];
        assertFalse(buffer.insert(TestPackets.rtp(big, 96, 1, 0, 1, 1501 - RtpPacket.FIXED_HEADER_LENGTH)));
        assertTrue(buffer.isEmpty());
        for (int seq = 0; seq < 100; seq++) {
            buffer.insert(TestPackets.rtp(96, seq, seq, 1, 10));
        }
        assertEquals(3, small.createdCount(), "the evicted slot is reused for the new packet");
        buffer.clear();
        assertTrue(buffer.isEmpty());
        assertEquals(-1, buffer.find(99));
        assertEquals(-1, buffer.oldestSequenceNumber());
        assertEquals(3, small.idleCount());
    }

    private static void assertContent(RtpRetransmissionBuffer buffer, String[] expected) {
        assertEquals(expected.length, buffer.size(), "span");
        int first = Integer.parseInt(expected[0].split("@")[0]);
        assertEquals(first, buffer.oldestSequenceNumber());
        for (int i = 0; i < expected.length; i++) {
            int seq = (first + i) & 0xFFFF;
            int item = buffer.find(seq);
            if (expected[i].equals("_")) {
                assertEquals(-1, item, "blank at " + seq);
            } else {
                String[] parts = expected[i].split("@");
                assertEquals(Integer.parseInt(parts[0]), seq);
                assertTrue(item >= 0, "stored " + seq);
                assertEquals(Long.parseLong(parts[1]), buffer.timestamp(item));
            }
        }
    }
}
