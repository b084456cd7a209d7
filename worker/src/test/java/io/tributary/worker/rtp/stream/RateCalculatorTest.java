package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateCalculatorTest {

    @Test
    void steadyRateOverTheWindow() {
        RateCalculator rate = new RateCalculator(1000);
        // 125 bytes every 10 ms for 3 s: 100 kbps.
        for (long t = 0; t < 3000; t += 10) {
            rate.update(125, t);
        }
        assertEquals(100_000, rate.rate(2999));
    }

    @Test
    void oldBucketsLeaveTheWindow() {
        RateCalculator rate = new RateCalculator(1000, 10);
        rate.update(1000, 0);
        rate.update(1000, 550);
        assertEquals(16_000, rate.rate(600));
        assertEquals(8_000, rate.rate(1000), "the bucket at 0 ms has left");
        assertEquals(8_000, rate.rate(1499), "buckets of 100 ms: the 500 ms one is in");
        assertEquals(0, rate.rate(1500));
        assertEquals(0, rate.rate(10_000));
    }

    @Test
    void reusedBucketStartsFromZero() {
        RateCalculator rate = new RateCalculator(1000, 10);
        rate.update(500, 50);
        rate.update(300, 1050);
        assertEquals(2_400, rate.rate(1050), "the slot of 50 ms now holds only 1050 ms");
        rate.reset();
        assertEquals(0, rate.rate(1050));
    }

    @Test
    void windowOfTwoAndAHalfSeconds() {
        RateCalculator rate = new RateCalculator(2500);
        for (long t = 0; t < 5000; t += 20) {
            rate.update(250, t);
        }
        assertEquals(100_000, rate.rate(4999));
    }

    @Test
    void rejectsEmptyWindows() {
        assertThrows(IllegalArgumentException.class, () -> new RateCalculator(0));
        assertThrows(IllegalArgumentException.class, () -> new RateCalculator(1000, 0));
    }
}
