package io.tributary.dispatcher.placement;

/**
 * How often the adaptive weights are re-tuned. The rule: halve the period when some node's load
 * moved by more than 0.05 since the last tuning (the weights are going stale fast), double it
 * when none moved by more than 0.01 (nothing to correct, and fewer ring changes), else keep it;
 * always between one heartbeat (2 s) and a minute.
 */
final class UpdatePeriod {

    static final long MIN_MS = 2_000;
    static final long MAX_MS = 60_000;
    static final long INITIAL_MS = 10_000;
    static final double FAST_SHIFT = 0.05;
    static final double STABLE_SHIFT = 0.01;

    private UpdatePeriod() {}

    static long next(long periodMs, double largestLoadShift) {
        if (largestLoadShift > FAST_SHIFT) {
            return Math.max(MIN_MS, periodMs / 2);
        }
        if (largestLoadShift < STABLE_SHIFT) {
            return Math.min(MAX_MS, periodMs * 2);
        }
        return periodMs;
    }
}
