package io.tributary.client.media;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Futures waiting for a condition on some statistics, so tests await instead of sleeping.
 * Thread-safe; snapshots are only taken while someone waits.
 */
public final class Waiters<T> {

    private record Waiter<T>(Predicate<T> condition, CompletableFuture<T> future) {
    }

    private final List<Waiter<T>> waiting = new ArrayList<>();

    /**
     * A future completing with the first snapshot that satisfies the condition. The waiter is
     * registered before the current state is checked, so no update in between is missed.
     */
    public CompletableFuture<T> await(Predicate<T> condition, Supplier<T> snapshot) {
        CompletableFuture<T> future = new CompletableFuture<>();
        synchronized (waiting) {
            waiting.add(new Waiter<>(condition, future));
        }
        check(snapshot);
        return future;
    }

    /** Re-evaluates every waiter against a fresh snapshot; call after each update. */
    public void check(Supplier<T> snapshot) {
        List<Waiter<T>> satisfied = new ArrayList<>(0);
        T current;
        synchronized (waiting) {
            if (waiting.isEmpty()) {
                return;
            }
            current = snapshot.get();
            for (Iterator<Waiter<T>> it = waiting.iterator(); it.hasNext(); ) {
                Waiter<T> waiter = it.next();
                if (waiter.future.isDone()) {
                    it.remove();
                } else if (waiter.condition.test(current)) {
                    it.remove();
                    satisfied.add(waiter);
                }
            }
        }
        // Completed outside the lock: dependent stages may call back into the stream.
        for (Waiter<T> waiter : satisfied) {
            waiter.future.complete(current);
        }
    }

    /** Fails everything still waiting (the peer closed). */
    public void failAll(Throwable cause) {
        List<Waiter<T>> all;
        synchronized (waiting) {
            all = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Waiter<T> waiter : all) {
            waiter.future.completeExceptionally(cause);
        }
    }
}
