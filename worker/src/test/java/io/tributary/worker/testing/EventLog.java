package io.tributary.worker.testing;

import io.tributary.worker.events.Event;
import io.tributary.worker.events.EventEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Records events of several emitters in one ordered log, so a test can assert which events fired,
 * how often and in what order, and wait (with a timeout, never a sleep) for one that comes later.
 */
public final class EventLog {

    private static final long TIMEOUT_MS = 5000;

    private final List<String> entries = new ArrayList<>();

    /** Logs {@code label} each time {@code event} fires on {@code emitter}. */
    public synchronized <T> EventLog on(EventEmitter emitter, Event<T> event, String label) {
        emitter.on(event, payload -> add(label));
        return this;
    }

    /** Logs {@code label + " " + describe(payload)} each time {@code event} fires. */
    public synchronized <T> EventLog on(EventEmitter emitter, Event<T> event, String label,
                                        Function<? super T, String> describe) {
        emitter.on(event, payload -> add(label + " " + describe.apply(payload)));
        return this;
    }

    private synchronized void add(String entry) {
        entries.add(entry);
        notifyAll();
    }

    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    public synchronized int count(String entry) {
        return (int) entries.stream().filter(entry::equals).count();
    }

    /** Waits until {@code entry} has been logged; fails after a timeout. */
    public synchronized void await(String entry) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!entries.contains(entry)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no '" + entry + "' within " + TIMEOUT_MS + " ms; got " + entries);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
