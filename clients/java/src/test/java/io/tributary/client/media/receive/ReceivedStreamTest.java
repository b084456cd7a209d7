package io.tributary.client.media.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.SyntheticPayload;
import io.tributary.worker.rtp.RtpPacket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReceivedStreamTest {

    private final RtpPacket packet = new RtpPacket();
    private long clock = 1_000_000;

    private int[] feed(ReceivedStream stream, int sequenceNumber) {
        byte[] buf = new byte[100];
        RtpPacket.writeHeader(buf, 0, false, 100, sequenceNumber, sequenceNumber * 960L, 1234);
        buf[12] = (byte) 0xF8;
        SyntheticPayload.write(buf, 13, 80, 1234, sequenceNumber, 0, 1, clock - 500, 0);
        packet.wrap(buf, 0, 93);
        clock += 20_000;
        return stream.onPacket(packet, false, clock);
    }

    @Test
    void lossDuplicatesReorderingAndRecoveryAreToldApart() {
        ReceivedStream stream = new ReceivedStream(1234, MediaCodec.OPUS);
        for (int seq : new int[] {10, 11, 13, 12, 12, 15}) {
            feed(stream, seq);
        }
        ReceivedStreamStats stats = stream.stats();

        assertEquals(6, stats.packets());
        assertEquals(5, stats.uniquePackets());
        assertEquals(1, stats.duplicates());
        assertEquals(1, stats.outOfOrder());
        assertEquals(2, stats.gapsDetected());
        assertEquals(1, stats.recovered());
        assertEquals(1, stats.lost());
        assertArrayEquals(new int[] {14}, stream.missingSequenceNumbers());
        assertEquals(5, stats.intact());
        assertEquals(4, stats.latency().samples(), "late and duplicate packets are not latency samples");
        assertEquals(20_500, stats.latency().minMicros());
    }

    @Test
    void sequenceNumbersWrapWithoutLoss() {
        ReceivedStream stream = new ReceivedStream(1234, MediaCodec.OPUS);
        for (int seq : new int[] {65534, 65535, 0, 1}) {
            feed(stream, seq);
        }
        ReceivedStreamStats stats = stream.stats();

        assertEquals(0, stats.lost());
        assertEquals(65536 + 1, stats.highestSequenceNumber());
        assertEquals(0, stats.outOfOrder());
    }

    @Test
    void autoNackNamesOnlyTheNewGap() {
        ReceivedStream stream = new ReceivedStream(1234, MediaCodec.OPUS);
        stream.setAutoNack(true);
        feed(stream, 1);
        assertNull(feed(stream, 2));
        assertArrayEquals(new int[] {3, 4}, feed(stream, 5));
        assertArrayEquals(new int[] {6}, feed(stream, 7));
    }

    @Test
    void aDamagedBodyCountsAsCorrupt() {
        ReceivedStream stream = new ReceivedStream(1234, MediaCodec.OPUS);
        byte[] buf = new byte[100];
        RtpPacket.writeHeader(buf, 0, false, 100, 1, 0, 1234);
        SyntheticPayload.write(buf, 13, 80, 1234, 1, 0, 1, 0, 0);
        buf[50] ^= 0x40;
        packet.wrap(buf, 0, 93);
        stream.onPacket(packet, false, 1);

        assertEquals(1, stream.stats().corrupt());
        assertEquals(0, stream.stats().intact());
    }

    @Test
    void awaitingCompletesOnTheUpdateThatSatisfiesIt() throws Exception {
        ReceivedStream stream = new ReceivedStream(1234, MediaCodec.OPUS);
        CompletableFuture<ReceivedStreamStats> three = stream.awaitPackets(3);
        feed(stream, 1);
        feed(stream, 2);
        assertTrue(!three.isDone());
        feed(stream, 3);
        assertEquals(3, three.getNow(null).uniquePackets());
        assertTrue(stream.firstPacket().isDone(), "already satisfied conditions complete at once");
    }
}
