package io.tributary.worker.sctp;

import io.vertx.core.Vertx;

/** Timers on the calling event loop: Vert.x runs a timer set from a loop's context on that loop. */
public final class VertxSctpTimers implements SctpTimers {

    private final Vertx vertx;

    public VertxSctpTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
    }

    @Override
    public void cancel(long timerId) {
        vertx.cancelTimer(timerId);
    }
}
