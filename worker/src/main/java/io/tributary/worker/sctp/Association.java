package io.tributary.worker.sctp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The association state machine (RFC 9260 §4, §5, §9): setup as initiator, as stateless responder and by
 * simultaneous open, verification tags, ABORT, the graceful shutdown the peer starts, and packet dispatch.
 * Data, acknowledgement and stream reset live in {@link DataTransfer}, created once the peer is known.
 */
final class Association implements SctpAssociation, DataTransfer.Host {

    /** RFC 9260 §4 states; the ones we never enter (we do not start a shutdown) are left out. */
    private enum Phase { CLOSED, COOKIE_WAIT, COOKIE_ECHOED, ESTABLISHED, SHUTDOWN_RECEIVED, SHUTDOWN_ACK_SENT, ENDED }

    /** Verification tags and initial TSNs are unpredictable (RFC 9260 §5.3.1). */
    private static final SecureRandom TAGS = new SecureRandom();
    /** Max.Init.Retransmits (RFC 9260 §16). */
    static final int MAX_INIT_RETRANSMISSIONS = 8;

    private final SctpOptions options;
    private final SctpTimers timers;
    private final ListenerEvents events;
    private final PacketWriter writer;
    private final Crc32c crc = new Crc32c();
    private final StateCookie.Codec cookies = new StateCookie.Codec();
    private final RtoEstimator rto = new RtoEstimator();
    private final List<Chunk> control = new ArrayList<>(4);
    private final SctpTimer t1;
    private final SctpTimer t2;
    private final int localTag;
    private final int localInitialTsn;
    private Phase phase = Phase.CLOSED;
    private SctpState state = SctpState.NEW;
    private int peerTag;
    private DataTransfer transfer;
    private byte[] cookieToEcho;
    private int retransmissions;
    private long dropped;
    private boolean busy;
    private boolean flushRequested;

    Association(SctpOptions options, Output output, Listener listener, SctpTimers timers) {
        this(options, output, listener, timers, TAGS);
    }

    Association(SctpOptions options, Output output, Listener listener, SctpTimers timers, Random random) {
        this.options = options;
        this.timers = timers;
        this.events = new ListenerEvents(listener);
        this.writer = new PacketWriter(output, SctpOptions.MTU);
        this.t1 = new SctpTimer(timers, this::onT1Expiry);
        this.t2 = new SctpTimer(timers, this::onT2Expiry);
        int tag;
        do {
            tag = random.nextInt();
        } while (tag == 0);
        this.localTag = tag;
        this.localInitialTsn = random.nextInt();
    }

    // ---- the contract

    @Override
    public void connect() {
        if (phase != Phase.CLOSED || state != SctpState.NEW) {
            return;
        }
        phase = Phase.COOKIE_WAIT;
        setState(SctpState.CONNECTING);
        retransmissions = 0;
        sendInit();
        t1.start(rto.rto());
        flush();
    }

    @Override
    public void receivePacket(byte[] data, int offset, int length) {
        if (phase == Phase.ENDED) {
            dropped++;
            return;
        }
        SctpPacket packet = SctpPacket.parse(data, offset, length, crc);
        if (packet == null || !acceptable(packet)) {
            dropped++;
            return;
        }
        busy = true;
        try {
            process(packet);
        } finally {
            busy = false;
        }
        flush();
    }

    @Override
    public SendResult sendMessage(int streamId, int ppid, byte[] payload, int offset, int length,
            SctpReliability reliability) {
        if (length <= 0) {
            throw new IllegalArgumentException("an empty message is sent as one byte with ppid 56 or 57");
        }
        if (phase != Phase.ESTABLISHED) {
            return SendResult.NOT_CONNECTED;
        }
        SendResult result = transfer.send(streamId, ppid, payload, offset, length, reliability);
        if (result == SendResult.SENT) {
            flush();
        }
        return result;
    }

    @Override
    public void resetOutgoingStreams(int[] streamIds) {
        if (phase == Phase.ESTABLISHED) {
            transfer.resetOutgoingStreams(streamIds);
            flush();
        }
    }

    @Override
    public long bufferedAmount() {
        return transfer == null ? 0 : transfer.bufferedAmount();
    }

    @Override
    public SctpState state() {
        return state;
    }

    @Override
    public int outboundStreams() {
        return state == SctpState.CONNECTED ? transfer.outboundStreams() : 0;
    }

    @Override
    public int inboundStreams() {
        return state == SctpState.CONNECTED ? transfer.inboundStreams() : 0;
    }

    @Override
    public long packetsDropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (phase == Phase.ENDED) {
            return;
        }
        if (transfer != null) {
            sendAlone(OpaqueChunk.of(ChunkType.ABORT, ErrorCause.of(ErrorCause.USER_INITIATED_ABORT, new byte[0])), peerTag);
        }
        end(SctpState.CLOSED);
        flush();
    }

    // ---- packet checks and dispatch

    /** RFC 9260 §8.5 verification tag rules and the chunks that must travel alone. */
    private boolean acceptable(SctpPacket packet) {
        if (packet.sourcePort() != SctpOptions.PORT || packet.destinationPort() != SctpOptions.PORT) {
            return false;
        }
        List<Chunk> chunks = packet.chunks();
        for (Chunk chunk : chunks) {
            boolean alone = chunk instanceof InitChunk || chunk.type() == ChunkType.SHUTDOWN_COMPLETE;
            if (alone && chunks.size() != 1) {
                return false;
            }
        }
        Chunk first = chunks.get(0);
        int tag = packet.verificationTag();
        if (first instanceof InitChunk init && !init.ack()) {
            return tag == 0;
        }
        boolean reflected = (first.type() == ChunkType.ABORT || first.type() == ChunkType.SHUTDOWN_COMPLETE)
                && ((OpaqueChunk) first).tagReflected();
        if (reflected) {
            return transfer != null && tag == peerTag;
        }
        return tag == localTag;
    }

    private void process(SctpPacket packet) {
        boolean dataSeen = false;
        for (Chunk chunk : packet.chunks()) {
            if (phase == Phase.ENDED || !dispatch(chunk)) {
                break;
            }
            dataSeen |= chunk.type() == ChunkType.DATA || chunk.type() == ChunkType.FORWARD_TSN;
        }
        if (dataSeen && phase != Phase.ENDED && transfer != null) {
            transfer.afterDataPacket();
        }
    }

    /** Handles one chunk; false when the rest of the packet is to be ignored. */
    private boolean dispatch(Chunk chunk) {
        switch (chunk.type()) {
            case ChunkType.DATA -> {
                if (dataAllowed()) {
                    transfer.onData((DataChunk) chunk);
                }
            }
            case ChunkType.INIT -> onInit((InitChunk) chunk);
            case ChunkType.INIT_ACK -> onInitAck((InitChunk) chunk);
            case ChunkType.SACK -> onSack((SackChunk) chunk);
            case ChunkType.HEARTBEAT -> {
                if (transfer != null) {
                    control.add(OpaqueChunk.of(ChunkType.HEARTBEAT_ACK, ((OpaqueChunk) chunk).value()));
                }
            }
            case ChunkType.HEARTBEAT_ACK -> {
                // we send no HEARTBEAT, so there is nothing to match it with
            }
            case ChunkType.COOKIE_ACK -> onCookieAck();
            case ChunkType.ABORT -> onAbort();
            case ChunkType.ERROR -> onError((OpaqueChunk) chunk);
            case ChunkType.SHUTDOWN -> onShutdown((ShutdownChunk) chunk);
            case ChunkType.SHUTDOWN_ACK -> onShutdownAck();
            case ChunkType.SHUTDOWN_COMPLETE -> onShutdownComplete();
            case ChunkType.COOKIE_ECHO -> onCookieEcho((OpaqueChunk) chunk);
            case ChunkType.FORWARD_TSN -> {
                if (dataAllowed()) {
                    transfer.onForwardTsn((ForwardTsnChunk) chunk);
                }
            }
            case ChunkType.RE_CONFIG -> {
                if (dataAllowed()) {
                    transfer.onReConfig((ReConfigChunk) chunk);
                }
            }
            default -> {
                return onUnknown((OpaqueChunk) chunk);
            }
        }
        return true;
    }

    private boolean dataAllowed() {
        return phase == Phase.ESTABLISHED || phase == Phase.SHUTDOWN_RECEIVED;
    }

    /** RFC 9260 §3.2: report it if asked, and go on with the packet only if the type says so. */
    private boolean onUnknown(OpaqueChunk chunk) {
        if (chunk.report() && transfer != null) {
            control.add(OpaqueChunk.of(ChunkType.ERROR, ErrorCause.of(ErrorCause.UNRECOGNIZED_CHUNK_TYPE,
                    chunk.encoded())));
        }
        return chunk.skipAndContinue();
    }

    // ---- setup

    private InitChunk ourInit(boolean ack, byte[] cookie, List<byte[]> unrecognized) {
        return new InitChunk(ack, localTag, DataTransfer.receiveBufferSize(options), options.os(), options.mis(),
                localInitialTsn, true, true, cookie, unrecognized);
    }

    private void sendInit() {
        sendAlone(ourInit(false, null, List.of()), 0);
    }

    /**
     * Any INIT gets an INIT ACK with our one tag and initial TSN and a cookie for the peer's parameters: the
     * stateless answer (RFC 9260 §5.1), the answer to a collision (§5.2.1), and with the same tags a harmless
     * one to a duplicate INIT once established.
     */
    private void onInit(InitChunk init) {
        if (init.initiateTag() == 0 || init.outboundStreams() == 0 || init.inboundStreams() == 0) {
            dropped++;
            return;
        }
        byte[] cookie = cookies.encode(StateCookie.fromInit(localTag, init, timers.nowMillis()));
        sendAlone(ourInit(true, cookie, init.unrecognized()), init.initiateTag());
    }

    private void onInitAck(InitChunk ack) {
        if (phase != Phase.COOKIE_WAIT) {
            return;
        }
        if (ack.cookie() == null || ack.initiateTag() == 0 || ack.outboundStreams() == 0
                || ack.inboundStreams() == 0) {
            dropped++;
            return;
        }
        learnPeer(ack.initiateTag(), new DataTransfer.Peer(ack.initialTsn(), ack.advertisedWindow(),
                ack.outboundStreams(), ack.inboundStreams(), ack.forwardTsn(), ack.reconfig()));
        cookieToEcho = ack.cookie();
        phase = Phase.COOKIE_ECHOED;
        retransmissions = 0;
        rto.resetBackoff();
        control.add(OpaqueChunk.of(ChunkType.COOKIE_ECHO, cookieToEcho));
        t1.start(rto.rto());
    }

    private void learnPeer(int tag, DataTransfer.Peer peer) {
        if (transfer != null) {
            transfer.stop();
        }
        peerTag = tag;
        transfer = new DataTransfer(this, events, timers, rto, options, localInitialTsn, peer);
    }

    /** RFC 9260 §5.2.4: with our one local tag, only the peer's tag tells a new peer from a known one. */
    private void onCookieEcho(OpaqueChunk echo) {
        StateCookie cookie = cookies.decode(echo.value(), timers.nowMillis());
        if (cookie == null || cookie.localTag() != localTag) {
            dropped++;
            return;
        }
        boolean knownPeer = transfer != null && cookie.peerTag() == peerTag;
        switch (phase) {
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> {
                if (!knownPeer) {
                    learnPeer(cookie.peerTag(), new DataTransfer.Peer(cookie.peerInitialTsn(), cookie.peerWindow(),
                            cookie.peerOutboundStreams(), cookie.peerInboundStreams(), cookie.peerForwardTsn(),
                            cookie.peerReconfig()));
                }
                established();
            }
            default -> {
                if (!knownPeer) {
                    dropped++; // a restarted peer: not supported, the owner builds a new association
                    return;
                }
            }
        }
        control.add(OpaqueChunk.of(ChunkType.COOKIE_ACK));
    }

    private void onCookieAck() {
        if (phase == Phase.COOKIE_ECHOED) {
            established();
        }
    }

    private void established() {
        t1.stop();
        phase = Phase.ESTABLISHED;
        cookieToEcho = null;
        setState(SctpState.CONNECTED);
    }

    private void onT1Expiry() {
        if (++retransmissions > MAX_INIT_RETRANSMISSIONS) {
            end(SctpState.FAILED);
        } else {
            rto.backOff();
            if (phase == Phase.COOKIE_WAIT) {
                sendInit();
            } else if (phase == Phase.COOKIE_ECHOED) {
                control.add(OpaqueChunk.of(ChunkType.COOKIE_ECHO, cookieToEcho));
            }
            t1.start(rto.rto());
        }
        flush();
    }

    /** A stale cookie (RFC 9260 §5.2.6): start over with a new INIT. */
    private void onError(OpaqueChunk error) {
        if (phase == Phase.COOKIE_ECHOED && ErrorCause.contains(error.value(), ErrorCause.STALE_COOKIE)) {
            phase = Phase.COOKIE_WAIT;
            transfer.stop();
            transfer = null;
            sendInit();
            t1.start(rto.rto());
        }
    }

    // ---- data, teardown

    private void onSack(SackChunk sack) {
        if (dataAllowed()) {
            transfer.onSack(sack);
            shutdownWhenIdle();
        }
    }

    private void onAbort() {
        if (phase == Phase.CLOSED) {
            return;
        }
        end(phase == Phase.COOKIE_WAIT || phase == Phase.COOKIE_ECHOED ? SctpState.FAILED : SctpState.CLOSED);
    }

    /** The peer starts a graceful shutdown (RFC 9260 §9.2): finish our data, then SHUTDOWN ACK. */
    private void onShutdown(ShutdownChunk shutdown) {
        if (phase == Phase.SHUTDOWN_ACK_SENT) {
            control.add(OpaqueChunk.of(ChunkType.SHUTDOWN_ACK));
        } else if (dataAllowed()) {
            phase = Phase.SHUTDOWN_RECEIVED;
            transfer.onShutdownCumulativeAck(shutdown.cumulativeTsnAck());
            shutdownWhenIdle();
        }
    }

    private void shutdownWhenIdle() {
        if (phase == Phase.SHUTDOWN_RECEIVED && transfer.idle()) {
            phase = Phase.SHUTDOWN_ACK_SENT;
            retransmissions = 0;
            control.add(OpaqueChunk.of(ChunkType.SHUTDOWN_ACK));
            t2.start(rto.rto());
        }
    }

    private void onT2Expiry() {
        if (phase == Phase.SHUTDOWN_ACK_SENT) {
            if (++retransmissions > DataTransfer.MAX_RETRANSMISSIONS) {
                end(SctpState.CLOSED);
            } else {
                rto.backOff();
                control.add(OpaqueChunk.of(ChunkType.SHUTDOWN_ACK));
                t2.start(rto.rto());
            }
        }
        flush();
    }

    private void onShutdownComplete() {
        if (phase == Phase.SHUTDOWN_ACK_SENT) {
            end(SctpState.CLOSED);
        }
    }

    /** We never send SHUTDOWN, so a SHUTDOWN ACK means the peer is tearing down: complete it (§8.4 item 5). */
    private void onShutdownAck() {
        if (transfer != null) {
            sendAlone(OpaqueChunk.of(ChunkType.SHUTDOWN_COMPLETE), peerTag);
            end(SctpState.CLOSED);
        }
    }

    @Override
    public void onRetransmissionLimit() {
        sendAlone(OpaqueChunk.of(ChunkType.ABORT), peerTag);
        end(SctpState.FAILED);
        flush();
    }

    private void end(SctpState finalState) {
        phase = Phase.ENDED;
        t1.stop();
        t2.stop();
        if (transfer != null) {
            transfer.stop();
        }
        control.clear();
        setState(finalState);
    }

    private void setState(SctpState next) {
        if (state != next) {
            state = next;
            events.onStateChange(next);
        }
    }

    // ---- output

    @Override
    public void sendControl(Chunk chunk) {
        control.add(chunk);
    }

    private void sendAlone(Chunk chunk, int tag) {
        writer.begin(tag);
        writer.add(chunk);
        writer.flush();
    }

    /** Sends queued control chunks and whatever data may go, then runs the listener calls queued meanwhile. */
    @Override
    public void flush() {
        if (busy) {
            flushRequested = true;
            return;
        }
        busy = true;
        try {
            do {
                flushRequested = false;
                writeOut();
            } while (flushRequested && phase != Phase.ENDED);
        } finally {
            busy = false;
        }
        events.drain();
    }

    private void writeOut() {
        if (phase == Phase.ENDED || transfer == null) {
            control.clear();
            return;
        }
        writer.begin(peerTag);
        for (Chunk chunk : control) {
            writer.add(chunk);
        }
        control.clear();
        if (dataAllowed()) {
            transfer.fill(writer);
            for (Chunk chunk : control) {
                writer.add(chunk);
            }
            control.clear();
        }
        writer.flush();
    }
}
