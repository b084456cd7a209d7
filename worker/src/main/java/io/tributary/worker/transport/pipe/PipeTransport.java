package io.tributary.worker.transport.pipe;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.data.DataTransportSettings;
import io.tributary.worker.data.TransportData;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Subscription;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.net.UdpEndpoint;
import io.tributary.worker.router.Router;
import io.tributary.worker.rtcp.RtcpPacketType;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.srtp.SrtpMasterKey;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.srtp.SrtpSession;
import io.tributary.worker.transport.IpLiterals;
import io.tributary.worker.transport.SocketBinder;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TupleInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mediasoup's PipeTransport: carries every encoding of producers between two routers, as plain RTP
 * (optionally SRTP AEAD_AES_256_GCM, optionally RTX/NACK) with no MID and no bandwidth estimation.
 * Between nodes the link is UDP to the tuple given to {@link #connect}; between workers of one JVM
 * {@link #linkInProcess} joins two transports by bounded queues between their event loops instead. With
 * {@code enableSctp} an SCTP association runs straight over the link (no DTLS, no SRTP), started once
 * the link is there, as mediasoup starts it on connect.
 */
public final class PipeTransport extends Transport {

    /** The only SRTP suite a pipe speaks, as mediasoup's worker. */
    public static final SrtpProfile SRTP_PROFILE = SrtpProfile.AEAD_AES_256_GCM;
    private final PipeTransportOptions options;
    private final SrtpParameters localSrtp;
    private UdpEndpoint socket;
    private InetSocketAddress remote;
    private PipeLink link;

    private PipeTransport(String id, Router router, PipeTransportOptions options) {
        super(id, router, options.appData(), DataTransportSettings.sctp(options.sctp(), false));
        this.options = options;
        this.localSrtp = options.enableSrtp() ? SrtpParameters.random(SRTP_PROFILE) : null;
    }

    /** Called by {@link Router#createPipeTransport} on the worker's loop: validates, then binds the UDP socket. */
    public static Future<PipeTransport> create(String id, Router router, PipeTransportOptions options) {
        try {
            options.validate();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        PipeTransport transport = new PipeTransport(id, router, options);
        var settings = router.worker().settings();
        return SocketBinder.udp(router.worker().loop(), options.listenInfo(), settings.rtcMinPort(),
                settings.rtcMaxPort(), transport::onSocketPacket).map(bound -> {
                    transport.socket = bound;
                    return transport;
                }).recover(e -> {
                    transport.finish(null);
                    return Future.failedFuture(e);
                });
    }

    /** The UDP tuple: local address (announced if given) and port, and the remote once connected. */
    public TupleInfo tuple() {
        return TupleInfo.ofUdp(socket.localAddress(), remote, options.listenInfo().announcedAddress());
    }

    /** The local SRTP suite and key (null without {@code enableSrtp}), for the other side's {@code connect()}. */
    public SrtpParameters srtpParameters() {
        return localSrtp;
    }

    /** Whether consumers of this transport carry RTX and answer NACKs. */
    public boolean rtx() {
        return options.enableRtx();
    }

    /**
     * mediasoup's {@code connect({ip, port, srtpParameters})}: SRTP parameters only and always with
     * {@code enableSrtp} (AEAD_AES_256_GCM only), then the remote IP literal and port; once only. With
     * SCTP the association starts.
     */
    public Future<Void> connect(String ip, Integer port, SrtpParameters remoteSrtp) {
        return loop.call(() -> {
            assertOpen();
            if (link != null) {
                throw new MediasoupError("connect() already called");
            }
            SrtpMasterKey remoteKey = remoteKey(remoteSrtp);
            if (ip == null) {
                throw new TypeError("missing ip");
            }
            if (port == null) {
                throw new TypeError("missing port");
            }
            IpLiterals.checkPort(port, "port");
            InetSocketAddress address = new InetSocketAddress(IpLiterals.parse(ip), port);
            SrtpSession srtp = remoteKey == null ? null : new SrtpSession(SRTP_PROFILE, localSrtp.masterKey(), remoteKey);
            remote = address;
            link = new UdpPipeLink(new UdpEndpoint.UdpTuple(socket, address), srtp);
            startSctp(this::sendSctp);
            return null;
        });
    }

    private SrtpMasterKey remoteKey(SrtpParameters remoteSrtp) {
        if (!options.enableSrtp()) {
            if (remoteSrtp != null) {
                throw new TypeError("invalid srtpParameters (SRTP not enabled)");
            }
            return null;
        }
        if (remoteSrtp == null) {
            throw new TypeError("missing srtpParameters (SRTP enabled)");
        }
        if (remoteSrtp.profile() != SRTP_PROFILE) {
            throw new TypeError("invalid/unsupported srtpParameters.cryptoSuite");
        }
        return remoteSrtp.masterKey();
    }

    /**
     * Tributary, in place of {@code connect()} on both: two transports of this JVM (pipeToRouter's pair)
     * joined by bounded queues between their loops, no socket and no SRTP. Each tuple names the other's
     * socket, as if connected to it; the sockets stay bound. With SCTP both associations start once both
     * ends are linked, so neither's first packet finds the other without a link.
     */
    public Future<Void> linkInProcess(PipeTransport peer) {
        InProcessPipeLink[] ends = InProcessPipeLink.between(this, peer, PacketHandOff.DEFAULT_CAPACITY);
        return Future.all(useLink(ends[0], peer.socket.localAddress()), peer.useLink(ends[1], socket.localAddress()))
                .compose(v -> Future.all(startLinkedSctp(), peer.startLinkedSctp()))
                .mapEmpty();
    }

    private Future<Void> useLink(PipeLink inProcess, InetSocketAddress peerAddress) {
        return loop.call(() -> {
            assertOpen();
            if (link != null) {
                throw new MediasoupError("connect() already called");
            }
            remote = peerAddress;
            link = inProcess;
            return null;
        });
    }

    private Future<Void> startLinkedSctp() {
        return loop.call(() -> {
            assertOpen();
            startSctp(this::sendSctp);
            return null;
        });
    }

    /**
     * Tributary: completes once the SCTP association has connected, failed or ended (at once without SCTP),
     * so pipeToRouter hands out a new pair that carries data from the first message.
     */
    public Future<Void> sctpSettled() {
        return loop.compose(() -> {
            if (!sctpUnsettled()) {
                return Future.succeededFuture();
            }
            Promise<Void> settled = Promise.promise();
            Subscription[] watch = new Subscription[1];
            watch[0] = observer.on(SCTP_STATE_CHANGE, state -> {
                if (!sctpUnsettled()) {
                    watch[0].cancel();
                    settled.tryComplete();
                }
            });
            onClosed(settled::tryComplete);
            return settled.future();
        });
    }

    private boolean sctpUnsettled() {
        SctpState state = sctpState();
        return !closed() && (state == SctpState.NEW || state == SctpState.CONNECTING);
    }

    /** mediasoup's pipe {@code consume({producerId, appData})}: type pipe, RTX as the transport says. */
    public Future<Consumer> consume(String producerId, Map<String, Object> appData) {
        return super.consume(new ConsumerOptions(producerId, null, false, null, null, false, options.enableRtx(), true,
                appData));
    }

    /** Only the producer id and appData count on a pipe transport. */
    @Override
    public Future<Consumer> consume(ConsumerOptions consumerOptions) {
        return consume(consumerOptions.producerId(), consumerOptions.appData());
    }

    @Override
    protected boolean isPipe() {
        return true;
    }

    private void onSocketPacket(byte[] buf, int off, int len, TransportTuple from) {
        counters.received(len);
        if (TransportData.isSctp(buf, off, len)) {
            if (link instanceof UdpPipeLink udp && udp.accepts(from) && data.sctpEnabled()) {
                receiveSctp(buf, off, len);
            } else {
                counters.dropped++;
            }
            return;
        }
        if (len < 2 || (buf[off] & 0xc0) != 0x80 || !(link instanceof UdpPipeLink udp)) {
            counters.dropped++;
            return;
        }
        boolean rtcp = RtcpPacketType.isRtcp(buf[off + 1] & 0xff);
        int n = udp.receive(buf, off, len, from, rtcp);
        if (n < 0) {
            counters.dropped++;
            return;
        }
        receive(buf, off, n, rtcp, System.currentTimeMillis());
    }

    /** A packet from the in-process peer, on this transport's loop; SCTP is told apart by its first bytes. */
    void receiveFromLink(byte[] buf, int off, int len, boolean rtcp, long nowMs) {
        if (closed()) {
            return;
        }
        counters.received(len);
        if (!rtcp && TransportData.isSctp(buf, off, len)) {
            receiveSctp(buf, off, len);
        } else {
            receive(buf, off, len, rtcp, nowMs);
        }
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        send(buf, off, len, false);
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        send(buf, off, len, true);
    }

    private void send(byte[] buf, int off, int len, boolean rtcp) {
        if (link == null) {
            return;
        }
        counters.sentOrDropped(link.send(buf, off, len, rtcp), rtcp);
    }

    /** The association's packets leave on the link as they are. */
    private void sendSctp(byte[] buf, int off, int len) {
        if (link == null) {
            return;
        }
        int n = link.sendSctp(buf, off, len);
        if (n < 0) {
            counters.dropped++;
        } else {
            counters.sent(n);
        }
    }

    @Override
    protected String statsType() {
        return "pipe-transport";
    }

    @Override
    protected void fillStats(Map<String, Object> stats) {
        stats.put("tuple", tuple());
    }

    @Override
    protected void fillDump(Map<String, Object> dump) {
        dump.put("tuple", tuple());
        dump.put("rtx", options.enableRtx());
        if (localSrtp != null) {
            dump.put("srtpParameters", localSrtp);
        }
        if (link != null) {
            Map<String, Object> linkDump = new LinkedHashMap<>();
            linkDump.put("type", link.type());
            linkDump.put("packetsDropped", link.dropped());
            if (link instanceof InProcessPipeLink inProcess) {
                linkDump.put("queued", inProcess.queued());
            }
            dump.put("link", linkDump);
        }
    }

    @Override
    protected void onClose() {
        if (link != null) {
            link.close();
        }
        if (socket != null) {
            socket.close();
        }
    }
}
