package io.tributary.worker.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true (counters, stats), checking it every few milliseconds. */
public final class Eventually {

    private static final long TIMEOUT_MS = 5000;
    private static final long CHECK_EVERY_MS = 5;

    private Eventually() {
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + TIMEOUT_MS + " ms: " + what);
            }
            try {
                Thread.sleep(CHECK_EVERY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
