package io.tributary.worker.testing;

import io.tributary.worker.Await;
import io.tributary.worker.Worker;
import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Runs synchronous entity methods (producer and consumer calls, closes) on the worker's loop, where
 * entity state lives, and waits for them: whatever they emit has been emitted when these return.
 */
public final class OnLoop {

    private OnLoop() {
    }

    public static <T> T call(Worker worker, Callable<T> task) {
        return Await.result(worker.loop().call(task));
    }

    public static void run(Worker worker, Runnable task) {
        call(worker, () -> {
            task.run();
            return null;
        });
    }

    /** The exception {@code task} throws on the loop; fails if it returns normally. */
    public static Throwable failure(Worker worker, Runnable task) {
        return Await.failure(worker.loop().call(() -> {
            task.run();
            return null;
        }));
    }

    /** The failure of an API call that returns a Future (pause, resume, setPriority, ...). */
    public static Throwable failure(Worker worker, Callable<? extends Future<?>> task) {
        Future<?> outer = worker.loop().call(task);
        return Await.failure(outer.compose(f -> ((Future<?>) f).mapEmpty()));
    }
}
