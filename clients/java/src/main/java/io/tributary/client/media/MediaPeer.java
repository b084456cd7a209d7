package io.tributary.client.media;

import io.tributary.client.media.data.PeerDataChannels;
import io.tributary.client.media.dtls.DtlsClientLink;
import io.tributary.client.media.ice.IceAgentState;
import io.tributary.client.media.ice.IceStats;
import io.tributary.client.media.receive.ExpectedStream;
import io.tributary.client.media.receive.InboundStreams;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.rtcp.RtcpCounters;
import io.tributary.client.media.rtcp.RtcpReader;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.OutboundStreams;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.SyntheticOpusSource;
import io.tributary.client.media.send.SyntheticVp8Source;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A headless WebRTC peer facing a mediasoup-style ICE-lite SFU transport, as a browser would:
 * ICE controlling over UDP or TCP, DTLS client (or server), SRTP; it publishes synthetic Opus and
 * VP8 (simulcast too), answers NACK/PLI/FIR, sends SR/RR, and measures what it receives.
 *
 * <pre>
 * MediaPeer peer = MediaPeer.create(vertx);
 * CompletableFuture&lt;Void&gt; up = peer.connect(new RemoteTransport(ice, candidates, dtls), TransportProtocol.UDP);
 * sfuTransport.connect(peer.localDtlsParameters());
 * up.get(5, SECONDS);
 * Publication video = peer.publishVp8(Vp8Options.simulcast("0", 1000));   // produce(video.rtpParameters())
 * ReceivedStream in = peer.receive(consumer.rtpParameters());
 * in.awaitPackets(100).get(5, SECONDS);
 * </pre>
 *
 * All state lives on one Vert.x event loop; every method may be called from any thread.
 */
public final class MediaPeer implements AutoCloseable {

    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final PeerLoop loop;
    private final PeerOptions options;
    private final byte[] cname;
    private final DtlsClientLink dtls;
    private final MediaSession session;
    private final PeerDataChannels data;
    private SctpParameters remoteSctp;
    private final OutboundStreams outbound = new OutboundStreams();
    private final InboundStreams inbound;
    private final RtcpCounters rtcpCounters = new RtcpCounters();
    private final RtcpReader rtcpReader;
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final byte[] rtcp = new byte[MediaOutput.MAX_PACKET + MediaOutput.TAIL_ROOM];
    private final Map<Integer, Integer> firSequence = new HashMap<>();
    private long senderReportTimer = -1;
    private long receiverReportTimer = -1;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile boolean closed;

    private MediaPeer(Vertx vertx, PeerOptions options) {
        this.loop = PeerLoop.create(vertx);
        this.options = options;
        this.cname = options.cname().getBytes(StandardCharsets.UTF_8);
        DtlsCertificate certificate = options.certificate() != null ? options.certificate()
                : DtlsCertificate.generate();
        this.dtls = new DtlsClientLink(loop, options.dtlsRole(), certificate, options.dtlsTimeout(),
                options.srtpProfiles(), copy -> session().sendDtls(copy), () -> session().dtlsClosed(),
                record -> data().receive(record));
        this.data = new PeerDataChannels(loop, record -> dtls.sendApplicationData(record));
        this.inbound = new InboundStreams(this::nackOnLoop);
        this.rtcpReader = new RtcpReader(rtcpCounters, new FeedbackRouter());
        this.session = new MediaSession(loop, options, dtls, new MediaSession.Receiver() {
            @Override
            public void onRtp(byte[] buf, int off, int len) {
                inbound.onRtp(buf, off, len, MediaClock.nowMicros());
            }

            @Override
            public void onRtcp(byte[] buf, int off, int len) {
                rtcpReader.read(buf, off, len);
            }

            @Override
            public void onUndecryptableRtcp() {
                rtcpReader.undecryptable();
            }
        });
    }

    public static MediaPeer create(Vertx vertx) {
        return create(vertx, PeerOptions.defaults());
    }

    public static MediaPeer create(Vertx vertx, PeerOptions options) {
        return new MediaPeer(vertx, options);
    }

    /** The DTLS link is built before the session it sends through, so its callbacks look the session up late. */
    private MediaSession session() {
        return session;
    }

    public PeerOptions options() {
        return options;
    }

    /** Our role and certificate fingerprints, for the SFU's {@code transport.connect({dtlsParameters})}. */
    public DtlsParameters localDtlsParameters() {
        return dtls.localParameters();
    }

    /** Our ICE credentials (the USERNAME of our checks is {@code remoteUfrag:localUfrag}). */
    public IceParameters localIceParameters() {
        return session.localIceParameters();
    }

    /**
     * Connects to the candidate of {@code protocol}: ICE, then DTLS, then SRTP. The future fails with a
     * {@link MediaPeerException} naming the step (no candidate, socket, ICE timeout, DTLS failure).
     * Publications start sending once it completes.
     */
    public CompletableFuture<Void> connect(RemoteTransport remote, TransportProtocol protocol) {
        if (closed) {
            throw new IllegalStateException("peer closed");
        }
        if (!connecting.compareAndSet(false, true)) {
            throw new IllegalStateException("connect() was already called");
        }
        loop.execute(() -> {
            remoteSctp = remote.sctpParameters();
            try {
                session.connect(remote, protocol);
            } catch (RuntimeException e) {
                session.connected().completeExceptionally(e);
            }
        });
        session.connected().thenRun(() -> loop.execute(this::onConnected));
        return session.connected();
    }

    /** Completes when SRTP keys are in place (same future {@link #connect} returned). */
    public CompletableFuture<Void> connected() {
        return session.connected();
    }

    public boolean isConnected() {
        return session.connected().isDone() && !session.connected().isCompletedExceptionally();
    }

    /** Completes with a reason when an established connection is lost (ICE consent, DTLS close_notify). */
    public CompletableFuture<String> disconnected() {
        return session.disconnected();
    }

    public IceAgentState iceState() {
        return iceStats().state();
    }

    /** Binding requests sent (checks and consent) and the responses they got. */
    public IceStats iceStats() {
        return session.ice() == null ? IceStats.NONE : session.ice().stats();
    }

    public DtlsState dtlsState() {
        return dtls.state();
    }

    public TransportStats transportStats() {
        return session.stats(inbound.malformedPackets(), inbound.paddingOnlyPackets());
    }

    private void onConnected() {
        if (closed) {
            return;
        }
        outbound.publications().forEach(Publication::start);
        if (remoteSctp != null) {
            data.start(remoteSctp);
        }
        senderReportTimer = loop.setPeriodic(options.senderReportInterval().toMillis(),
                () -> outbound.sendSenderReports(session, cname, MediaClock.nowMicros()));
        receiverReportTimer = loop.setPeriodic(options.receiverReportInterval().toMillis(),
                () -> inbound.sendReceiverReport(session, (int) options.rtcpSsrc(), cname, MediaClock.nowMicros()));
    }

    /**
     * The DataChannels of this connection. The SCTP association starts with the connection when the
     * transport has {@code sctpParameters} (created with {@code enableSctp}).
     */
    public PeerDataChannels data() {
        return data;
    }

    // ---- publishing ----------------------------------------------------------------------------

    /** Publishes a synthetic Opus stream; it starts with the connection. */
    public Publication publishOpus(OpusOptions opus) {
        return publish(new SyntheticOpusSource(loop, session, opus, options.cname()));
    }

    /** Publishes synthetic VP8, one encoding or simulcast; it starts with the connection. */
    public Publication publishVp8(Vp8Options vp8) {
        return publish(new SyntheticVp8Source(loop, session, vp8, options.cname()));
    }

    private Publication publish(Publication publication) {
        if (closed) {
            throw new IllegalStateException("peer closed");
        }
        outbound.add(publication);
        if (isConnected()) {
            publication.start();
        }
        return publication;
    }

    public List<Publication> publications() {
        return outbound.publications();
    }

    // ---- receiving -----------------------------------------------------------------------------

    /** Expects what a consumer's {@code rtpParameters} describe (SSRC, codec, RTX) and returns its stream. */
    public ReceivedStream receive(RtpParameters consumerRtpParameters) {
        return expect(ExpectedStream.fromConsumer(consumerRtpParameters));
    }

    public ReceivedStream expect(ExpectedStream expected) {
        return inbound.expect(expected);
    }

    /** The stream of an SSRC, created empty if nothing arrived yet (so one can await its first packet). */
    public ReceivedStream receivedStream(long ssrc) {
        return inbound.stream(ssrc);
    }

    public Collection<ReceivedStream> receivedStreams() {
        return inbound.streams();
    }

    /** Counts of the RTCP the SFU sent us, and waiting on them. */
    public RtcpCounters rtcpReceived() {
        return rtcpCounters;
    }

    // ---- feedback toward the SFU (reduced-size RTCP) ------------------------------------------

    public void sendPli(long mediaSsrc) {
        loop.execute(() -> {
            writer.reset(rtcp, 0, MediaOutput.MAX_PACKET);
            writer.addPli((int) options.rtcpSsrc(), (int) mediaSsrc);
            session.sendRtcp(rtcp, writer.length());
        });
    }

    /** A FIR with a fresh command sequence number for that SSRC (RFC 5104). */
    public void sendFir(long mediaSsrc) {
        loop.execute(() -> {
            int sequence = firSequence.merge((int) mediaSsrc, 1, (a, b) -> (a + b) & 0xFF);
            writer.reset(rtcp, 0, MediaOutput.MAX_PACKET);
            writer.addFir((int) options.rtcpSsrc(), 0, (int) mediaSsrc, sequence);
            session.sendRtcp(rtcp, writer.length());
        });
    }

    public void sendNack(long mediaSsrc, int... sequenceNumbers) {
        int[] sorted = sequenceNumbers.clone();
        Arrays.sort(sorted);
        loop.execute(() -> nackOnLoop((int) mediaSsrc, sorted));
    }

    /**
     * Fault injection for robustness tests: SRTP-protects and sends each packet exactly as given, as
     * RTP or (when {@code rtcp}) as RTCP, however malformed its body. Completes, once the packets have
     * left the socket, with how many SRTP accepted to protect (it refuses RTP headers it cannot parse).
     */
    public CompletableFuture<Integer> sendRaw(List<byte[]> packets, boolean rtcp) {
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        loop.execute(() -> {
            int accepted = 0;
            for (byte[] packet : packets) {
                byte[] buf = Arrays.copyOf(packet, packet.length + MediaOutput.TAIL_ROOM);
                if (rtcp ? session.sendRtcp(buf, packet.length) : session.sendRtp(buf, packet.length)) {
                    accepted++;
                }
            }
            int total = accepted;
            // The link flushes at the end of this loop turn; a task queued now runs after that.
            loop.context().runOnContext(v -> sent.complete(total));
        });
        return sent;
    }

    /** An RR for every received stream now, besides the periodic ones. */
    public void sendReceiverReport() {
        loop.execute(() -> inbound.sendReceiverReport(session, (int) options.rtcpSsrc(), cname,
                MediaClock.nowMicros()));
    }

    private void nackOnLoop(int mediaSsrc, int[] sequenceNumbers) {
        writer.reset(rtcp, 0, MediaOutput.MAX_PACKET);
        if (writer.addNack((int) options.rtcpSsrc(), mediaSsrc, sequenceNumbers, 0, sequenceNumbers.length)) {
            session.sendRtcp(rtcp, writer.length());
        }
    }

    /** Stops sources and timers, sends close_notify, closes the socket; pending awaits fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MediaPeerException cause = new MediaPeerException("peer closed");
        outbound.closeAll(cause);
        CompletableFuture<Void> stopped = loop.call(() -> {
            loop.cancel(senderReportTimer);
            loop.cancel(receiverReportTimer);
            data.close();
            session.close();
            return null;
        });
        try {
            // Bounded: a Vert.x instance closed under us never runs the task.
            stopped.get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Nothing more to release: the socket goes with the event loop.
        }
        inbound.failWaiters(cause);
        rtcpCounters.failWaiters(cause);
    }

    /** Routes the SFU's feedback to our streams and its reports to our receivers. */
    private final class FeedbackRouter implements RtcpReader.Handler {
        @Override
        public void onSenderReport(int ssrc, long ntpTimestamp, long arrivalMicros) {
            inbound.onSenderReport(ssrc, ntpTimestamp, arrivalMicros);
        }

        @Override
        public void onReportBlock(ReportBlock block) {
            outbound.onReportBlock(block);
        }

        @Override
        public void onNack(NackPacket nack) {
            outbound.onNack(nack);
        }

        @Override
        public void onPli(int mediaSsrc) {
            outbound.onPli(mediaSsrc);
        }

        @Override
        public void onFir(int targetSsrc, int firSequenceNumber) {
            outbound.onFir(targetSsrc, firSequenceNumber);
        }
    }
}
