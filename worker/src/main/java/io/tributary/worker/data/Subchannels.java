package io.tributary.worker.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A DataConsumer's subchannels: a set of uint16 values, as mediasoup's worker stores them, so
 * duplicates collapse and larger numbers wrap (65536 becomes 0). Immutable; kept sorted so the
 * per-message checks are binary searches without allocation.
 */
public final class Subchannels {

    public static final Subchannels NONE = new Subchannels(new int[0]);

    private final int[] values;

    private Subchannels(int[] sortedDistinct) {
        this.values = sortedDistinct;
    }

    public static Subchannels of(Collection<? extends Number> given) {
        return given == null ? NONE : new Subchannels(Arrays.stream(toArray(given)).sorted().distinct().toArray());
    }

    /** The given numbers as uint16 values, in order, duplicates kept (for a message's subchannel list). */
    static int[] toArray(Collection<? extends Number> given) {
        if (given == null || given.isEmpty()) {
            return NONE.values;
        }
        int[] out = new int[given.size()];
        int i = 0;
        for (Number n : given) {
            out[i++] = uint16(n.longValue());
        }
        return out;
    }

    static int uint16(long value) {
        return (int) (value & 0xffff);
    }

    public boolean contains(int subchannel) {
        return Arrays.binarySearch(values, subchannel) >= 0;
    }

    /** Whether any of {@code subchannels} is in this set. */
    boolean containsAny(int[] subchannels) {
        for (int subchannel : subchannels) {
            if (contains(subchannel)) {
                return true;
            }
        }
        return false;
    }

    Subchannels with(int subchannel) {
        if (contains(subchannel)) {
            return this;
        }
        int[] next = Arrays.copyOf(values, values.length + 1);
        next[values.length] = subchannel;
        Arrays.sort(next);
        return new Subchannels(next);
    }

    Subchannels without(int subchannel) {
        return contains(subchannel)
                ? new Subchannels(Arrays.stream(values).filter(v -> v != subchannel).toArray()) : this;
    }

    public List<Integer> toList() {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return List.copyOf(list);
    }
}
