package io.tributary.client.media;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The one Vert.x event loop a peer lives on: sockets, timers, ICE, SRTP and stream state are only
 * touched there, so they need no locks. Calls from other threads hop onto it.
 */
public final class PeerLoop implements Executor {

    private final Vertx vertx;
    private final ContextInternal context;

    private PeerLoop(Vertx vertx, ContextInternal context) {
        this.vertx = vertx;
        this.context = context;
    }

    /** A fresh event-loop context of {@code vertx} (Vert.x hands them out round robin). */
    public static PeerLoop create(Vertx vertx) {
        return new PeerLoop(vertx, ((VertxInternal) vertx).createEventLoopContext());
    }

    public Vertx vertx() {
        return vertx;
    }

    public Context context() {
        return context;
    }

    /** True on the loop's thread, also inside raw Netty handlers where no Vert.x context is current. */
    public boolean inLoop() {
        return context.nettyEventLoop().inEventLoop();
    }

    /** Runs now when already on the loop, else queues it in order. */
    @Override
    public void execute(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** Runs on the loop and completes with the result (or the exception). */
    public <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** A one-shot timer whose task runs on the loop; returns its id for {@link #cancel}. */
    public long setTimer(long delayMs, Runnable task) {
        return context.setTimer(Math.max(1, delayMs), id -> task.run());
    }

    /** A periodic timer whose task runs on the loop. */
    public long setPeriodic(long periodMs, Runnable task) {
        return context.setPeriodic(Math.max(1, periodMs), id -> task.run());
    }

    public void cancel(long timerId) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
