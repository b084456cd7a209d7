package io.tributary.worker.rtp.stream;

import java.util.Arrays;

/**
 * Bitrate over a sliding window, in fixed time buckets so updating costs O(1) and nothing is
 * allocated. Buckets older than the window are ignored when reading and overwritten when reused.
 */
public final class RateCalculator {

    public static final int DEFAULT_BUCKETS = 100;

    private final int windowMs;
    private final int bucketMs;
    private final long[] bytes;
    private final long[] epochs;

    public RateCalculator(int windowMs) {
        this(windowMs, DEFAULT_BUCKETS);
    }

    public RateCalculator(int windowMs, int buckets) {
        if (windowMs <= 0 || buckets <= 0) {
            throw new IllegalArgumentException("window and buckets must be positive");
        }
        this.windowMs = windowMs;
        this.bucketMs = Math.max(1, windowMs / buckets);
        int n = Math.max(1, windowMs / bucketMs);
        this.bytes = new long[n];
        this.epochs = new long[n];
        reset();
    }

    public void update(int size, long nowMs) {
        long epoch = Math.floorDiv(nowMs, bucketMs);
        int i = (int) Math.floorMod(epoch, (long) epochs.length);
        if (epochs[i] != epoch) {
            epochs[i] = epoch;
            bytes[i] = 0;
        }
        bytes[i] += size;
    }

    /** Bits per second over the window ending now, rounded. */
    public long rate(long nowMs) {
        long epoch = Math.floorDiv(nowMs, bucketMs);
        long oldest = epoch - epochs.length;
        long sum = 0;
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] > oldest && epochs[i] <= epoch) {
                sum += bytes[i];
            }
        }
        return Math.round(sum * 8000.0 / windowMs);
    }

    public void reset() {
        Arrays.fill(epochs, Long.MIN_VALUE);
        Arrays.fill(bytes, 0);
    }
}
