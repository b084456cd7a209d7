package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtp.SerialNumbers;

/**
 * Decides which missing packets of a received stream to NACK and when (RFC 4585 generic NACK,
 * mediasoup's policy). A gap puts the missing sequence numbers on a list; each is asked for once
 * it is {@code sendNackDelayMs} old (when a newer packet arrives or on the timer), then again every
 * RTT until it arrives or has been asked {@link #MAX_NACK_RETRIES} times. Entries older than
 * {@link #MAX_PACKET_AGE} are forgotten. When the list would exceed {@link #MAX_NACK_PACKETS} it
 * is trimmed up to the oldest key frame that lets it fit, or else cleared and a key frame asked.
 *
 * <p>Drive it with {@link #receivePacket} for every valid packet and {@link #onTimer} every
 * {@link #TIMER_INTERVAL_MS}. All state is in fixed arrays (sequence numbers are unwrapped to
 * 64 bits, so the list stays sorted across wrap-around); the listener gets a reused array.
 */
public final class NackGenerator {

    public static final int MAX_PACKET_AGE = 10_000;
    public static final int MAX_NACK_PACKETS = 1000;
    public static final int DEFAULT_RTT_MS = 100;
    public static final int MAX_NACK_RETRIES = 10;
    public static final int TIMER_INTERVAL_MS = 40;

    /** {@link #receivePacket}: the packet filled no hole (in order, reordered but never missed, or a duplicate). */
    public static final int NOT_MISSING = 0;
    /** {@link #receivePacket}: the packet filled a hole before any NACK for it went out. */
    public static final int MISSING = 1;
    /** {@link #receivePacket}: the packet filled a hole that was NACKed: a retransmission. */
    public static final int RETRANSMITTED = 2;

    /** Key frames and recovered packets remembered; older entries are overwritten. */
    private static final int MARKS = 128;

    /** What the generator asks of its owner. Arrays passed in are reused: copy what you keep. */
    public interface Listener {

        /** NACK these sequence numbers, ascending in serial order: {@code seqs[0, count)}. */
        void onNackRequired(int[] seqs, int count);

        /** Too much is missing to repair: ask for a key frame instead. */
        void onKeyFrameRequired();
    }

    private final Listener listener;
    private final int sendNackDelayMs;

    // The NACK list, sorted by unwrapped sequence number.
    private final long[] seqs = new long[MAX_NACK_PACKETS];
    private final long[] createdAtMs = new long[MAX_NACK_PACKETS];
    private final long[] sentAtMs = new long[MAX_NACK_PACKETS];
    private final int[] retries = new int[MAX_NACK_PACKETS];
    private int count;

    private final MarkRing keyFrames = new MarkRing(MARKS);
    private final MarkRing recovered = new MarkRing(MARKS);
    private final int[] batch = new int[MAX_NACK_PACKETS];

    private boolean started;
    private int lastSeq;
    private long lastExt;
    private long rttMs = DEFAULT_RTT_MS;

    public NackGenerator(Listener listener, int sendNackDelayMs) {
        this.listener = listener;
        this.sendNackDelayMs = sendNackDelayMs;
    }

    /**
     * Takes a valid packet (or one recovered from RTX, {@code recovered}) and tells whether it
     * filled a hole: {@link #NOT_MISSING}, {@link #MISSING} or {@link #RETRANSMITTED}.
     */
    public int receivePacket(int seq, boolean keyFrame, boolean recovered, long nowMs) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            lastSeq = seq;
            lastExt = seq;
            if (keyFrame) {
                keyFrames.add(lastExt);
            }
            return NOT_MISSING;
        }
        int diff = SerialNumbers.seqDiff(seq, lastSeq);
        if (diff == 0) {
            return NOT_MISSING;
        }
        long ext = lastExt + diff;
        if (diff < 0) {
            int i = indexOf(ext);
            if (i < 0) {
                return NOT_MISSING;
            }
            int result = retries[i] != 0 ? RETRANSMITTED : MISSING;
            removeAt(i);
            return result;
        }
        if (keyFrame) {
            keyFrames.add(ext);
        }
        keyFrames.removeOlderThan(ext - MAX_PACKET_AGE);
        if (recovered) {
            // Newer than anything seen, through RTX: remember it so the gap it sits in skips it.
            this.recovered.add(ext);
            return NOT_MISSING;
        }
        addMissing(lastExt + 1, ext, nowMs);
        lastExt = ext;
        lastSeq = seq;
        this.recovered.removeOlderThan(lastExt + 1);
        sendBatch(false, nowMs);
        return NOT_MISSING;
    }

    /** Re-asks for entries not answered within an RTT; call every {@link #TIMER_INTERVAL_MS}. */
    public void onTimer(long nowMs) {
        if (count > 0) {
            sendBatch(true, nowMs);
        }
    }

    /** RTT to the sender, which spaces out the retries; 0 or less means the default. */
    public void updateRtt(long rttMs) {
        this.rttMs = rttMs > 0 ? rttMs : DEFAULT_RTT_MS;
    }

    /** Forgets everything (the stream was paused). */
    public void reset() {
        count = 0;
        keyFrames.clear();
        recovered.clear();
        started = false;
        lastSeq = 0;
        lastExt = 0;
    }

    /** Sequence numbers waiting to be recovered. */
    public int pendingCount() {
        return count;
    }

    private void addMissing(long from, long to, long nowMs) {
        removeHead(lowerBound(to - MAX_PACKET_AGE));
        long added = to - from;
        if (count + added > MAX_NACK_PACKETS) {
            while (removeUntilKeyFrame() && count + added > MAX_NACK_PACKETS) {
                // Trimming up to successive key frames until the new entries fit.
            }
            if (count + added > MAX_NACK_PACKETS) {
                count = 0;
                listener.onKeyFrameRequired();
                return;
            }
        }
        for (long ext = from; ext < to; ext++) {
            if (recovered.contains(ext)) {
                continue;
            }
            seqs[count] = ext;
            createdAtMs[count] = nowMs;
            sentAtMs[count] = 0;
            retries[count] = 0;
            count++;
        }
    }

    /** Drops the entries older than the oldest key frame that is newer than some entry. */
    private boolean removeUntilKeyFrame() {
        while (!keyFrames.isEmpty()) {
            int i = lowerBound(keyFrames.oldest());
            if (i > 0) {
                removeHead(i);
                return true;
            }
            keyFrames.removeOldest();
        }
        return false;
    }

    /**
     * Collects the entries due: on a new packet ({@code byTime} false) those never sent, on the
     * timer also those sent more than an RTT ago. Entries at the retry limit leave the list.
     */
    private void sendBatch(boolean byTime, long nowMs) {
        int n = 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            boolean due = nowMs - createdAtMs[i] >= sendNackDelayMs
                    && (retries[i] == 0 || (byTime && nowMs - sentAtMs[i] >= rttMs));
            if (due) {
                batch[n++] = (int) (seqs[i] & 0xFFFF);
                retries[i]++;
                sentAtMs[i] = nowMs;
                if (retries[i] >= MAX_NACK_RETRIES) {
                    continue;
                }
            }
            if (kept != i) {
                seqs[kept] = seqs[i];
                createdAtMs[kept] = createdAtMs[i];
                sentAtMs[kept] = sentAtMs[i];
                retries[kept] = retries[i];
            }
            kept++;
        }
        count = kept;
        if (n > 0) {
            listener.onNackRequired(batch, n);
        }
    }

    /** Index of the first entry not older than {@code ext}. */
    private int lowerBound(long ext) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[mid] < ext) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int indexOf(long ext) {
        int i = lowerBound(ext);
        return i < count && seqs[i] == ext ? i : -1;
    }

    private void removeAt(int i) {
        int tail = count - i - 1;
        System.arraycopy(seqs, i + 1, seqs, i, tail);
        System.arraycopy(createdAtMs, i + 1, createdAtMs, i, tail);
        System.arraycopy(sentAtMs, i + 1, sentAtMs, i, tail);
        System.arraycopy(retries, i + 1, retries, i, tail);
        count--;
    }

    private void removeHead(int n) {
        if (n <= 0) {
            return;
        }
        int tail = count - n;
        System.arraycopy(seqs, n, seqs, 0, tail);
        System.arraycopy(createdAtMs, n, createdAtMs, 0, tail);
        System.arraycopy(sentAtMs, n, sentAtMs, 0, tail);
        System.arraycopy(retries, n, retries, 0, tail);
        count = tail;
    }

    /**
     * A small FIFO of unwrapped sequence numbers; the oldest is overwritten when full. Marks come
     * mostly in ascending order; one that does not just lingers until it is overwritten.
     */
    private static final class MarkRing {
        private final long[] values;
        private int head;
        private int size;

        MarkRing(int capacity) {
            values = new long[capacity];
        }

        void add(long v) {
            if (size == values.length) {
                removeOldest();
            }
            values[(head + size) % values.length] = v;
            size++;
        }

        boolean isEmpty() {
            return size == 0;
        }

        long oldest() {
            return values[head];
        }

        void removeOldest() {
            head = (head + 1) % values.length;
            size--;
        }

        /** Removes marks from the front while they are below {@code limit}. */
        void removeOlderThan(long limit) {
            while (size > 0 && values[head] < limit) {
                removeOldest();
            }
        }

        boolean contains(long v) {
            for (int i = 0; i < size; i++) {
                if (values[(head + i) % values.length] == v) {
                    return true;
                }
            }
            return false;
        }

        void clear() {
            head = 0;
            size = 0;
        }
    }
}
