package io.tributary.worker.events;

/** Handle returned by {@link EventEmitter#on}; cancelling it removes that listener. */
@FunctionalInterface
public interface Subscription {
    void cancel();
}
