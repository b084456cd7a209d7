package io.tributary.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One-way delays in whole microseconds, recorded from every consumer peer's loop at once and
 * read as percentiles. One slot per microsecond up to 100 ms keeps percentiles exact where they
 * matter; anything slower lands in the last slot and shows as "≥ 100 ms".
 */
final class LatencyHistogram {

    static final int MAX_MICROS = 100_000;

    private final AtomicLongArray counts = new AtomicLongArray(MAX_MICROS + 1);
    private volatile boolean recording;

    void start() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
        recording = true;
    }

    void stop() {
        recording = false;
    }

    void record(long micros) {
        if (recording) {
            counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MICROS, micros)));
        }
    }

    /** Percentiles of what was recorded between start and stop. */
    Summary summary() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return new Summary(total, percentile(total, 0.50), percentile(total, 0.99), percentile(total, 0.999),
                percentile(total, 1.0));
    }

    /** The smallest delay at or under which {@code fraction} of the samples fall; -1 without samples. */
    private long percentile(long total, double fraction) {
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MICROS;
    }

    record Summary(long samples, long p50Micros, long p99Micros, long p999Micros, long maxMicros) {
    }
}
