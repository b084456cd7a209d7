package io.tributary.worker.rtp.stream;

/**
 * A stream's 0..10 score: the weighted average of the last 24 samples (weights 1..n, the newest
 * heaviest), rounded. Also remembers since when the stream has been active: a rise from 0 resets
 * that time, which simulcast layer selection uses to skip streams that just came back.
 */
public final class RtpStreamScore {

    public static final int MAX_SCORE = 10;
    public static final int HISTORY = 24;

    private final byte[] samples = new byte[HISTORY];
    private int head;
    private int count;
    private int score;
    private long activeSinceMs;

    public RtpStreamScore(int initialScore, long nowMs) {
        this.score = initialScore;
        this.activeSinceMs = nowMs;
    }

    public int score() {
        return score;
    }

    public long activeSinceMs() {
        return activeSinceMs;
    }

    /** Adds a sample and returns the previous score, or -1 when the rounded score did not change. */
    public int addSample(int sample, long nowMs) {
        samples[(head + count) % HISTORY] = (byte) sample;
        if (count < HISTORY) {
            count++;
        } else {
            head = (head + 1) % HISTORY;
        }
        long weighted = 0;
        long weights = 0;
        for (int i = 0; i < count; i++) {
            int weight = i + 1;
            weights += weight;
            weighted += (long) weight * samples[(head + i) % HISTORY];
        }
        return set((int) Math.round((double) weighted / weights), nowMs);
    }

    /** Forgets the history and sets the score; returns the previous score, or -1 when unchanged. */
    public int reset(int newScore, long nowMs) {
        head = 0;
        count = 0;
        return set(newScore, nowMs);
    }

    private int set(int newScore, long nowMs) {
        int previous = score;
        if (newScore == previous) {
            return -1;
        }
        score = newScore;
        if (previous == 0) {
            activeSinceMs = nowMs;
        }
        return previous;
    }

    /**
     * One sample from an interval of {@code n > 0} packets (received by a producer stream, sent by
     * a consumer stream): {@code round(10 * deliveredRatio^4)}, where packets repaired by
     * retransmission count back, less so the more of them there were and the more retransmissions
     * they took. Single precision as in mediasoup, so the same inputs give the same scores.
     */
    public static int sample(long n, long lost, long repaired, long retransmitted) {
        float repairedRatio = (float) repaired / (float) n;
        double repairedWeight = Math.pow(1 / (repairedRatio + 1), 4);
        if (retransmitted > 0) {
            repairedWeight *= (float) repaired / retransmitted;
        }
        long adjustedLost = (long) (lost - repaired * repairedWeight);
        float deliveredRatio = (float) (n - adjustedLost) / (float) n;
        return (int) Math.round(Math.pow(deliveredRatio, 4) * MAX_SCORE);
    }
}
