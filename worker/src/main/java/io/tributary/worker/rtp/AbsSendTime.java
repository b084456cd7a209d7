package io.tributary.worker.rtp;

/** abs-send-time values: 24-bit 6.18 fixed point seconds, wrapping every 64 s. */
public final class AbsSendTime {

    private static final int MASK = 0xFF_FFFF;
    private static final long CYCLE_MICROS = 64_000_000L;

    private AbsSendTime() {
    }

    /** The value for a time in microseconds (any epoch); reduced modulo the 64 s cycle first to avoid overflow. */
    public static int fromMicros(long micros) {
        long inCycle = Math.floorMod(micros, CYCLE_MICROS);
        return (int) (((inCycle << 18) / 1_000_000L) & MASK);
    }

    public static int fromMillis(long millis) {
        return fromMicros(Math.floorMod(millis, CYCLE_MICROS / 1_000L) * 1_000L);
    }

    /** Microseconds within the 64 s cycle that the value stands for. */
    public static long toMicros(int value) {
        return ((value & MASK) * 1_000_000L) >>> 18;
    }
}
