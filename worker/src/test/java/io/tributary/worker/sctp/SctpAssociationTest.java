package io.tributary.worker.sctp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.BigEndian;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SctpAssociationTest {

    private static byte[] payload(int size, int seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static SendResult send(SctpAssociation from, int stream, byte[] data, SctpReliability reliability) {
        return from.sendMessage(stream, 53, data, 0, data.length, reliability);
    }

    @Test
    void oneSideInitiatesTheOtherAnswersStatelessly() {
        var pair = new AssociationPair(new SctpOptions(10, 20, 262_144, 1 << 20),
                new SctpOptions(30, 5, 262_144, 1 << 20), 7);
        pair.a.connect();
        assertTrue(pair.timers.runUntil(pair::bothConnected, 5_000));
        assertEquals(List.of(SctpState.CONNECTING, SctpState.CONNECTED), pair.aEvents.states);
        assertEquals(List.of(SctpState.CONNECTED), pair.bEvents.states);
        assertEquals(5, pair.a.outboundStreams(), "min(our OS 10, peer MIS 5)");
        assertEquals(20, pair.a.inboundStreams(), "min(our MIS 20, peer OS 30)");
        assertEquals(20, pair.b.outboundStreams());
        assertEquals(5, pair.b.inboundStreams());
        assertEquals(0, pair.a.packetsDropped() + pair.b.packetsDropped());
    }

    @Test
    void bothSidesConnectAtOnce() {
        var pair = new AssociationPair().connected();
        assertEquals(List.of(SctpState.CONNECTING, SctpState.CONNECTED), pair.aEvents.states);
        assertEquals(List.of(SctpState.CONNECTING, SctpState.CONNECTED), pair.bEvents.states);
        assertEquals(SendResult.SENT, send(pair.a, 1, payload(10, 1), SctpReliability.RELIABLE_ORDERED));
        assertEquals(SendResult.SENT, send(pair.b, 1, payload(10, 2), SctpReliability.RELIABLE_ORDERED));
        assertTrue(pair.timers.runUntil(() -> pair.aEvents.messages.size() == 1 && pair.bEvents.messages.size() == 1,
                1_000));
    }

    @Test
    void simultaneousOpenSurvivesLossOfSetupPackets() {
        for (int seed = 0; seed < 20; seed++) {
            var pair = new AssociationPair(AssociationPair.OPTIONS, AssociationPair.OPTIONS, seed);
            pair.lossy(0.3, 0.1, 30);
            pair.a.connect();
            pair.b.connect();
            assertTrue(pair.timers.runUntil(pair::bothConnected, 120_000), "seed " + seed);
            byte[] data = payload(3000, seed);
            send(pair.a, 3, data, SctpReliability.RELIABLE_ORDERED);
            assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 1, 60_000), "seed " + seed);
            assertArrayEquals(data, pair.bEvents.messages.get(0).payload());
        }
    }

    @Test
    void messagesOfAllSizesArriveIntactInOrderPerStream() {
        var pair = new AssociationPair().connected();
        pair.lossy(0, 0, 8);
        int[] sizes = {1, 2, 3, 4, 100, 1171, 1172, 1173, 1200, 5000, 65_536, 262_144};
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] data = payload(sizes[i % sizes.length], i);
            sent.add(data);
            assertEquals(SendResult.SENT, send(pair.a, i % 5, data, SctpReliability.RELIABLE_ORDERED));
            pair.timers.advance(1);
        }
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 60, 60_000));
        for (int stream = 0; stream < 5; stream++) {
            List<byte[]> expected = new ArrayList<>();
            List<byte[]> actual = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                if (i % 5 == stream) {
                    expected.add(sent.get(i));
                }
            }
            for (RecordingListener.Message m : pair.bEvents.messages) {
                if (m.streamId() == stream) {
                    actual.add(m.payload());
                    assertEquals(53, m.ppid());
                }
            }
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "stream " + stream + " message " + i);
            }
        }
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 5_000));
    }

    @Test
    void unorderedMessagesArriveIntactUnderReorderingLossAndDuplication() {
        var pair = new AssociationPair().connected();
        pair.lossy(0.05, 0.05, 40);
        var unordered = new SctpReliability(false, -1, -1);
        int total = 0;
        for (int i = 0; i < 40; i++) {
            byte[] data = payload(1 + i * 997 % 20_000, i);
            total += data.length;
            assertEquals(SendResult.SENT, send(pair.a, i % 7, data, unordered));
        }
        int expectedBytes = total;
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 40, 120_000));
        assertEquals(expectedBytes, pair.bEvents.bytesReceived);
        for (RecordingListener.Message m : pair.bEvents.messages) {
            int i = -1;
            for (int j = 0; j < 40; j++) {
                if (1 + j * 997 % 20_000 == m.payload().length && j % 7 == m.streamId()) {
                    i = j;
                }
            }
            assertArrayEquals(payload(m.payload().length, i), m.payload());
        }
    }

    @Test
    void aLostPacketInABurstIsRepairedByFastRetransmit() {
        var pair = new AssociationPair().connected();
        int[] dataPackets = {0};
        pair.aToB.dropIf = p -> p[12] == ChunkType.DATA && ++dataPackets[0] == 2;
        long start = pair.timers.nowMillis();
        for (int i = 0; i < 8; i++) {
            send(pair.a, 0, payload(1000, i), SctpReliability.RELIABLE_ORDERED);
        }
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 8, 10_000));
        assertTrue(pair.timers.nowMillis() - start < RtoEstimator.RTO_INITIAL,
                "repaired before any T3-rtx could fire: " + (pair.timers.nowMillis() - start) + " ms");
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(payload(1000, i), pair.bEvents.messages.get(i).payload());
        }
    }

    @Test
    void aLostLastPacketIsRepairedByT3Timeout() {
        var pair = new AssociationPair().connected();
        int[] dataPackets = {0};
        pair.aToB.dropIf = p -> p[12] == ChunkType.DATA && ++dataPackets[0] == 1;
        long start = pair.timers.nowMillis();
        send(pair.a, 0, payload(500, 1), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 1, 10_000));
        assertTrue(pair.timers.nowMillis() - start >= RtoEstimator.RTO_MIN, "only a timeout could repair it");
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 5_000));
    }

    @Test
    void maxRetransmitsZeroAbandonsALostMessageAndLaterOnesFlow() {
        var pair = new AssociationPair().connected();
        int[] dataPackets = {0};
        pair.aToB.dropIf = p -> p[12] == ChunkType.DATA && ++dataPackets[0] == 1;
        var partial = new SctpReliability(true, 0, -1);
        send(pair.a, 2, payload(300, 1), partial);
        pair.timers.advance(50);
        send(pair.a, 2, payload(300, 2), partial);
        send(pair.a, 2, payload(300, 3), partial);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 2, 10_000));
        assertArrayEquals(payload(300, 2), pair.bEvents.messages.get(0).payload());
        assertArrayEquals(payload(300, 3), pair.bEvents.messages.get(1).payload());
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 10_000));
        send(pair.a, 2, payload(300, 4), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 3, 10_000));
    }

    @Test
    void maxPacketLifeTimeAbandonsAFragmentedMessage() {
        var pair = new AssociationPair().connected();
        int[] dataPackets = {0};
        int[] lostTsn = {0};
        pair.aToB.dropIf = p -> {
            if (p[12] != ChunkType.DATA) {
                return false;
            }
            int tsn = BigEndian.i32(p, 16);
            if (++dataPackets[0] == 2) {
                lostTsn[0] = tsn;
            }
            return dataPackets[0] >= 2 && tsn == lostTsn[0];
        };
        var lifetime = new SctpReliability(false, -1, 300);
        send(pair.a, 4, payload(5000, 1), lifetime);
        send(pair.a, 4, payload(200, 2), lifetime);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 1, 10_000));
        assertArrayEquals(payload(200, 2), pair.bEvents.messages.get(0).payload());
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 10_000));
        pair.timers.advance(5_000);
        assertEquals(1, pair.bEvents.messages.size(), "the abandoned message never arrives");
        send(pair.a, 4, payload(3000, 3), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 2, 10_000));
        assertArrayEquals(payload(3000, 3), pair.bEvents.messages.get(1).payload());
    }

    @Test
    void streamResetWorksBothWaysAndSsnsStartOver() {
        var pair = new AssociationPair().connected();
        for (int i = 0; i < 3; i++) {
            send(pair.a, 1, payload(100, i), SctpReliability.RELIABLE_ORDERED);
            send(pair.b, 6, payload(100, i), SctpReliability.RELIABLE_ORDERED);
        }
        pair.a.resetOutgoingStreams(new int[] {1});
        pair.b.resetOutgoingStreams(new int[] {6});
        assertTrue(pair.timers.runUntil(() -> pair.aEvents.resets.size() == 1 && pair.bEvents.resets.size() == 1,
                5_000));
        assertArrayEquals(new int[] {1}, pair.bEvents.resets.get(0));
        assertArrayEquals(new int[] {6}, pair.aEvents.resets.get(0));
        assertEquals(3, pair.bEvents.messages.size(), "data sent before the reset arrives first");
        send(pair.a, 1, payload(100, 9), SctpReliability.RELIABLE_ORDERED);
        send(pair.b, 6, payload(100, 9), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.aEvents.messages.size() == 4 && pair.bEvents.messages.size() == 4,
                5_000));
        assertArrayEquals(payload(100, 9), pair.bEvents.messages.get(3).payload());
    }

    @Test
    void streamResetWaitsForLostDataBeforeIt() {
        var pair = new AssociationPair().connected();
        int[] dataPackets = {0};
        pair.aToB.dropIf = p -> p[12] == ChunkType.DATA && ++dataPackets[0] == 1;
        send(pair.a, 1, payload(100, 1), SctpReliability.RELIABLE_ORDERED);
        pair.a.resetOutgoingStreams(new int[] {1});
        send(pair.a, 1, payload(100, 2), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 2, 20_000));
        assertEquals(1, pair.bEvents.resets.size());
        assertArrayEquals(payload(100, 1), pair.bEvents.messages.get(0).payload());
        assertArrayEquals(payload(100, 2), pair.bEvents.messages.get(1).payload());
    }

    @Test
    void lostResetRequestsAndResponsesAreRepaired() {
        var pair = new AssociationPair().connected();
        int[] requests = {0};
        int[] responses = {0};
        pair.aToB.dropIf = p -> Packets.contains(p, ChunkType.RE_CONFIG) && ++requests[0] == 1;
        pair.bToA.dropIf = p -> Packets.contains(p, ChunkType.RE_CONFIG) && ++responses[0] == 1;
        pair.a.resetOutgoingStreams(new int[] {2});
        pair.a.resetOutgoingStreams(new int[] {3});
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.resets.size() == 2, 30_000));
        assertArrayEquals(new int[] {2}, pair.bEvents.resets.get(0));
        assertArrayEquals(new int[] {3}, pair.bEvents.resets.get(1));
        send(pair.a, 3, payload(10, 1), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 1, 5_000));
        pair.timers.advance(60_000);
        assertEquals(2, pair.bEvents.resets.size(), "a retransmitted request is not performed twice");
        assertTrue(requests[0] <= 4, "requests stop once answered: " + requests[0]);
    }

    @Test
    void abortDuringSetupFails() {
        var pair = new AssociationPair();
        List<byte[]> inits = new ArrayList<>();
        pair.aToB.dropIf = p -> inits.add(p);
        pair.a.connect();
        int initiateTag = BigEndian.i32(inits.get(0), 16);
        byte[] abort = Packets.write(initiateTag, OpaqueChunk.of(ChunkType.ABORT)).get(0);
        pair.a.receivePacket(abort, 0, abort.length);
        assertEquals(List.of(SctpState.CONNECTING, SctpState.FAILED), pair.aEvents.states);
    }

    @Test
    void aPeerThatStopsAcknowledgingFailsTheAssociation() {
        var pair = new AssociationPair().connected();
        pair.aToB.dropIf = p -> true;
        int before = pair.aToB.sent;
        send(pair.a, 0, payload(100, 1), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.a.state() == SctpState.FAILED, 3_600_000));
        assertEquals(1 + DataTransfer.MAX_RETRANSMISSIONS + 1, pair.aToB.sent - before,
                "first send, 10 retransmissions, ABORT");
    }

    @Test
    void theReceiverWindowIsHonouredWhileAHoleBlocksDelivery() {
        var pair = new AssociationPair().connected();
        long[] firstTsn = {-1};
        long[] highestReceived = {-1};
        boolean[] healed = {false};
        TreeMap<Long, Integer> lengths = new TreeMap<>();
        pair.aToB.dropIf = p -> {
            long[] tsns = Packets.dataTsns(p);
            int[] sizes = Packets.dataLengths(p);
            for (int i = 0; i < tsns.length; i++) {
                lengths.put(tsns[i], sizes[i]);
            }
            firstTsn[0] = firstTsn[0] < 0 && tsns.length > 0 ? tsns[0] : firstTsn[0];
            return !healed[0] && tsns.length > 0 && tsns[0] == firstTsn[0];
        };
        pair.bToA.dropIf = p -> {
            highestReceived[0] = Math.max(highestReceived[0], Packets.highestSacked(p));
            return false;
        };
        int messages = 160;
        for (int i = 0; i < messages; i++) {
            assertEquals(SendResult.SENT, send(pair.a, 1, payload(16_000, i), SctpReliability.RELIABLE_ORDERED));
        }
        pair.timers.advance(20_000);
        assertEquals(0, pair.bEvents.messages.size(), "the first message is lost, all others wait behind it");
        long window = DataTransfer.receiveBufferSize(AssociationPair.OPTIONS);
        long heldBytes = lengths.subMap(firstTsn[0], false, highestReceived[0], true).values().stream()
                .mapToLong(Integer::longValue).sum();
        assertTrue(heldBytes <= window + 2 * 1172, "the receiver took no more than its window: " + heldBytes);
        assertTrue(heldBytes > window / 2, "and the window was used: " + heldBytes);
        healed[0] = true;
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == messages, 120_000));
        for (int i = 0; i < messages; i++) {
            assertArrayEquals(payload(16_000, i), pair.bEvents.messages.get(i).payload());
        }
    }

    @Test
    void closeAbortsThePeer() {
        var pair = new AssociationPair().connected();
        pair.a.close();
        assertEquals(SctpState.CLOSED, pair.a.state());
        assertTrue(pair.timers.runUntil(() -> pair.b.state() == SctpState.CLOSED, 1_000));
        assertEquals(SendResult.NOT_CONNECTED, send(pair.b, 0, payload(1, 1), SctpReliability.RELIABLE_ORDERED));
        pair.a.close();
        assertEquals(List.of(SctpState.CONNECTING, SctpState.CONNECTED, SctpState.CLOSED), pair.aEvents.states);
    }

    @Test
    void initIsRetransmittedWithBackoffThenFails() {
        var pair = new AssociationPair();
        pair.aToB.dropIf = p -> true;
        pair.a.connect();
        assertTrue(pair.timers.runUntil(() -> pair.a.state() == SctpState.FAILED, 600_000));
        assertEquals(1 + Association.MAX_INIT_RETRANSMISSIONS, pair.aToB.sent);
        assertEquals(List.of(SctpState.CONNECTING, SctpState.FAILED), pair.aEvents.states);
        assertEquals(SctpState.NEW, pair.b.state());
    }

    @Test
    void wrongVerificationTagIsDropped() {
        var pair = new AssociationPair().connected();
        List<byte[]> captured = new ArrayList<>();
        pair.aToB.dropIf = p -> captured.add(p);
        send(pair.a, 0, payload(10, 1), SctpReliability.RELIABLE_ORDERED);
        byte[] packet = captured.get(0).clone();
        packet[4] ^= 0x5A;
        new Crc32c().stamp(packet, 0, packet.length);
        pair.b.receivePacket(packet, 0, packet.length);
        assertEquals(1, pair.b.packetsDropped());
        assertEquals(0, pair.bEvents.messages.size());
        pair.b.receivePacket(captured.get(0), 0, captured.get(0).length);
        assertEquals(1, pair.bEvents.messages.size());
    }

    @Test
    void sendResultsAndBufferedAmount() {
        var pair = new AssociationPair(new SctpOptions(4, 4, 10_000, 30_000), AssociationPair.OPTIONS, 3);
        assertEquals(SendResult.NOT_CONNECTED, send(pair.a, 0, payload(10, 1), SctpReliability.RELIABLE_ORDERED));
        pair.connected();
        assertEquals(SendResult.BAD_STREAM, send(pair.a, 4, payload(10, 1), SctpReliability.RELIABLE_ORDERED));
        assertEquals(SendResult.TOO_BIG, send(pair.a, 0, payload(10_001, 1), SctpReliability.RELIABLE_ORDERED));
        assertEquals(SendResult.SENT, send(pair.a, 0, payload(10_000, 1), SctpReliability.RELIABLE_ORDERED));
        assertEquals(SendResult.SENT, send(pair.a, 1, payload(10_000, 2), SctpReliability.RELIABLE_ORDERED));
        assertEquals(SendResult.SENT, send(pair.a, 2, payload(10_000, 3), SctpReliability.RELIABLE_ORDERED));
        assertEquals(30_000, pair.a.bufferedAmount());
        assertEquals(SendResult.BUFFER_FULL, send(pair.a, 3, payload(1, 4), SctpReliability.RELIABLE_ORDERED));
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 10_000));
        assertTrue(pair.aEvents.decreases.size() >= 2);
        long previous = 30_000;
        for (long[] d : pair.aEvents.decreases) {
            assertEquals(previous, d[0]);
            assertTrue(d[1] < d[0]);
            previous = d[1];
        }
        assertEquals(0, previous);
        assertEquals(SendResult.SENT, send(pair.a, 3, payload(1, 4), SctpReliability.RELIABLE_ORDERED));
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 4, 10_000));
    }

    @Test
    void dcepMessagesAreNotDelivered() {
        var pair = new AssociationPair().connected();
        byte[] open = payload(20, 1);
        pair.a.sendMessage(0, SctpPpid.DCEP, open, 0, open.length, SctpReliability.RELIABLE_ORDERED);
        send(pair.a, 0, payload(5, 2), SctpReliability.RELIABLE_ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 1, 5_000));
        pair.timers.advance(1_000);
        assertEquals(1, pair.bEvents.messages.size());
        assertArrayEquals(payload(5, 2), pair.bEvents.messages.get(0).payload());
    }

    @Test
    void bulkTransferWithLossCompletes() {
        var pair = new AssociationPair().connected();
        pair.lossy(0.02, 0, 5);
        int messages = 5 * 1024 * 1024 / 16_384;
        int[] next = {0};
        Runnable refill = () -> {
            while (next[0] < messages && pair.a.bufferedAmount() < 1024 * 1024) {
                assertEquals(SendResult.SENT, send(pair.a, next[0] % 3, payload(16_384, next[0] & 7),
                        SctpReliability.RELIABLE_ORDERED));
                next[0]++;
            }
        };
        refill.run();
        for (int round = 0; round < 10_000 && pair.bEvents.messages.size() < messages; round++) {
            pair.timers.advance(50);
            refill.run();
        }
        assertEquals(messages, pair.bEvents.messages.size());
        assertEquals(5L * 1024 * 1024, pair.bEvents.bytesReceived);
        for (int i = 0; i < messages; i += 97) {
            RecordingListener.Message m = pair.bEvents.messages.get(i);
            assertEquals(16_384, m.payload().length);
        }
        System.out.printf("bulk 5 MiB, 2%% loss: %d ms simulated, %d packets a->b, %d b->a%n",
                pair.timers.nowMillis() - 1_000_000, pair.aToB.sent, pair.bToA.sent);
    }
}
