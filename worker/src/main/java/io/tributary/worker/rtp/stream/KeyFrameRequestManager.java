package io.tributary.worker.rtp.stream;

import java.util.Arrays;

/**
 * Throttles key frame requests toward the streams of one producer. A request for an SSRC goes
 * out at once and stays pending until a key frame arrives; requests meanwhile are merged. If no
 * key frame came within {@link #RETRY_WAIT_MS} it is asked once more (the PLI or FIR may have been
 * lost), and after that only if more requests arrived during the wait. With a
 * {@code keyFrameRequestDelayMs} above 0, requests that follow one within that delay are held and
 * merged into a single one when it ends.
 *
 * <p>The owner calls {@link #onTimer} at least every few tens of milliseconds, or at
 * {@link #nextTimeoutMs}. SSRCs are few per producer, so they live in small arrays.
 */
public final class KeyFrameRequestManager {

    public static final int RETRY_WAIT_MS = 1000;

    /** Receives the requests to send. */
    @FunctionalInterface
    public interface Listener {
        /** Ask the sender of {@code ssrc} for a key frame (PLI or FIR). */
        void onKeyFrameNeeded(int ssrc);
    }

    private static final int INITIAL_CAPACITY = 4;

    private final Listener listener;
    private final int delayMs;

    private int[] pendingSsrcs = new int[INITIAL_CAPACITY];
    private long[] pendingDeadlines = new long[INITIAL_CAPACITY];
    private boolean[] retryOnTimeout = new boolean[INITIAL_CAPACITY];
    private int pendingCount;

    private int[] delayedSsrcs = new int[INITIAL_CAPACITY];
    private long[] delayedDeadlines = new long[INITIAL_CAPACITY];
    private boolean[] delayedRequested = new boolean[INITIAL_CAPACITY];
    private int delayedCount;

    public KeyFrameRequestManager(Listener listener, int keyFrameRequestDelayMs) {
        this.listener = listener;
        this.delayMs = Math.max(0, keyFrameRequestDelayMs);
    }

    /** A consumer (or the producer itself) needs a key frame of {@code ssrc}. */
    public void keyFrameNeeded(int ssrc, long nowMs) {
        if (delayMs > 0) {
            int d = indexOf(delayedSsrcs, delayedCount, ssrc);
            if (d >= 0) {
                delayedRequested[d] = true;
                return;
            }
            addDelayer(ssrc, nowMs);
        }
        int p = indexOf(pendingSsrcs, pendingCount, ssrc);
        if (p >= 0) {
            retryOnTimeout[p] = true;
            return;
        }
        addPending(ssrc, nowMs);
        listener.onKeyFrameNeeded(ssrc);
    }

    /** Asks at once whatever is pending (a new stream, a resumed consumer), restarting the wait. */
    public void forceKeyFrameNeeded(int ssrc, long nowMs) {
        if (delayMs > 0) {
            int d = indexOf(delayedSsrcs, delayedCount, ssrc);
            if (d >= 0) {
                removeDelayer(d);
            }
            addDelayer(ssrc, nowMs);
        }
        int p = indexOf(pendingSsrcs, pendingCount, ssrc);
        if (p >= 0) {
            retryOnTimeout[p] = true;
            pendingDeadlines[p] = nowMs + RETRY_WAIT_MS;
        } else {
            addPending(ssrc, nowMs);
        }
        listener.onKeyFrameNeeded(ssrc);
    }

    /** A key frame of {@code ssrc} arrived: nothing is pending for it any more. Allocation free. */
    public void keyFrameReceived(int ssrc) {
        int p = indexOf(pendingSsrcs, pendingCount, ssrc);
        if (p >= 0) {
            removePending(p);
        }
    }

    public boolean isPending(int ssrc) {
        return indexOf(pendingSsrcs, pendingCount, ssrc) >= 0;
    }

    /** Handles every wait and delay that has run out, earliest first. */
    public void onTimer(long nowMs) {
        while (true) {
            int p = earliest(pendingDeadlines, pendingCount);
            int d = earliest(delayedDeadlines, delayedCount);
            long pAt = p >= 0 ? pendingDeadlines[p] : Long.MAX_VALUE;
            long dAt = d >= 0 ? delayedDeadlines[d] : Long.MAX_VALUE;
            if (Math.min(pAt, dAt) > nowMs) {
                return;
            }
            if (pAt <= dAt) {
                onPendingTimeout(p, nowMs);
            } else {
                int ssrc = delayedSsrcs[d];
                boolean requested = delayedRequested[d];
                removeDelayer(d);
                if (requested) {
                    keyFrameNeeded(ssrc, nowMs);
                }
            }
        }
    }

    /** When {@link #onTimer} next has something to do, or {@code Long.MAX_VALUE}. */
    public long nextTimeoutMs() {
        int p = earliest(pendingDeadlines, pendingCount);
        int d = earliest(delayedDeadlines, delayedCount);
        return Math.min(p >= 0 ? pendingDeadlines[p] : Long.MAX_VALUE, d >= 0 ? delayedDeadlines[d] : Long.MAX_VALUE);
    }

    private void onPendingTimeout(int p, long nowMs) {
        if (!retryOnTimeout[p]) {
            removePending(p);
            return;
        }
        // Another try in case the request was lost; a further one only on new demand.
        retryOnTimeout[p] = false;
        pendingDeadlines[p] = nowMs + RETRY_WAIT_MS;
        listener.onKeyFrameNeeded(pendingSsrcs[p]);
    }

    private void addPending(int ssrc, long nowMs) {
        if (pendingCount == pendingSsrcs.length) {
            int n = pendingCount * 2;
            pendingSsrcs = Arrays.copyOf(pendingSsrcs, n);
            pendingDeadlines = Arrays.copyOf(pendingDeadlines, n);
            retryOnTimeout = Arrays.copyOf(retryOnTimeout, n);
        }
        pendingSsrcs[pendingCount] = ssrc;
        pendingDeadlines[pendingCount] = nowMs + RETRY_WAIT_MS;
        retryOnTimeout[pendingCount] = true;
        pendingCount++;
    }

    private void removePending(int p) {
        int last = --pendingCount;
        pendingSsrcs[p] = pendingSsrcs[last];
        pendingDeadlines[p] = pendingDeadlines[last];
        retryOnTimeout[p] = retryOnTimeout[last];
    }

    private void addDelayer(int ssrc, long nowMs) {
        if (delayedCount == delayedSsrcs.length) {
            int n = delayedCount * 2;
            delayedSsrcs = Arrays.copyOf(delayedSsrcs, n);
            delayedDeadlines = Arrays.copyOf(delayedDeadlines, n);
            delayedRequested = Arrays.copyOf(delayedRequested, n);
        }
        delayedSsrcs[delayedCount] = ssrc;
        delayedDeadlines[delayedCount] = nowMs + delayMs;
        delayedRequested[delayedCount] = false;
        delayedCount++;
    }

    private void removeDelayer(int d) {
        int last = --delayedCount;
        delayedSsrcs[d] = delayedSsrcs[last];
        delayedDeadlines[d] = delayedDeadlines[last];
        delayedRequested[d] = delayedRequested[last];
    }

    private static int indexOf(int[] ssrcs, int count, int ssrc) {
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    private static int earliest(long[] deadlines, int count) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (best < 0 || deadlines[i] < deadlines[best]) {
                best = i;
            }
        }
        return best;
    }
}
