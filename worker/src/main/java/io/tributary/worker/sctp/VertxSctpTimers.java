package io.tributary.worker.sctp;

import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

/**
 * Timers on one event-loop context. Bound to the context, not to Vertx: socket handlers run as raw
 * Netty handlers where no Vert.x context is current, and a plain {@code vertx.setTimer} there would
 * fire on some other thread.
 */
public final class VertxSctpTimers implements SctpTimers {

    private final ContextInternal context;

    public VertxSctpTimers(Context context) {
        this.context = (ContextInternal) context;
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        return context.setTimer(Math.max(1, delayMillis), id -> task.run());
    }

    @Override
    public void cancel(long timerId) {
        context.owner().cancelTimer(timerId);
    }
}
