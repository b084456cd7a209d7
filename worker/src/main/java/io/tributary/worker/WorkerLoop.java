package io.tributary.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;

/**
 * The one event-loop thread a worker's entities live on. Public API calls may come from any
 * thread; they hop here, so entity state needs no locks.
 */
public final class WorkerLoop {

    private final Context context;
    private final WorkerTicks ticks = new WorkerTicks();
    private volatile Thread thread;

    WorkerLoop(Context context) {
        this.context = context;
        context.runOnContext(v -> thread = Thread.currentThread());
    }

    public Context context() {
        return context;
    }

    /** The worker's 40 ms beat; register and cancel only on the loop. */
    public WorkerTicks ticks() {
        return ticks;
    }

    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop: now when already there, else queued. */
    public void execute(Runnable task) {
        if (isCurrent()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** Runs {@code task} on the loop; a thrown exception fails the Future (mediasoup's rejected promise). */
    public <T> Future<T> call(Callable<T> task) {
        Promise<T> promise = Promise.promise();
        execute(() -> {
            try {
                promise.complete(task.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** Like {@link #call} for tasks that themselves complete asynchronously. */
    public <T> Future<T> compose(Callable<Future<T>> task) {
        return call(task).compose(f -> f);
    }

    Thread thread() {
        return thread;
    }
}
