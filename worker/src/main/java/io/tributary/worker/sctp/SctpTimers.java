package io.tributary.worker.sctp;

/**
 * Time and timers for an association: the worker loop's in production, a manual clock in tests
 * (so loss and retransmission are tested without sleeping). Callbacks run on the owner's loop.
 */
public interface SctpTimers {

    long nowMillis();

    /** Runs {@code task} once after {@code delayMillis}; returns an id for {@link #cancel}. */
    long schedule(long delayMillis, Runnable task);

    void cancel(long timerId);
}
