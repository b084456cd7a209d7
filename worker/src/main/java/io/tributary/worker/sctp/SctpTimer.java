package io.tributary.worker.sctp;

/** One named protocol timer (T1, T3, delayed SACK, ...) on {@link SctpTimers}: at most one pending run. */
final class SctpTimer {

    private final SctpTimers timers;
    private final Runnable onExpiry;
    private long id = -1;

    SctpTimer(SctpTimers timers, Runnable onExpiry) {
        this.timers = timers;
        this.onExpiry = onExpiry;
    }

    boolean running() {
        return id != -1;
    }

    /** (Re)starts the timer to fire after {@code delayMillis}. */
    void start(long delayMillis) {
        stop();
        long[] self = new long[1];
        self[0] = timers.schedule(delayMillis, () -> {
            if (id == self[0]) {
                id = -1;
                onExpiry.run();
            }
        });
        id = self[0];
    }

    void startIfStopped(long delayMillis) {
        if (!running()) {
            start(delayMillis);
        }
    }

    void stop() {
        if (id != -1) {
            timers.cancel(id);
            id = -1;
        }
    }
}
