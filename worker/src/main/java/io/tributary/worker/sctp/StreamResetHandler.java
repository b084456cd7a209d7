package io.tributary.worker.sctp;

import io.tributary.worker.sctp.ReConfigParameter.OtherRequest;
import io.tributary.worker.sctp.ReConfigParameter.OutgoingSsnResetRequest;
import io.tributary.worker.sctp.ReConfigParameter.Response;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Stream reset (RFC 6525): our Outgoing SSN Reset Requests, one in flight at a time, retransmitted on timeout
 * and retried while the peer answers "in progress"; and the peer's requests, performed once every TSN
 * before the reset has arrived.
 */
final class StreamResetHandler {

    /** Carries out the peer's requests on our receiving side. */
    interface IncomingReset {
        /** Ordered data after {@code lastTsn} on these streams waits for the reset. */
        void hold(int[] streamIds, long lastTsn);

        /** SSNs start over and the owner is told. */
        void reset(int[] streamIds);
    }

    private record Deferred(int requestSequence, long lastTsn, int[] streamIds) {
    }

    /** Queues a chunk for the next packet. */
    private final Consumer<Chunk> send;
    /** Sends queued chunks now (after a timer). */
    private final Runnable flush;
    private final LongSupplier rto;
    private final IncomingReset incomingReset;
    private final SctpTimer timer;
    private int nextRequestSequence;
    private OutgoingSsnResetRequest inFlight;
    private int attempts;
    private int expectedPeerSequence;
    private int lastPeerResult = Response.SUCCESS_NOTHING_TO_DO;
    private Deferred deferred;

    StreamResetHandler(int localInitialTsn, int peerInitialTsn, SctpTimers timers, LongSupplier rto,
            Consumer<Chunk> send, Runnable flush, IncomingReset incomingReset) {
        this.nextRequestSequence = localInitialTsn;
        this.expectedPeerSequence = peerInitialTsn;
        this.rto = rto;
        this.send = send;
        this.flush = flush;
        this.incomingReset = incomingReset;
        this.timer = new SctpTimer(timers, this::onTimeout);
    }

    boolean requestInFlight() {
        return inFlight != null;
    }

    /** Sends a request for these streams; {@code lastTsn} is the last TSN we assigned before it. */
    void request(int[] streamIds, long lastTsn) {
        inFlight = new OutgoingSsnResetRequest(nextRequestSequence++, expectedPeerSequence - 1, (int) lastTsn,
                streamIds);
        attempts = 0;
        resend();
    }

    private void resend() {
        send.accept(new ReConfigChunk(List.of(inFlight)));
        timer.start(rto.getAsLong());
    }

    /** No answer (or "in progress"): send again; a peer that never answers gets the request dropped. */
    private void onTimeout() {
        if (inFlight == null) {
            return;
        }
        if (++attempts > DataTransfer.MAX_RETRANSMISSIONS) {
            inFlight = null;
        } else {
            resend();
        }
        flush.run();
    }

    /** The peer answered: done (queued requests may go), or retried later while "in progress". */
    void onResponse(Response response) {
        if (inFlight == null || response.responseSequence() != inFlight.requestSequence()) {
            return;
        }
        timer.stop();
        if (response.result() == Response.IN_PROGRESS) {
            // A retry is a new request (new sequence number) for the same streams and TSN.
            inFlight = new OutgoingSsnResetRequest(nextRequestSequence++, expectedPeerSequence - 1,
                    inFlight.senderLastTsn(), inFlight.streamIds());
            timer.start(rto.getAsLong());
            return;
        }
        inFlight = null;
    }

    /** The peer's reset request; returns the response to send. */
    Response onRequest(OutgoingSsnResetRequest request, ReceivedTsns tsns) {
        int sequence = request.requestSequence();
        if (sequence == expectedPeerSequence - 1) {
            return new Response(sequence, deferred != null && deferred.requestSequence == sequence
                    ? Response.IN_PROGRESS : lastPeerResult);
        }
        if (sequence != expectedPeerSequence) {
            return new Response(sequence, Response.ERROR_BAD_SEQUENCE_NUMBER);
        }
        expectedPeerSequence++;
        long lastTsn = tsns.unwrap(request.senderLastTsn());
        if (lastTsn <= tsns.cumulative()) {
            deferred = null;
            incomingReset.reset(request.streamIds());
            lastPeerResult = Response.SUCCESS_PERFORMED;
        } else {
            int[] streams = request.streamIds();
            if (deferred != null) {
                // The peer retried (or added to) a request still waiting: wait for both.
                lastTsn = Math.max(lastTsn, deferred.lastTsn);
                streams = IntStream.concat(IntStream.of(streams), IntStream.of(deferred.streamIds)).distinct().toArray();
            }
            deferred = new Deferred(sequence, lastTsn, streams);
            incomingReset.hold(streams, lastTsn);
            lastPeerResult = Response.IN_PROGRESS;
        }
        return new Response(sequence, lastPeerResult);
    }

    /** Requests other than outgoing SSN reset are refused, in sequence. */
    Response onOtherRequest(OtherRequest request) {
        int sequence = request.requestSequence();
        if (sequence == expectedPeerSequence - 1) {
            return new Response(sequence, lastPeerResult);
        }
        if (sequence != expectedPeerSequence) {
            return new Response(sequence, Response.ERROR_BAD_SEQUENCE_NUMBER);
        }
        expectedPeerSequence++;
        lastPeerResult = Response.DENIED;
        return new Response(sequence, lastPeerResult);
    }

    /** Performs a deferred request once the cumulative TSN has reached its last TSN. */
    void onCumulativeTsn(long cumulativeTsn) {
        if (deferred != null && deferred.lastTsn <= cumulativeTsn) {
            int[] streams = deferred.streamIds;
            deferred = null;
            lastPeerResult = Response.SUCCESS_PERFORMED;
            incomingReset.reset(streams);
        }
    }

    void stop() {
        timer.stop();
    }
}
