package io.tributary.protoo;

/**
 * The connection retry schedule of protoo-client's WebSocketTransport (the {@code retry} module without
 * randomisation): after the first attempt, up to {@code retries} more, the {@code n}-th waiting
 * {@code min(minTimeoutMs × factor^(n-1), maxTimeoutMs)}.
 */
public record RetrySchedule(int retries, double factor, long minTimeoutMs, long maxTimeoutMs) {

    public RetrySchedule {
        if (retries < 0 || factor < 1 || minTimeoutMs < 0 || minTimeoutMs > maxTimeoutMs) {
            throw new IllegalArgumentException("invalid retry schedule " + retries + "/" + factor + "/" + minTimeoutMs
                    + "/" + maxTimeoutMs);
        }
    }

    /** protoo-client's defaults: {@code retries: 10, factor: 2, minTimeout: 1000, maxTimeout: 8000}. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(10, 2, 1000, 8000);
    }

    /** The wait before retry {@code retry} (1-based), as the {@code retry} module computes it. */
    public long delayMs(int retry) {
        double delay = Math.max(minTimeoutMs, 1) * Math.pow(factor, retry - 1);
        return Math.min(Math.round(delay), maxTimeoutMs);
    }
}
