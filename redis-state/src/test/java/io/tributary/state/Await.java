package io.tributary.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Blocking helpers for tests, which run on the JUnit thread, never on an event loop. */
public final class Await {

    private static final long POLL_MS = 20;

    private Await() {
    }

    public static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether {@code future} succeeds (waiting for it); for polling something that may fail for a while. */
    public static boolean succeeds(Future<?> future) {
        return future.toCompletionStage().toCompletableFuture().handle((value, err) -> err == null).join();
    }

    /** Calls until a call succeeds, and returns its value: for a server that may still be starting. */
    public static <T> T firstSuccess(String what, Duration timeout, Supplier<Future<T>> call) {
        AtomicReference<T> value = new AtomicReference<>();
        until(what, timeout, () -> {
            Future<T> attempt = call.get();
            if (!succeeds(attempt)) {
                return false;
            }
            value.set(attempt.result());
            return true;
        });
        return value.get();
    }

    /** The failure of a future that must fail. */
    public static Throwable failure(Future<?> future) {
        try {
            Object value = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        if (!within(timeout, condition)) {
            throw new AssertionError("timed out after " + timeout + " waiting until " + what);
        }
    }

    /** Polls {@code condition} until it holds (true) or {@code timeout} passes (false). */
    public static boolean within(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return true;
    }
}
