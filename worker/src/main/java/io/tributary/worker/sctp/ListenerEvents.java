package io.tributary.worker.sctp;

import java.util.ArrayDeque;

/**
 * Listener calls queued while the association is busy and run once it is consistent again, so a listener
 * may call back into the association (send, close) from any of them.
 */
final class ListenerEvents implements SctpAssociation.Listener {

    private final SctpAssociation.Listener target;
    private final ArrayDeque<Runnable> events = new ArrayDeque<>();
    private boolean draining;

    ListenerEvents(SctpAssociation.Listener target) {
        this.target = target;
    }

    @Override
    public void onStateChange(SctpState state) {
        events.add(() -> target.onStateChange(state));
    }

    @Override
    public void onMessage(int streamId, int ppid, byte[] payload) {
        events.add(() -> target.onMessage(streamId, ppid, payload));
    }

    @Override
    public void onIncomingStreamsReset(int[] streamIds) {
        events.add(() -> target.onIncomingStreamsReset(streamIds));
    }

    @Override
    public void onBufferedAmountDecreased(long previous, long current) {
        events.add(() -> target.onBufferedAmountDecreased(previous, current));
    }

    /** Runs the queued calls, including any queued by them; a nested call returns at once. */
    void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable event;
            while ((event = events.poll()) != null) {
                event.run();
            }
        } finally {
            draining = false;
        }
    }
}
