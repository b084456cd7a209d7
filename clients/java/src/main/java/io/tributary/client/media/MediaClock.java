package io.tributary.client.media;

/**
 * Wall-clock microseconds with the monotonic clock's stability: the epoch is read once, time then
 * advances with {@link System#nanoTime()}. Peers in one JVM share it exactly, so one-way latency on
 * loopback is meaningful; across processes it is as good as the system clocks agree.
 */
public final class MediaClock {

    private static final long BASE_MICROS = System.currentTimeMillis() * 1000L;
    private static final long BASE_NANOS = System.nanoTime();

    private MediaClock() {
    }

    public static long nowMicros() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1000L;
    }

    public static long nowMillis() {
        return nowMicros() / 1000L;
    }
}
