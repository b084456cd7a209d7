package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpStreamScoreTest {

    @Test
    void weightedAverageFavoursRecentSamples() {
        RtpStreamScore score = new RtpStreamScore(10, 0);
        score.addSample(1, 0);
        score.addSample(2, 0);
        score.addSample(3, 0);
        score.addSample(4, 0);
        // (1*1 + 2*2 + 3*3 + 4*4) / (1+2+3+4) = 3.0
        assertEquals(3, score.score());
        score.addSample(10, 0);
        // (1 + 4 + 9 + 16 + 50) / 15 = 5.33
        assertEquals(5, score.score());
    }

    @Test
    void keepsTheLastTwentyFourSamples() {
        RtpStreamScore score = new RtpStreamScore(10, 0);
        for (int i = 0; i < 100; i++) {
            score.addSample(0, 0);
        }
        for (int i = 0; i < 23; i++) {
            score.addSample(10, 0);
        }
        // Oldest of the 24 is a 0 with weight 1: 10 * (2 + ... + 24) / 300 = 9.97.
        assertEquals(10, score.score());
        score.addSample(0, 0);
        // 10 * (1 + ... + 23) / 300 = 9.2
        assertEquals(9, score.score());
    }

    @Test
    void reportsOnlyChangesAndTracksActiveSince() {
        RtpStreamScore score = new RtpStreamScore(10, 100);
        assertEquals(-1, score.addSample(10, 200), "unchanged");
        assertEquals(10, score.reset(0, 300));
        assertEquals(100, score.activeSinceMs(), "falling to 0 keeps the time");
        assertEquals(-1, score.reset(0, 400));
        assertEquals(0, score.addSample(3, 500));
        assertEquals(500, score.activeSinceMs(), "rising from 0 restarts it");
        assertEquals(3, score.addSample(10, 600));
        assertEquals(500, score.activeSinceMs());
    }

    /** n, lost, repaired, retransmitted, expected sample. */
    @ParameterizedTest
    @CsvSource({
        "100, 0, 0, 0, 10",
        "100, 1, 0, 0, 10",
        "100, 2, 0, 0, 9",
        "100, 5, 0, 0, 8",
        "100, 10, 0, 0, 7",
        "100, 20, 0, 0, 4",
        "100, 30, 0, 0, 2",
        "100, 50, 0, 0, 1",
        "100, 100, 0, 0, 0",
        // 10 lost, all repaired with one resend each: (1/1.1)^4 = 0.683, lost 10 - 6.83 -> 3.
        "100, 10, 10, 10, 9",
        // Repaired with two resends each weigh half: 10 - 3.415 -> 6.
        "100, 10, 10, 20, 8",
        // Half repaired: (1/1.5)^4 = 0.198, lost 25 - 4.94 -> 20, delivered 0.6^4 = 0.13.
        "50, 25, 25, 25, 1",
    })
    void sampleFormula(long n, long lost, long repaired, long retransmitted, int expected) {
        assertEquals(expected, RtpStreamScore.sample(n, lost, repaired, retransmitted));
    }
}
