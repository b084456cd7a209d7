package io.tributary.client.media;

import io.tributary.client.media.net.PacketKind;
import io.tributary.client.media.send.HeaderExtensionIds;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.dtls.DtlsHandshakeResult;
import io.tributary.worker.dtls.DtlsOptions;
import io.tributary.worker.dtls.DtlsTransport;
import io.tributary.worker.ice.IceCredentials;
import io.tributary.worker.ice.IceServer;
import io.tributary.worker.net.TcpEndpoint;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.net.UdpEndpoint;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceCandidateTcpType;
import io.tributary.worker.ortc.IceCandidateType;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtcp.ReceiverReport;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundIterator;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtcp.RtcpPacketType;
import io.tributary.worker.rtcp.SenderReport;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.SerialNumbers;
import io.tributary.worker.srtp.SrtpSession;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal ICE-lite / DTLS / SRTP endpoint built from the worker's pieces, standing in for an SFU
 * transport: it echoes every RTP packet back under {@link #echoSsrc} (sequence numbers, payload and
 * extensions unchanged), can NACK gaps like an SFU, and sends PLI, FIR and NACK on request.
 * Everything runs on its own event loop.
 */
final class EchoEndpoint implements AutoCloseable {

    /** Snapshot of what the endpoint received from the peer. */
    record Stats(long rtp, long rtcp, long nacksSent, Map<Long, Long> packetsBySsrc, Map<Long, Set<String>> ridsBySsrc,
                 Map<Long, Set<String>> repairedRidsBySsrc, Set<String> mids, Map<Long, Long> senderReportsBySsrc,
                 long receiverReportBlocks, long reportBlocksWithLsr, Map<String, Long> feedbackBySsrc) {
        long packets(long ssrc) {
            return packetsBySsrc.getOrDefault(ssrc, 0L);
        }

        /** Feedback of a kind ("pli", "fir", "nack") the peer sent about a media SSRC. */
        long feedback(String kind, long ssrc) {
            return feedbackBySsrc.getOrDefault(kind + ":" + ssrc, 0L);
        }
    }

    private static final HeaderExtensionIds IDS = HeaderExtensionIds.defaults();

    private final ContextInternal context;
    private final TransportProtocol protocol;
    private final DtlsCertificate certificate;
    private final IceParameters iceParameters = IceCredentials.random();
    private final IceServer<Object> ice;
    private final DtlsTransport dtls;
    private final Map<Object, TransportTuple> tuples = new HashMap<>();
    private final Waiters<Stats> waiters = new Waiters<>();
    private final RtpPacket packet = new RtpPacket();
    private final byte[] out = new byte[MediaOutput.MAX_PACKET + MediaOutput.TAIL_ROOM];
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final RtcpCompoundIterator compound = new RtcpCompoundIterator();
    private final SenderReport senderReport = new SenderReport();
    private final ReceiverReport receiverReport = new ReceiverReport();
    private final ReportBlock reportBlock = new ReportBlock();
    private final NackPacket nack = new NackPacket();
    private final PliPacket pli = new PliPacket();
    private final FirPacket fir = new FirPacket();
    private final Map<Long, Integer> highestSeq = new HashMap<>();
    private final Set<Long> noNackSsrcs = new HashSet<>();
    private final CompletableFuture<Void> dtlsConnected = new CompletableFuture<>();

    // Guarded by this.
    private long rtp;
    private long rtcp;
    private long nacksSent;
    private long receiverReportBlocks;
    private long reportBlocksWithLsr;
    private final Map<String, Long> feedbackBySsrc = new HashMap<>();
    private final Map<Long, Long> packetsBySsrc = new HashMap<>();
    private final Map<Long, Set<String>> ridsBySsrc = new HashMap<>();
    private final Map<Long, Set<String>> repairedRidsBySsrc = new HashMap<>();
    private final Set<String> mids = new HashSet<>();
    private final Map<Long, Long> senderReportsBySsrc = new HashMap<>();

    private UdpEndpoint udp;
    private TcpEndpoint tcp;
    private TransportTuple selected;
    private DtlsParameters remoteDtls;
    private boolean dtlsStarted;
    private SrtpSession srtp;
    private volatile boolean autoNack;
    private int echoesToDrop;

    private EchoEndpoint(Vertx vertx, TransportProtocol protocol, DtlsCertificate certificate) {
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.protocol = protocol;
        this.certificate = certificate;
        this.ice = new IceServer<>(iceParameters, 0, new IceServer.Listener<>() {
            @Override
            public void onSendStun(byte[] buf, int off, int len, Object key) {
                tuples.get(key).send(buf, off, len);
            }

            @Override
            public void onSelectedTupleChange(Object key) {
                selected = tuples.get(key);
                maybeStartDtls();
            }
        });
        DtlsOptions options = DtlsOptions.defaults()
                .withHandshakeTimeout(Duration.ofSeconds(5))
                .withCallbackExecutor(task -> context.runOnContext(v -> task.run()));
        this.dtls = new DtlsTransport(certificate, options, (buf, off, len) -> {
            byte[] copy = Arrays.copyOfRange(buf, off, off + len);
            context.runOnContext(v -> {
                if (selected != null) {
                    selected.send(copy, 0, copy.length);
                }
            });
        }, new DtlsTransport.Listener() {
            @Override
            public void onConnected(DtlsHandshakeResult result) {
                srtp = result.newSrtpSession();
                dtlsConnected.complete(null);
            }
        });
        dtls.handshakeFuture().whenComplete((r, e) -> {
            if (e != null) {
                dtlsConnected.completeExceptionally(e);
            }
        });
    }

    /** Listens on 127.0.0.1 with the given protocol. */
    static EchoEndpoint start(Vertx vertx, TransportProtocol protocol, DtlsCertificate certificate) throws Exception {
        EchoEndpoint endpoint = new EchoEndpoint(vertx, protocol, certificate);
        if (protocol == TransportProtocol.UDP) {
            endpoint.udp = UdpEndpoint.bind(endpoint.context, "127.0.0.1", 0, endpoint::onPacket)
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } else {
            endpoint.tcp = TcpEndpoint.listen(endpoint.context, "127.0.0.1", 0, endpoint::onPacket, c -> { })
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        return endpoint;
    }

    static long echoSsrc(long ssrc) {
        return ssrc ^ 0x0EC0_0000L;
    }

    /** What createWebRtcTransport would return: ICE-lite credentials, one host candidate, role auto. */
    RemoteTransport remote() {
        InetSocketAddress local = udp != null ? udp.localAddress() : tcp.localAddress();
        IceCandidate candidate = new IceCandidate("candidate1", 1_076_302_079L, null, "127.0.0.1", protocol,
                local.getPort(), IceCandidateType.HOST,
                protocol == TransportProtocol.TCP ? IceCandidateTcpType.PASSIVE : null);
        return new RemoteTransport(iceParameters, List.of(candidate),
                new DtlsParameters(DtlsRole.AUTO, certificate.fingerprints()));
    }

    /** The SFU's transport.connect(): DTLS starts once ICE selected a tuple (or at once as server). */
    void connect(DtlsParameters peer) {
        context.runOnContext(v -> {
            remoteDtls = peer;
            maybeStartDtls();
        });
    }

    CompletableFuture<Void> dtlsConnected() {
        return dtlsConnected;
    }

    /** NACK gaps on media SSRCs as an SFU would (RTX SSRCs listed here are exempt). */
    void enableAutoNack(long... rtxSsrcs) {
        context.runOnContext(v -> {
            for (long ssrc : rtxSsrcs) {
                noNackSsrcs.add(ssrc);
            }
            autoNack = true;
        });
    }

    /** Loses the next echoed packets, so the peer sees a gap. */
    void dropNextEchoes(int count) {
        context.runOnContext(v -> echoesToDrop += count);
    }

    void sendPli(long mediaSsrc) {
        context.runOnContext(v -> {
            writer.reset(out, 0, MediaOutput.MAX_PACKET);
            writer.addPli(1, (int) mediaSsrc);
            sendRtcp();
        });
    }

    void sendFir(long mediaSsrc, int sequenceNumber) {
        context.runOnContext(v -> {
            writer.reset(out, 0, MediaOutput.MAX_PACKET);
            writer.addFir(1, 0, (int) mediaSsrc, sequenceNumber);
            sendRtcp();
        });
    }

    /** An SR for a stream the endpoint sends (an echo SSRC), stamped now. */
    void sendSenderReport(long ssrc) {
        context.runOnContext(v -> {
            writer.reset(out, 0, MediaOutput.MAX_PACKET);
            writer.addSenderReport((int) ssrc, NtpTime.fromUnixMillis(System.currentTimeMillis()), 0, 0, 0);
            sendRtcp();
        });
    }

    void sendRemb(long bitrate, long ssrc) {
        context.runOnContext(v -> {
            writer.reset(out, 0, MediaOutput.MAX_PACKET);
            writer.addRemb(1, bitrate, new int[] {(int) ssrc}, 1);
            sendRtcp();
        });
    }

    /** Ends DTLS with close_notify, as an SFU closing the transport does. */
    void closeDtls() {
        context.runOnContext(v -> dtls.close());
    }

    synchronized Stats stats() {
        return new Stats(rtp, rtcp, nacksSent, Map.copyOf(packetsBySsrc), copyOfSets(ridsBySsrc),
                copyOfSets(repairedRidsBySsrc), Set.copyOf(mids), Map.copyOf(senderReportsBySsrc),
                receiverReportBlocks, reportBlocksWithLsr, Map.copyOf(feedbackBySsrc));
    }

    CompletableFuture<Stats> await(Predicate<Stats> condition) {
        return waiters.await(condition, this::stats);
    }

    private void maybeStartDtls() {
        if (dtlsStarted || remoteDtls == null) {
            return;
        }
        boolean server = DtlsTransport.localRoleFor(remoteDtls.role()) == DtlsRole.SERVER;
        if (server || selected != null) {
            dtlsStarted = true;
            dtls.connect(remoteDtls);
        }
    }

    private void onPacket(byte[] buf, int off, int len, TransportTuple tuple) {
        switch (PacketKind.classify(buf, off, len)) {
            case STUN -> {
                TransportTuple kept = tuple.persist();
                tuples.putIfAbsent(kept, kept);
                ice.processStun(buf, off, len, kept, tuple.remote(), System.currentTimeMillis());
            }
            case DTLS -> {
                if (ice.isValidTuple(tuple)) {
                    dtls.feed(buf, off, len);
                }
            }
            case RTP -> {
                int n = srtp == null ? -1 : srtp.unprotectRtp(buf, off, len);
                if (n > 0 && packet.wrap(buf, off, n)) {
                    onRtp(buf, off, n);
                }
            }
            case RTCP -> {
                int n = srtp == null ? -1 : srtp.unprotectRtcp(buf, off, len);
                if (n > 0) {
                    onRtcp(buf, off, n);
                }
            }
            default -> {
            }
        }
        waiters.check(this::stats);
    }

    private void onRtp(byte[] buf, int off, int len) {
        long ssrc = packet.ssrc() & 0xFFFF_FFFFL;
        String rid = stringExtension(IDS.rid());
        String repairedRid = stringExtension(IDS.repairedRid());
        String mid = stringExtension(IDS.mid());
        synchronized (this) {
            rtp++;
            packetsBySsrc.merge(ssrc, 1L, Long::sum);
            if (rid != null) {
                ridsBySsrc.computeIfAbsent(ssrc, k -> new HashSet<>()).add(rid);
            }
            if (repairedRid != null) {
                repairedRidsBySsrc.computeIfAbsent(ssrc, k -> new HashSet<>()).add(repairedRid);
            }
            if (mid != null) {
                mids.add(mid);
            }
        }
        nackGap(ssrc, packet.sequenceNumber());
        if (echoesToDrop > 0) {
            echoesToDrop--;
            return;
        }
        System.arraycopy(buf, off, out, 0, len);
        RtpPacket echo = new RtpPacket();
        echo.wrap(out, 0, len);
        echo.setSsrc((int) echoSsrc(ssrc));
        int protectedLength = srtp.protectRtp(out, 0, len);
        if (protectedLength > 0) {
            selected.send(out, 0, protectedLength);
        }
    }

    /** Tracks the highest sequence number of every SSRC; with auto NACK on, asks for what a jump skipped. */
    private void nackGap(long ssrc, int sequenceNumber) {
        Integer highest = highestSeq.get(ssrc);
        if (highest == null || SerialNumbers.isNewerSeq(sequenceNumber, highest)) {
            highestSeq.put(ssrc, sequenceNumber);
        }
        if (highest == null || !SerialNumbers.isNewerSeq(sequenceNumber, highest)) {
            return;
        }
        int gap = SerialNumbers.seqDiff(sequenceNumber, highest) - 1;
        if (autoNack && !noNackSsrcs.contains(ssrc) && gap > 0 && gap <= 100) {
            int[] lost = new int[gap];
            for (int i = 0; i < gap; i++) {
                lost[i] = (highest + 1 + i) & 0xFFFF;
            }
            writer.reset(out, 0, MediaOutput.MAX_PACKET);
            writer.addNack(1, (int) ssrc, lost, 0, gap);
            sendRtcp();
            synchronized (this) {
                nacksSent++;
            }
        }
    }

    private void onRtcp(byte[] buf, int off, int len) {
        compound.wrap(buf, off, len);
        while (compound.next()) {
            int type = compound.packetType();
            synchronized (this) {
                rtcp++;
                if (type == RtcpPacketType.SR && senderReport.wrap(compound.buffer(), compound.offset(),
                        compound.length())) {
                    senderReportsBySsrc.merge(senderReport.ssrc() & 0xFFFF_FFFFL, 1L, Long::sum);
                } else if (type == RtcpPacketType.RR && receiverReport.wrap(compound.buffer(), compound.offset(),
                        compound.length())) {
                    receiverReportBlocks += receiverReport.reportCount();
                    for (int i = 0; receiverReport.reportBlock(i, reportBlock); i++) {
                        reportBlocksWithLsr += reportBlock.lastSenderReport() != 0 ? 1 : 0;
                    }
                } else if (nack.wrap(compound.buffer(), compound.offset(), compound.length())) {
                    feedbackBySsrc.merge("nack:" + (nack.mediaSsrc() & 0xFFFF_FFFFL), 1L, Long::sum);
                } else if (pli.wrap(compound.buffer(), compound.offset(), compound.length())) {
                    feedbackBySsrc.merge("pli:" + (pli.mediaSsrc() & 0xFFFF_FFFFL), 1L, Long::sum);
                } else if (fir.wrap(compound.buffer(), compound.offset(), compound.length())) {
                    feedbackBySsrc.merge("fir:" + (fir.entrySsrc(0) & 0xFFFF_FFFFL), 1L, Long::sum);
                }
            }
        }
    }

    private void sendRtcp() {
        int n = srtp == null || selected == null ? -1 : srtp.protectRtcp(out, 0, writer.length());
        if (n > 0) {
            selected.send(out, 0, n);
        }
    }

    private String stringExtension(int id) {
        byte[] value = new byte[32];
        int n = packet.copyExtension(id, value, 0);
        return n < 0 ? null : new String(value, 0, n, StandardCharsets.US_ASCII);
    }

    private static Map<Long, Set<String>> copyOfSets(Map<Long, Set<String>> map) {
        Map<Long, Set<String>> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        return Map.copyOf(copy);
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            tuples.values().forEach(tuple -> {
                if (tuple instanceof TcpEndpoint.TcpConnection connection) {
                    connection.close();
                }
            });
            ice.close();
            dtls.close();
            if (srtp != null) {
                srtp.close();
            }
            (udp != null ? udp.close() : tcp.close()).onComplete(r -> done.complete(null));
        });
        done.orTimeout(5, TimeUnit.SECONDS).join();
    }
}
