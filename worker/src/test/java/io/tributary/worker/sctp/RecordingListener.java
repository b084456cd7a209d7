package io.tributary.worker.sctp;

import java.util.ArrayList;
import java.util.List;

/** Keeps what an association reported, for assertions. */
final class RecordingListener implements SctpAssociation.Listener {

    record Message(int streamId, int ppid, byte[] payload) {
    }

    final List<SctpState> states = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<int[]> resets = new ArrayList<>();
    final List<long[]> decreases = new ArrayList<>();
    long bytesReceived;

    @Override
    public void onStateChange(SctpState state) {
        states.add(state);
    }

    @Override
    public void onMessage(int streamId, int ppid, byte[] payload) {
        messages.add(new Message(streamId, ppid, payload));
        bytesReceived += payload.length;
    }

    @Override
    public void onIncomingStreamsReset(int[] streamIds) {
        resets.add(streamIds);
    }

    @Override
    public void onBufferedAmountDecreased(long previous, long current) {
        decreases.add(new long[] {previous, current});
    }

    SctpState last() {
        return states.isEmpty() ? SctpState.NEW : states.get(states.size() - 1);
    }
}
