package io.tributary.worker.sctp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.BigEndian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed, hostile and unusual packets into live associations, plus the teardown a peer may start. */
class SctpRobustnessTest {

    private static final SctpReliability ORDERED = SctpReliability.RELIABLE_ORDERED;

    private static byte[] packet(int tag, Chunk... chunks) {
        return Packets.write(tag, chunks).get(0);
    }

    /** A connected pair whose packets in both directions are recorded. */
    private static AssociationPair recordedPair(List<byte[]> corpus, long seed) {
        var pair = new AssociationPair(AssociationPair.OPTIONS, AssociationPair.OPTIONS, seed);
        pair.aToB.dropIf = p -> !corpus.add(p);
        pair.bToA.dropIf = p -> !corpus.add(p);
        return pair.connected();
    }

    private static void exchange(AssociationPair pair, Random random) {
        int before = pair.bEvents.messages.size();
        for (int i = 0; i < 12; i++) {
            byte[] data = new byte[1 + random.nextInt(4000)];
            random.nextBytes(data);
            SctpReliability reliability = i % 3 == 0 ? new SctpReliability(false, 0, -1) : ORDERED;
            pair.a.sendMessage(i % 4, 51 + i % 3, data, 0, data.length, reliability);
            pair.b.sendMessage(i % 4, 53, data, 0, Math.min(data.length, 300), ORDERED);
        }
        pair.a.resetOutgoingStreams(new int[] {3});
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == before + 12
                && pair.a.bufferedAmount() == 0 && pair.b.bufferedAmount() == 0, 30_000));
    }

    /** A copy of the packet changed at random: never identical to it. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] p = change(original, random);
        if (Arrays.equals(p, original)) {
            p[12 + random.nextInt(p.length - 12)] ^= 0x10;
        }
        return p;
    }

    private static byte[] change(byte[] original, Random random) {
        byte[] p = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> p = Arrays.copyOf(p, random.nextInt(p.length));
            case 2 -> {
                int at = 12 + random.nextInt(Math.max(1, p.length - 12));
                if (at + 4 <= p.length) {
                    BigEndian.put16(p, at + 2 - (at - 12) % 4, random.nextInt(0x10000));
                }
            }
            case 3 -> p = Arrays.copyOf(p, p.length + 1 + random.nextInt(16));
            default -> p[12 + random.nextInt(Math.max(1, p.length - 12)) % Math.max(1, p.length - 12)] =
                    (byte) random.nextInt(256);
        }
        return p;
    }

    @Test
    void twentyThousandBrokenPacketsAreDroppedAndCountedAndTheAssociationGoesOn() {
        List<byte[]> corpus = new ArrayList<>();
        var pair = recordedPair(corpus, 11);
        Random random = new Random(42);
        exchange(pair, random);
        Crc32c crc = new Crc32c();
        int wrongTag = 0x5A5A5A5A;
        long droppedBefore = pair.b.packetsDropped();
        int fed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] p;
            switch (i % 4) {
                case 0 -> {
                    p = new byte[random.nextInt(1300)];
                    random.nextBytes(p);
                }
                case 1 -> p = mutate(corpus.get(random.nextInt(corpus.size())), random);
                default -> {
                    p = mutate(corpus.get(random.nextInt(corpus.size())), random);
                    if (p.length >= 12) {
                        BigEndian.put32(p, 4, wrongTag); // checks pass up to the tag: the parser sees it all
                        crc.stamp(p, 0, p.length);
                    }
                }
            }
            pair.b.receivePacket(p, 0, p.length);
            fed++;
        }
        assertEquals(fed, pair.b.packetsDropped() - droppedBefore, "every broken packet is dropped and counted");
        assertEquals(SctpState.CONNECTED, pair.b.state());
        exchange(pair, random);
    }

    @Test
    void brokenPacketsWithTheRightTagAndChecksumNeverThrow() {
        List<byte[]> corpus = new ArrayList<>();
        Random random = new Random(7);
        Crc32c crc = new Crc32c();
        for (int round = 0; round < 10; round++) {
            corpus.clear();
            var pair = recordedPair(corpus, round);
            exchange(pair, random);
            List<byte[]> toB = corpus.stream().filter(p -> BigEndian.i32(p, 4) != 0).toList();
            int tag = BigEndian.i32(toB.get(toB.size() - 1), 4);
            for (int i = 0; i < 2_000; i++) {
                byte[] p = mutate(corpus.get(random.nextInt(corpus.size())), random);
                if (p.length >= 12) {
                    BigEndian.put32(p, 4, random.nextInt(8) == 0 ? 0 : tag);
                    crc.stamp(p, 0, p.length);
                }
                pair.b.receivePacket(p, 0, p.length);
                pair.a.receivePacket(p, 0, p.length);
                pair.timers.advance(random.nextInt(3));
            }
            pair.timers.advance(5_000);
        }
    }

    @Test
    void unknownChunksAreSkippedReportedOrStopThePacket() {
        List<byte[]> corpus = new ArrayList<>();
        var pair = recordedPair(corpus, 3);
        int bTag = findTagTo(pair, corpus);
        long nextTsn = lastDataTsn(pair) + 1;
        corpus.clear();
        DataChunk data = new DataChunk(DataChunk.FLAG_BEGINNING | DataChunk.FLAG_END, (int) nextTsn, 0, 2, 51,
                new byte[] {2}, 0, 1);
        byte[] stop = packet(bTag, new OpaqueChunk(0x3E, 0, new byte[] {1}), data);
        pair.b.receivePacket(stop, 0, stop.length);
        pair.timers.advance(1_000);
        assertEquals(2, pair.bEvents.messages.size(), "type 0x3E (00xxxxxx): the rest of the packet is ignored");
        byte[] skipAndReport = packet(bTag, new OpaqueChunk(0xFE, 0, new byte[] {1}), data);
        pair.b.receivePacket(skipAndReport, 0, skipAndReport.length);
        assertTrue(pair.timers.runUntil(() -> pair.bEvents.messages.size() == 3, 1_000), "0xFE: skipped");
        assertTrue(corpus.stream().anyMatch(p -> p[12] == ChunkType.ERROR), "and reported in an ERROR");
        assertEquals(0, pair.b.packetsDropped());
    }

    @Test
    void heartbeatIsAnswered() {
        List<byte[]> corpus = new ArrayList<>();
        var pair = recordedPair(corpus, 4);
        int bTag = findTagTo(pair, corpus);
        corpus.clear();
        byte[] info = {0, 1, 0, 8, 1, 2, 3, 4};
        byte[] heartbeat = packet(bTag, new OpaqueChunk(ChunkType.HEARTBEAT, 0, info));
        pair.b.receivePacket(heartbeat, 0, heartbeat.length);
        byte[] answer = corpus.stream().filter(p -> p[12] == ChunkType.HEARTBEAT_ACK).findFirst().orElseThrow();
        assertArrayEquals(info, Arrays.copyOfRange(answer, 16, 24));
    }

    @Test
    void peerShutdownIsCompletedGracefully() {
        List<byte[]> corpus = new ArrayList<>();
        var pair = recordedPair(corpus, 5);
        pair.b.sendMessage(1, 51, new byte[] {1, 2}, 0, 2, ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.b.bufferedAmount() == 0, 5_000));
        int bTag = findTagTo(pair, corpus);
        byte[] lastSack = corpus.stream().filter(p -> p[12] == ChunkType.SACK && BigEndian.i32(p, 4) != bTag)
                .reduce((x, y) -> y).orElseThrow();
        corpus.clear();
        byte[] shutdown = packet(bTag, new ShutdownChunk(BigEndian.i32(lastSack, 16)));
        pair.b.receivePacket(shutdown, 0, shutdown.length);
        assertTrue(corpus.stream().anyMatch(p -> p[12] == ChunkType.SHUTDOWN_ACK));
        assertEquals(SctpAssociation.SendResult.NOT_CONNECTED, pair.b.sendMessage(0, 51, new byte[1], 0, 1, ORDERED));
        byte[] complete = packet(bTag, OpaqueChunk.of(ChunkType.SHUTDOWN_COMPLETE));
        pair.b.receivePacket(complete, 0, complete.length);
        assertEquals(SctpState.CLOSED, pair.b.state());
        assertEquals(List.of(SctpState.CONNECTING, SctpState.CONNECTED, SctpState.CLOSED), pair.bEvents.states);
    }

    /** The tag b expects: the one on packets a sends (after setup). */
    private static int findTagTo(AssociationPair pair, List<byte[]> corpus) {
        corpus.clear();
        pair.a.sendMessage(0, 51, new byte[] {9}, 0, 1, ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 5_000));
        return corpus.stream().filter(p -> p[12] == ChunkType.DATA).map(p -> BigEndian.i32(p, 4)).findFirst()
                .orElseThrow();
    }

    private static long lastDataTsn(AssociationPair pair) {
        List<byte[]> seen = new ArrayList<>();
        var previous = pair.aToB.dropIf;
        pair.aToB.dropIf = p -> !seen.add(p) || previous.test(p);
        pair.a.sendMessage(0, 51, new byte[] {7}, 0, 1, ORDERED);
        assertTrue(pair.timers.runUntil(() -> pair.a.bufferedAmount() == 0, 5_000));
        pair.aToB.dropIf = previous;
        return BigEndian.u32(seen.stream().filter(p -> p[12] == ChunkType.DATA).findFirst().orElseThrow(), 16);
    }
}
