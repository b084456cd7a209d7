package io.tributary.protoo;

import io.vertx.core.Future;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded blocking waits for tests, which run on the JUnit thread, never on a Vert.x loop. */
final class Await {

    static final long SECONDS = 10;

    private Await() {
    }

    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static <T> T result(Future<T> future) {
        return result(future.toCompletionStage().toCompletableFuture());
    }

    /** The failure of a future that must fail. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static Throwable failure(Future<?> future) {
        return failure(future.toCompletionStage().toCompletableFuture());
    }

    static <T> T next(BlockingQueue<T> queue) {
        try {
            T item = queue.poll(SECONDS, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("nothing arrived within " + SECONDS + " s");
            }
            return item;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
