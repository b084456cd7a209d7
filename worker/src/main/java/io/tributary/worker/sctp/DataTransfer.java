package io.tributary.worker.sctp;

import io.tributary.worker.sctp.ReConfigParameter.OtherRequest;
import io.tributary.worker.sctp.ReConfigParameter.OutgoingSsnResetRequest;
import io.tributary.worker.sctp.ReConfigParameter.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The data path of an established association: sending (queue, fragmentation, congestion and flow control,
 * T3-rtx, fast retransmit, PR-SCTP), receiving (TSN tracking, delayed SACK, reassembly, FORWARD TSN) and
 * stream reset. {@link Association} owns it from the moment the peer is known.
 */
final class DataTransfer {

    /** What the data path needs from its association. */
    interface Host {
        /** Queues a control chunk for the next packet. */
        void sendControl(Chunk chunk);

        /** Sends what can be sent now (from a timer). */
        void flush();

        /** Too many retransmissions: the peer is gone. */
        void onRetransmissionLimit();
    }

    /** Association.Max.Retrans (RFC 9260 §16). */
    static final int MAX_RETRANSMISSIONS = 10;
    static final long DELAYED_SACK_MILLIS = 200;
    /** Smallest fragment worth starting in a packet that already holds other chunks. */
    private static final int MIN_FRAGMENT = 256;
    private static final int DATA_HEADER = Chunk.HEADER_LENGTH + DataChunk.VALUE_HEADER;

    private final Host host;
    private final SctpAssociation.Listener listener;
    private final SctpTimers timers;
    private final RtoEstimator rto;
    private final int outboundStreams;
    private final int inboundStreams;
    private final long maxMessageSize;
    private final long sendBufferSize;
    private final long receiveBufferSize;
    private final boolean peerForwardTsn;
    private final boolean peerReconfig;
    private final SendQueue queue;
    private final OutstandingData outstanding;
    private final CongestionControl congestion;
    private final ReceivedTsns received;
    private final ReassemblyQueue reassembly;
    private final StreamResetHandler resets;
    private final SctpTimer t3;
    private final SctpTimer delayedSack;
    private int errorCount;
    private boolean sackNow;
    private int packetsSinceSack;
    private boolean forwardTsnNeeded;

    DataTransfer(Host host, SctpAssociation.Listener listener, SctpTimers timers, RtoEstimator rto,
            SctpOptions options, int localInitialTsn, Peer peer) {
        this.host = host;
        this.listener = listener;
        this.timers = timers;
        this.rto = rto;
        this.outboundStreams = Math.min(options.os(), peer.inboundStreams());
        this.inboundStreams = Math.min(options.mis(), peer.outboundStreams());
        this.maxMessageSize = options.maxMessageSize();
        this.sendBufferSize = options.sendBufferSize();
        this.receiveBufferSize = receiveBufferSize(options);
        this.peerForwardTsn = peer.forwardTsn();
        this.peerReconfig = peer.reconfig();
        this.queue = new SendQueue(outboundStreams);
        this.outstanding = new OutstandingData(localInitialTsn, peer.window(), peerForwardTsn, queue);
        this.congestion = new CongestionControl(SctpOptions.MTU, peer.window());
        this.received = new ReceivedTsns(peer.initialTsn());
        this.reassembly = new ReassemblyQueue(listener::onMessage);
        this.resets = new StreamResetHandler(localInitialTsn, peer.initialTsn(), timers, rto::rto, host::sendControl,
                host::flush, new StreamResetHandler.IncomingReset() {
                    @Override
                    public void hold(int[] streamIds, long lastTsn) {
                        reassembly.holdAfter(streamIds, lastTsn);
                    }

                    @Override
                    public void reset(int[] streamIds) {
                        int[] streams = streamIds.length == 0 ? reassembly.knownStreams() : streamIds;
                        reassembly.resetStreams(streams);
                        listener.onIncomingStreamsReset(streams);
                    }
                });
        this.t3 = new SctpTimer(timers, this::onT3Expiry);
        this.delayedSack = new SctpTimer(timers, () -> {
            sackNow = true;
            host.flush();
        });
    }

    /** What INIT or INIT ACK (or the cookie) told us about the peer. */
    record Peer(int initialTsn, long window, int outboundStreams, int inboundStreams, boolean forwardTsn,
            boolean reconfig) {
    }

    /** Our receive buffer: room for a few maximum messages, at least 1 MiB, as advertised in a_rwnd. */
    static long receiveBufferSize(SctpOptions options) {
        return Math.min(0x7FFF_FFFFL, Math.max(1 << 20, 2 * options.maxMessageSize()));
    }

    int outboundStreams() {
        return outboundStreams;
    }

    int inboundStreams() {
        return inboundStreams;
    }

    long bufferedAmount() {
        return queue.unsentBytes() + outstanding.unackedPayload();
    }

    /** Nothing queued or unacknowledged (a graceful shutdown may complete). */
    boolean idle() {
        return queue.peek() == null && outstanding.isEmpty();
    }

    long cumulativeTsn() {
        return received.cumulative();
    }

    SctpAssociation.SendResult send(int streamId, int ppid, byte[] payload, int offset, int length,
            SctpReliability reliability) {
        if (streamId < 0 || streamId >= outboundStreams) {
            return SctpAssociation.SendResult.BAD_STREAM;
        }
        if (length > maxMessageSize) {
            return SctpAssociation.SendResult.TOO_BIG;
        }
        if (bufferedAmount() + length > sendBufferSize) {
            return SctpAssociation.SendResult.BUFFER_FULL;
        }
        byte[] copy = new byte[length];
        System.arraycopy(payload, offset, copy, 0, length);
        queue.add(new OutgoingMessage(streamId, ppid, copy, reliability, timers.nowMillis()));
        return SctpAssociation.SendResult.SENT;
    }

    void resetOutgoingStreams(int[] streamIds) {
        if (peerReconfig && streamIds.length > 0) {
            queue.add(new SendQueue.ResetMarker(streamIds.clone()));
        }
    }

    // ---- receiving

    void onData(DataChunk chunk) {
        long tsn = received.unwrap(chunk.tsn());
        if ((chunk.flags() & DataChunk.FLAG_IMMEDIATE) != 0) {
            sackNow = true;
        }
        long held = reassembly.bufferedBytes() + chunk.dataLength();
        // No room: dropped unacknowledged, the peer sends it again (RFC 9260 §6.2). The next expected TSN
        // is still taken, as it may complete what fills the buffer, up to a hard limit of twice the window.
        if (held > 2 * receiveBufferSize || held > receiveBufferSize && tsn > received.cumulative() + 1) {
            sackNow = true;
            return;
        }
        switch (received.arrive(tsn)) {
            case DUPLICATE -> sackNow = true;
            case OUT_OF_WINDOW -> sackNow = true;
            case NEW -> {
                if (chunk.streamId() >= inboundStreams) {
                    host.sendControl(OpaqueChunk.of(ChunkType.ERROR, ErrorCause.invalidStream(chunk.streamId())));
                } else {
                    reassembly.add(tsn, chunk, received.cumulative());
                }
                if (received.hasGaps()) {
                    sackNow = true;
                }
            }
        }
    }

    void onForwardTsn(ForwardTsnChunk chunk) {
        long newCumulative = received.unwrap(chunk.newCumulativeTsn());
        sackNow = true;
        if (newCumulative > received.cumulative() && received.forwardTo(newCumulative)) {
            reassembly.skip(newCumulative, chunk.streamIds(), chunk.ssns());
        }
    }

    /** After a packet with DATA or FORWARD TSN: SACK now, or within 200 ms, or with the second packet. */
    void afterDataPacket() {
        resets.onCumulativeTsn(received.cumulative());
        if (sackNow || ++packetsSinceSack >= 2) {
            sackNow = true;
        } else {
            delayedSack.startIfStopped(DELAYED_SACK_MILLIS);
        }
    }

    void onReConfig(ReConfigChunk chunk) {
        List<ReConfigParameter> responses = new ArrayList<>(2);
        for (ReConfigParameter parameter : chunk.parameters()) {
            if (parameter instanceof OutgoingSsnResetRequest request) {
                responses.add(resets.onRequest(request, received));
            } else if (parameter instanceof OtherRequest request) {
                responses.add(resets.onOtherRequest(request));
            } else if (parameter instanceof Response response) {
                resets.onResponse(response);
            }
        }
        if (!responses.isEmpty()) {
            host.sendControl(new ReConfigChunk(responses));
        }
    }

    // ---- acknowledgements

    void onSack(SackChunk sack) {
        long before = bufferedAmount();
        long now = timers.nowMillis();
        OutstandingData.SackOutcome outcome = outstanding.onSack(sack, now);
        if (!outcome.accepted()) {
            return;
        }
        if (outcome.rttMillis() >= 0) {
            rto.sample(outcome.rttMillis());
        }
        if (outcome.bytesAcked() > 0) {
            errorCount = 0;
        }
        congestion.onAcked(outcome.bytesAcked(), outcome.flightBefore(), outcome.cumulativeAdvanced(),
                outstanding.cumulativeAck());
        if (outcome.fastRetransmit()) {
            congestion.onFastRetransmit(outstanding.highestTsn());
        }
        if (outstanding.isEmpty()) {
            t3.stop();
            congestion.onAllAcked();
        } else if (outcome.cumulativeAdvanced()) {
            t3.start(rto.rto());
        }
        forwardTsnNeeded = true;
        notifyDecrease(before);
    }

    /** SHUTDOWN carries a cumulative TSN ack and nothing else. */
    void onShutdownCumulativeAck(int cumulativeTsnAck) {
        onSack(new SackChunk(cumulativeTsnAck, outstanding.peerWindow() + outstanding.flightBytes(), new int[0],
                new int[0]));
    }

    private void onT3Expiry() {
        if (++errorCount > MAX_RETRANSMISSIONS) {
            host.onRetransmissionLimit();
            return;
        }
        long before = bufferedAmount();
        rto.backOff();
        congestion.onRetransmissionTimeout();
        outstanding.onRetransmissionTimeout(timers.nowMillis());
        forwardTsnNeeded = true;
        if (!outstanding.isEmpty()) {
            t3.start(rto.rto());
        }
        notifyDecrease(before);
        host.flush();
    }

    private void notifyDecrease(long before) {
        long after = bufferedAmount();
        if (after < before) {
            listener.onBufferedAmountDecreased(before, after);
        }
    }

    // ---- sending

    /** Adds the SACK, retransmissions, new data and FORWARD TSN that may go now. */
    void fill(PacketWriter writer) {
        long now = timers.nowMillis();
        long before = bufferedAmount();
        if (sackNow || delayedSack.running() && hasDataToSend()) {
            writer.add(received.sack(receiveBufferSize - reassembly.bufferedBytes()));
            sackNow = false;
            packetsSinceSack = 0;
            delayedSack.stop();
        }
        boolean sentData = sendRetransmissions(writer, now);
        sentData |= sendNewData(writer, now);
        if (forwardTsnNeeded) {
            forwardTsnNeeded = false;
            ForwardTsnChunk forward = outstanding.forwardTsn();
            if (forward != null) {
                writer.add(forward);
                t3.startIfStopped(rto.rto());
            }
        }
        if (sentData) {
            t3.startIfStopped(rto.rto());
        }
        notifyDecrease(before);
    }

    private boolean hasDataToSend() {
        return outstanding.hasRetransmissions() || queue.peek() != null;
    }

    private boolean sendRetransmissions(PacketWriter writer, long now) {
        boolean sent = false;
        OutstandingData.Sent s;
        // Fast retransmissions go out at once, whatever the congestion window (RFC 9260 §7.2.4).
        while ((s = outstanding.nextRetransmission(true)) != null) {
            sent |= retransmit(writer, s, now);
        }
        while (outstanding.flightBytes() < congestion.cwnd() && (s = outstanding.nextRetransmission(false)) != null) {
            sent |= retransmit(writer, s, now);
        }
        return sent;
    }

    private boolean retransmit(PacketWriter writer, OutstandingData.Sent s, long now) {
        if (peerForwardTsn && now > s.message.expiresAtMillis) {
            outstanding.abandon(s.message);
            forwardTsnNeeded = true;
            return false;
        }
        writer.add(s.chunk);
        outstanding.retransmitted(s, now);
        return true;
    }

    private boolean sendNewData(PacketWriter writer, long now) {
        boolean sent = false;
        while (outstanding.flightBytes() < congestion.cwnd()) {
            SendQueue.Item item = queue.peek();
            if (item == null) {
                break;
            }
            if (item instanceof SendQueue.ResetMarker marker) {
                if (resets.requestInFlight()) {
                    break; // one request at a time; later data waits so its SSNs stay unambiguous
                }
                queue.removeHead();
                queue.resetSsns(marker.streamIds());
                resets.request(marker.streamIds(), outstanding.nextTsn() - 1);
                continue;
            }
            OutgoingMessage message = (OutgoingMessage) item;
            if (peerForwardTsn && now > message.expiresAtMillis) {
                outstanding.abandon(message);
                forwardTsnNeeded |= message.firstTsn >= 0;
                continue;
            }
            int room = writer.room() - DATA_HEADER;
            if (room < Math.min(message.unfragmentedBytes(), MIN_FRAGMENT)) {
                writer.flush();
                room = writer.room() - DATA_HEADER;
            }
            int length = Math.min(message.unfragmentedBytes(), room & ~3);
            if (!outstanding.windowAllows(DATA_HEADER + length)) {
                break;
            }
            DataChunk chunk = queue.nextFragment(message, outstanding.nextTsn(), length);
            outstanding.add(message, chunk, now);
            writer.add(chunk);
            sent = true;
        }
        return sent;
    }

    void stop() {
        t3.stop();
        delayedSack.stop();
        resets.stop();
    }
}
