package io.tributary.worker.data;

import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.sctp.SctpAssociation;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpAssociations;
import io.tributary.worker.sctp.SctpOptions;
import io.tributary.worker.sctp.SctpReliability;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.sctp.SctpTimers;
import java.lang.System.Logger.Level;

/**
 * A transport's SCTP association. It is created and started when the transport can carry packets
 * (DTLS connected, or the UDP remote known), as mediasoup starts usrsctp then; until that moment the
 * state is 'new' and there is nothing to send or receive. On the worker loop.
 */
final class SctpLink {

    private static final System.Logger LOG = System.getLogger(SctpLink.class.getName());

    private final TransportSctpOptions options;
    private final SctpTimers timers;
    private final SctpAssociation.Listener listener;
    private final Tracker tracker = new Tracker();
    private SctpAssociation association;
    private SctpState state = SctpState.NEW;
    private long packetsBeforeStart;

    SctpLink(TransportSctpOptions options, SctpTimers timers, SctpAssociation.Listener listener) {
        this.options = options;
        this.timers = timers;
        this.listener = listener;
    }

    /** mediasoup's {@code sctpParameters}: port 5000 and the configured streams and message size. */
    SctpParameters parameters() {
        return new SctpParameters(SctpOptions.PORT, options.numSctpStreams().os(), options.numSctpStreams().mis(),
                options.maxSctpMessageSize());
    }

    TransportSctpOptions options() {
        return options;
    }

    SctpState state() {
        return state;
    }

    boolean connected() {
        return state == SctpState.CONNECTED;
    }

    /** The transport can now carry SCTP packets through {@code output}: create the association and connect. */
    void start(SctpAssociation.Output output) {
        if (association != null || state != SctpState.NEW) {
            return;
        }
        try {
            association = SctpAssociations.create(options.toSctpOptions(), output, tracker, timers);
            association.connect();
            // mediasoup announces 'connecting' as the association starts, whether or not the stack reports it.
            tracker.onStateChange(association.state());
        } catch (RuntimeException e) {
            // Never let the data channel take the transport down: report the association as failed.
            LOG.log(Level.WARNING, "SCTP association could not start", e);
            association = null;
            tracker.onStateChange(SctpState.FAILED);
        }
    }

    /** An SCTP packet from the transport; before the start there is no association to take it. */
    void receive(byte[] buf, int off, int len) {
        if (association == null) {
            packetsBeforeStart++;
            return;
        }
        association.receivePacket(buf, off, len);
    }

    SendResult send(int streamId, int ppid, byte[] buf, int off, int len, SctpReliability reliability) {
        return association == null ? SendResult.NOT_CONNECTED
                : association.sendMessage(streamId, ppid, buf, off, len, reliability);
    }

    void resetOutgoing(int streamId) {
        if (connected()) {
            association.resetOutgoingStreams(new int[] {streamId});
        }
    }

    long bufferedAmount() {
        return association == null ? 0 : association.bufferedAmount();
    }

    /** Packets and reports the association dropped, plus packets that came before it existed. */
    long packetsDropped() {
        return packetsBeforeStart + (association == null ? 0 : association.packetsDropped());
    }

    /** The transport closed: ABORT if connected, and 'closed' without a state event, as mediasoup reports it. */
    void close() {
        state = SctpState.CLOSED;
        if (association != null) {
            association.close();
        }
    }

    /** Keeps the state current before the owner hears of a change. */
    private final class Tracker implements SctpAssociation.Listener {
        @Override
        public void onStateChange(SctpState newState) {
            if (state == SctpState.CLOSED || newState == state) {
                return;
            }
            state = newState;
            listener.onStateChange(newState);
        }

        @Override
        public void onMessage(int streamId, int ppid, byte[] payload) {
            listener.onMessage(streamId, ppid, payload);
        }

        @Override
        public void onIncomingStreamsReset(int[] streamIds) {
            listener.onIncomingStreamsReset(streamIds);
        }

        @Override
        public void onBufferedAmountDecreased(long previous, long current) {
            listener.onBufferedAmountDecreased(previous, current);
        }
    }
}
