package io.tributary.worker.rtp.stream;

import java.util.Arrays;

/**
 * Maps an input counter of {@code bits} width (16-bit RTP sequence numbers, VP8's 15-bit
 * PictureID, 8-bit TL0PICIDX) onto a continuous output counter: inputs the owner drops are
 * removed from the output space, and {@link #sync} re-bases the output after a stream switch.
 *
 * <p>Inputs are unwrapped into a 64-bit space around the highest input seen, so a value is newer
 * when it is less than half the space ahead. The output of an input is
 * {@code input + base - (dropped inputs before it)}. Drops within the last half space are kept
 * in a bitmap; older ones are folded into {@code base}, since every future input is newer.
 * A dropped input that is later offered to {@link #input} gives -1.
 */
public final class SeqManager {

    private final int bits;
    private final int mask;
    private final int half;
    private final int initialOutput;
    /** Dropped inputs in (maxInput - half, maxInput], bit {@code ext & (half - 1)}. */
    private final long[] dropped;
    private int droppedCount;
    private boolean inputStarted;
    private boolean outputStarted;
    private long maxInput;
    private long maxOutput;
    private long base;

    /** A manager for {@code bits}-wide values (2 to 16) whose first output is {@code initialOutput} plus the input. */
    public SeqManager(int bits, int initialOutput) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("bits must be 2..16: " + bits);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.half = 1 << (bits - 1);
        this.initialOutput = initialOutput & mask;
        this.dropped = new long[Math.max(1, half >>> 6)];
    }

    public static SeqManager forSequenceNumbers(int initialOutput) {
        return new SeqManager(16, initialOutput);
    }

    public int bits() {
        return bits;
    }

    /**
     * The output for {@code input}, or -1 when that input was dropped. Older inputs (reordered,
     * retransmitted) get the same output as the first time.
     */
    public int input(int input) {
        long ext = unwrap(input);
        if (ext > maxInput) {
            advanceTo(ext);
        } else if (isDropped(ext)) {
            return -1;
        }
        long out = ext + base - droppedBefore(ext);
        if (!outputStarted || out > maxOutput) {
            maxOutput = out;
            outputStarted = true;
        }
        return (int) ((out + initialOutput) & mask);
    }

    /** Removes {@code input} from the output space; only inputs newer than all seen so far count. */
    public void drop(int input) {
        long ext = unwrap(input);
        if (inputStarted && ext <= maxInput) {
            return;
        }
        if (inputStarted) {
            advanceTo(ext);
        } else {
            maxInput = ext;
            inputStarted = true;
        }
        int bit = (int) (ext & (half - 1));
        dropped[bit >>> 6] |= 1L << bit;
        droppedCount++;
    }

    /**
     * Makes {@code input} map to the highest output given so far, so {@code input + 1} continues
     * right after it: call it with {@code seq - 1} when switching to another stream.
     */
    public void sync(int input) {
        clearDropped();
        maxInput = input & mask;
        inputStarted = true;
        base = maxOutput - maxInput;
    }

    /** Highest input seen (raw value), 0 before any. */
    public int maxInput() {
        return (int) (maxInput & mask);
    }

    /** Highest output given (raw value, initial output included), or {@code initialOutput} before any. */
    public int maxOutput() {
        return (int) ((maxOutput + initialOutput) & mask);
    }

    private long unwrap(int input) {
        int v = input & mask;
        if (!inputStarted) {
            return v;
        }
        int delta = (v - (int) (maxInput & mask)) & mask;
        // Exactly half the space apart counts as older.
        return delta < half ? maxInput + delta : maxInput + delta - (mask + 1L);
    }

    private void advanceTo(long ext) {
        if (!inputStarted) {
            maxInput = ext;
            inputStarted = true;
            return;
        }
        if (droppedCount > 0) {
            long steps = ext - maxInput;
            if (steps >= half) {
                base -= droppedCount;
                clearDropped();
            } else {
                // Slots entering the window are the ones leaving it: fold their drops into base.
                for (long e = maxInput + 1; e <= ext && droppedCount > 0; e++) {
                    int bit = (int) (e & (half - 1));
                    long word = dropped[bit >>> 6];
                    if ((word & (1L << bit)) != 0) {
                        dropped[bit >>> 6] = word & ~(1L << bit);
                        droppedCount--;
                        base--;
                    }
                }
            }
        }
        maxInput = ext;
    }

    private boolean isDropped(long ext) {
        if (droppedCount == 0 || ext <= maxInput - half) {
            return false;
        }
        int bit = (int) (ext & (half - 1));
        return (dropped[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Drops in the window older than {@code ext}. */
    private long droppedBefore(long ext) {
        if (droppedCount == 0 || ext <= maxInput - half) {
            return 0;
        }
        int notBefore = 0;
        for (long e = ext; e <= maxInput; e++) {
            int bit = (int) (e & (half - 1));
            if ((dropped[bit >>> 6] & (1L << bit)) != 0) {
                notBefore++;
            }
        }
        return droppedCount - notBefore;
    }

    private void clearDropped() {
        if (droppedCount > 0) {
            Arrays.fill(dropped, 0L);
            droppedCount = 0;
        }
    }
}
