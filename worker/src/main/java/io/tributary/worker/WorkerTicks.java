package io.tributary.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The beat of a worker: one 40 ms timer for the periodic work of all its transports (RTCP reports
 * and NACK retries every beat, ICE consent every 25 beats), so thousands of transports cost one
 * timer rather than thousands. Lives on the worker's loop.
 */
public final class WorkerTicks {

    /** RTCP reports and NACK retries run at this period (mediasoup's worker uses about the same). */
    public static final long TICK_MS = 40;

    /** A registration; cancelling it during a beat is safe. */
    public interface Registration {
        void cancel();
    }

    private static final class Entry implements Registration {
        final int everyTicks;
        final long phase;
        final LongConsumer task;
        boolean cancelled;

        Entry(int everyTicks, long phase, LongConsumer task) {
            this.everyTicks = everyTicks;
            this.phase = phase;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long ticks;

    /** Runs {@code task(nowMs)} every {@code periodMs} (rounded to whole beats, at least one), starting a period from now. */
    public Registration every(long periodMs, LongConsumer task) {
        Entry entry = new Entry((int) Math.max(1, Math.round((double) periodMs / TICK_MS)), ticks, task);
        entries.add(entry);
        return entry;
    }

    /** One beat; cancelled entries are dropped after it, so tasks may cancel themselves or others. */
    void tick(long nowMs) {
        ticks++;
        int count = entries.size();
        for (int i = 0; i < count; i++) {
            Entry entry = entries.get(i);
            if (!entry.cancelled && (ticks - entry.phase) % entry.everyTicks == 0) {
                entry.task.accept(nowMs);
            }
        }
        entries.removeIf(e -> e.cancelled);
    }
}
