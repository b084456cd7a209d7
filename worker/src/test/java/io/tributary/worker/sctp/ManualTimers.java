package io.tributary.worker.sctp;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/** A manual clock for associations: time moves only when a test runs due tasks. */
final class ManualTimers implements SctpTimers {

    private record Task(long at, long id, Runnable run) {
    }

    private final PriorityQueue<Task> due = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.id, b.id));
    private final Map<Long, Task> pending = new HashMap<>();
    private long now = 1_000_000;
    private long nextId = 1;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), nextId++, task);
        due.add(t);
        pending.put(t.id, t);
        return t.id;
    }

    @Override
    public void cancel(long timerId) {
        Task t = pending.remove(timerId);
        if (t != null) {
            due.remove(t);
        }
    }

    /** Runs due tasks in time order until {@code done} holds or {@code maxMillis} pass; returns {@code done}. */
    boolean runUntil(BooleanSupplier done, long maxMillis) {
        long deadline = now + maxMillis;
        while (!done.getAsBoolean()) {
            Task next = due.peek();
            if (next == null || next.at > deadline) {
                now = Math.max(now, deadline);
                return done.getAsBoolean();
            }
            due.poll();
            pending.remove(next.id);
            now = next.at;
            next.run.run();
        }
        return true;
    }

    /** Runs everything due within the next {@code millis}. */
    void advance(long millis) {
        runUntil(() -> false, millis);
    }
}
