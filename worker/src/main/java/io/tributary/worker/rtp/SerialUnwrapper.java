package io.tributary.worker.rtp;

/**
 * Turns wrapping 16-bit sequence numbers or 32-bit timestamps into a monotonic 64-bit space
 * (the SRTP rollover counter is {@code highest() >>> 16}). Each value is placed within half the
 * space of the highest value seen so far; a value older than the first comes out negative.
 */
public final class SerialUnwrapper {

    private final int bits;
    private final long modulus;
    private final long mask;
    private boolean started;
    private long highest;

    private SerialUnwrapper(int bits) {
        this.bits = bits;
        this.modulus = 1L << bits;
        this.mask = modulus - 1;
    }

    public static SerialUnwrapper forSequenceNumbers() {
        return new SerialUnwrapper(16);
    }

    public static SerialUnwrapper forTimestamps() {
        return new SerialUnwrapper(32);
    }

    /** Extends {@code value} and remembers it if it is the highest so far. */
    public long unwrap(long value) {
        long extended = peek(value);
        if (!started || extended > highest) {
            highest = extended;
            started = true;
        }
        return extended;
    }

    /** Extends {@code value} without changing the state. */
    public long peek(long value) {
        long v = value & mask;
        if (!started) {
            return v;
        }
        long delta = v - (highest & mask);
        long half = modulus >>> 1;
        // At exactly half apart the larger raw value is newer, as in SerialNumbers.
        if (delta > half) {
            delta -= modulus;
        } else if (delta < -half) {
            delta += modulus;
        }
        return highest + delta;
    }

    /** Highest extended value seen, or -1 before the first. */
    public long highest() {
        return started ? highest : -1;
    }

    /** Number of times the raw space wrapped below the highest value (the SRTP ROC for 16 bits). */
    public long cycles() {
        return started ? highest >> bits : 0;
    }

    public void reset() {
        started = false;
        highest = 0;
    }
}
