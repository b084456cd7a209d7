package io.tributary.client.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RtcpStatsTest {

    @Test
    void plisPerWindowCountTheBusiestSecond() {
        RtcpCounters counters = new RtcpCounters();
        for (long t : new long[] {0, 500, 900, 2000, 3100}) {
            counters.pli(42, t);
        }
        counters.pli(7, 100);
        RtcpStats stats = counters.snapshot();

        assertEquals(5, stats.plis(42));
        assertEquals(3, stats.maxPlisWithin(42, 1000));
        assertEquals(1, stats.maxPlisWithin(42, 400));
        assertEquals(1, stats.maxPlisWithin(7, 1000));
        assertEquals(0, stats.maxPlisWithin(99, 1000));
        assertEquals(6, stats.plis());
    }
}
