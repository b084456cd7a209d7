package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportCcFeedbackBuilderTest {

    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder(1000);
    private final TransportCcFeedback parser = new TransportCcFeedback();

    private List<String> parse(byte[] buf, int off, int len) {
        assertTrue(parser.wrap(buf, off, len));
        List<String> out = new ArrayList<>();
        parser.forEachPacket((seq, status, delta) -> out.add(seq + ":" + status + ":" + delta));
        return out;
    }

    @Test
    void writesTwoBitVectorWithPadding() {
        builder.reset(1, 2, 0);
        assertTrue(builder.addReceived(100, 64_250));
        assertTrue(builder.addReceived(101, 64_750));
        assertTrue(builder.addReceived(103, 65_000));
        assertTrue(builder.addReceived(104, 50_000));
        byte[] out = new byte[40];
        int n = builder.write(out, 2);
        assertEquals(28, n);
        assertEquals(Hex.normalize("af cd 00 06 00 00 00 01 00 00 00 02 | 00 64 00 05 00 00 01 00 | d4 60 |"
                + " 01 02 01 ff c4 | 01"), Hex.of(out, 2, n));
        assertEquals(List.of("100:1:1", "101:1:2", "102:0:0", "103:1:1", "104:2:-60"), parse(out, 2, n));
        assertEquals(1, parser.referenceTime());
    }

    @Test
    void longRunsBecomeRunLengthChunks() {
        builder.reset(1, 2, 7);
        for (int i = 0; i < 20; i++) {
            assertTrue(builder.addReceived(65_530 + i, 1_000_000 + i * 1000L));
        }
        assertTrue(builder.addReceived(65_530 + 520, 1_000_000 + 20_000));
        byte[] out = new byte[100];
        int n = builder.write(out, 0);
        assertEquals(n, builder.size());
        // one run of 20 small, one run of 500 not received, one run of 1 small
        assertEquals(Hex.normalize("20 14 01 f4 20 01"), Hex.of(out, 20, 6));
        List<String> got = parse(out, 0, n);
        assertEquals(521, got.size());
        assertEquals("65530:1:160", got.get(0), "first delta is from the 64 ms reference (15 x 256 ticks)");
        assertEquals("65535:1:4", got.get(5));
        assertEquals("0:1:4", got.get(6));
        assertEquals("14:0:0", got.get(20));
        assertEquals("514:1:4", got.get(520));
        assertEquals(7, parser.feedbackPacketCount());
        assertEquals(65_530, parser.baseSequenceNumber());
    }

    @Test
    void refusesWhatItCannotCarry() {
        builder.reset(1, 2, 0);
        assertTrue(builder.addReceived(5, 0));
        assertFalse(builder.addReceived(5, 1000), "duplicate");
        assertFalse(builder.addReceived(4, 1000), "out of order");
        assertFalse(builder.addReceived(6, 1000 + 32_768L * 250), "delta beyond 16 bits");
        assertTrue(builder.addReceived(6, 1000 - 32_768L * 250), "negative delta");
        assertFalse(builder.addReceived(6 + 1000, 2000), "capacity");
        assertEquals(2, builder.packetStatusCount());
        assertEquals(-1, builder.write(new byte[10], 0), "no room");
        builder.reset(1, 2, 0);
        assertTrue(builder.isEmpty());
        assertEquals(-1, builder.write(new byte[100], 0), "nothing to write");
        assertThrows(IllegalArgumentException.class, () -> new TransportCcFeedbackBuilder(0));
    }

    @Test
    void randomArrivalsRoundTrip() {
        Random random = new Random(42);
        byte[] out = new byte[4000];
        for (int round = 0; round < 200; round++) {
            builder.reset(1, 2, round);
            int seq = random.nextInt(65536);
            long time = Math.abs(random.nextLong() % 1_000_000_000_000L);
            List<long[]> arrivals = new ArrayList<>();
            int count = 1 + random.nextInt(300);
            for (int i = 0; i < count; i++) {
                seq = (seq + 1 + (random.nextInt(5) == 0 ? random.nextInt(20) : 0)) & 0xFFFF;
                time += random.nextInt(10) == 0 ? -random.nextInt(20_000) : random.nextInt(100_000);
                if (builder.addReceived(seq, time)) {
                    arrivals.add(new long[] {seq, Math.floorDiv(time, 250)});
                }
            }
            int n = builder.write(out, 0);
            assertEquals(builder.size(), n);
            assertTrue(parser.wrap(out, 0, n));
            List<long[]> decoded = new ArrayList<>();
            long[] tick = {parser.referenceTime() * 256L};
            parser.forEachPacket((s, status, delta) -> {
                if (status != TransportCcFeedback.STATUS_NOT_RECEIVED) {
                    tick[0] += delta;
                    decoded.add(new long[] {s, tick[0]});
                }
            });
            assertEquals(arrivals.size(), decoded.size());
            for (int i = 0; i < arrivals.size(); i++) {
                assertEquals(arrivals.get(i)[0], decoded.get(i)[0], "seq at " + i);
                assertEquals(arrivals.get(i)[1] - arrivals.get(0)[1], decoded.get(i)[1] - decoded.get(0)[1],
                        "arrival tick at " + i);
            }
        }
    }
}
