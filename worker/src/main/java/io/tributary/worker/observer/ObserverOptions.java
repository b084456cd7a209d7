package io.tributary.worker.observer;

import io.tributary.worker.errors.TypeError;

/** Validation of RtpObserver options as mediasoup's Node layer does it: values arrive untyped. */
final class ObserverOptions {

    private ObserverOptions() {
    }

    /** {@code value} as a number, {@code fallback} when absent; anything else is a TypeError. */
    static double number(Object value, double fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            throw new TypeError("if given, " + name + " must be a number");
        }
        return number.doubleValue();
    }

    /** The worker's clamp of an interval into {@code [min, max]} milliseconds. */
    static long clampInterval(double interval, long min, long max) {
        return Math.max(min, Math.min(max, (long) interval));
    }
}
