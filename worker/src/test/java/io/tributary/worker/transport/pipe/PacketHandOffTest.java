package io.tributary.worker.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process pipe's queue: batched hand-off, bounded with counted drops, recycled buffers. */
class PacketHandOffTest {

    private final ArrayDeque<Runnable> receiverLoop = new ArrayDeque<>();
    private final List<byte[]> received = new ArrayList<>();
    private final List<Boolean> rtcpFlags = new ArrayList<>();

    private PacketHandOff handOff(int capacity) {
        return new PacketHandOff(capacity, receiverLoop::add, (buf, off, len, rtcp, now) -> {
            received.add(Arrays.copyOfRange(buf, off, off + len));
            rtcpFlags.add(rtcp);
        });
    }

    private void runReceiverLoop() {
        while (!receiverLoop.isEmpty()) {
            receiverLoop.poll().run();
        }
    }

    @Test
    void oneTaskDeliversEveryPacketQueuedBeforeItRuns() {
        PacketHandOff handOff = handOff(256);

        for (int i = 0; i < 100; i++) {
            assertTrue(handOff.offer(packet(i, 40 + i), 2, 40 + i, i % 10 == 0));
        }

        assertEquals(1, receiverLoop.size(), "one wake-up for the whole batch");
        assertEquals(100, handOff.queued());
        runReceiverLoop();
        assertEquals(100, received.size());
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(Arrays.copyOfRange(packet(i, 40 + i), 2, 42 + i), received.get(i));
            assertEquals(i % 10 == 0, rtcpFlags.get(i));
        }
        assertEquals(1, handOff.drains());
        assertEquals(0, handOff.queued());

        handOff.offer(packet(7, 50), 2, 50, false);
        assertEquals(1, receiverLoop.size(), "the next packet wakes the receiver again");
    }

    @Test
    void aFullQueueDropsAndCounts() {
        PacketHandOff handOff = handOff(8);

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += handOff.offer(packet(i, 100), 2, 100, false) ? 1 : 0;
        }

        assertEquals(8, accepted);
        assertEquals(2, handOff.dropped());
        runReceiverLoop();
        assertEquals(8, received.size());
        assertTrue(handOff.offer(packet(1, 100), 2, 100, false), "room again once drained");
    }

    @Test
    void aPacketLargerThanTheSlotGetsABiggerBuffer() {
        PacketHandOff handOff = handOff(4);
        byte[] jumbo = packet(3, 4000);

        handOff.offer(jumbo, 2, 4000, false);
        runReceiverLoop();

        assertArrayEquals(Arrays.copyOfRange(jumbo, 2, 4002), received.get(0));
    }

    @Test
    void afterCloseNothingIsDelivered() {
        PacketHandOff handOff = handOff(8);
        handOff.offer(packet(1, 100), 2, 100, false);

        handOff.close();

        assertFalse(handOff.offer(packet(2, 100), 2, 100, false));
        runReceiverLoop();
        assertEquals(List.of(), received);
    }

    @Test
    void steadyStateAllocatesNothingPerPacket() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        long[] sink = new long[1];
        PacketHandOff handOff = new PacketHandOff(64, Runnable::run, (buf, off, len, rtcp, now) -> sink[0] += len);
        byte[] packet = packet(5, 1200);
        for (int i = 0; i < 10_000; i++) {
            handOff.offer(packet, 2, 1200, false);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50_000; i++) {
            handOff.offer(packet, 2, 1200, false);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 50000 packets");
        assertEquals(60_000L * 1200, sink[0]);
    }

    /** {@code len} bytes of recognisable content after a 2-byte offset. */
    private static byte[] packet(int seed, int len) {
        byte[] out = new byte[len + 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (seed * 31 + i);
        }
        return out;
    }
}
