package io.tributary.worker.transport.pipe;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.net.UdpEndpoint;
import io.tributary.worker.ortc.SctpParameters;
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
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mediasoup's PipeTransport: carries every encoding of producers between two routers, as plain RTP
 * (optionally SRTP AEAD_AES_256_GCM, optionally RTX/NACK) with no MID and no bandwidth estimation.
 * Between nodes the link is UDP to the tuple given to {@link #connect}; between workers of one JVM
 * {@link #linkInProcess} swaps it for bounded queues between the two event loops.
 */
public final class PipeTransport extends Transport {

    /** The only SRTP suite a pipe speaks, as mediasoup's worker. */
    public static final SrtpProfile SRTP_PROFILE = SrtpProfile.AEAD_AES_256_GCM;
    private static final int SCTP_PORT = 5000;

    private final PipeTransportOptions options;
    private final SrtpParameters localSrtp;
    private UdpEndpoint socket;
    private InetSocketAddress remote;
    private PipeLink link;
    private SctpState sctpState;

    private PipeTransport(String id, Router router, PipeTransportOptions options) {
        super(id, router, options.appData());
        this.options = options;
        this.localSrtp = options.enableSrtp() ? SrtpParameters.random(SRTP_PROFILE) : null;
        this.sctpState = options.enableSctp() ? SctpState.NEW : null;
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

    /** Null without {@code enableSctp}; SCTP over pipes is not carried yet. */
    public SctpParameters sctpParameters() {
        return options.enableSctp() ? new SctpParameters(SCTP_PORT, options.numSctpStreams().os(),
                options.numSctpStreams().mis(), options.maxSctpMessageSize()) : null;
    }

    public SctpState sctpState() {
        return sctpState;
    }

    /** Whether consumers of this transport carry RTX and answer NACKs. */
    public boolean rtx() {
        return options.enableRtx();
    }

    /**
     * mediasoup's {@code connect({ip, port, srtpParameters})}: SRTP parameters only and always with
     * {@code enableSrtp} (AEAD_AES_256_GCM only), then the remote IP literal and port; once only.
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
     * Tributary: both transports connected and in this JVM (pipeToRouter's pair): packets then cross
     * between their loops through bounded queues instead of the sockets, which stay bound so the tuples
     * still describe the pair.
     */
    public Future<Void> linkInProcess(PipeTransport peer) {
        InProcessPipeLink[] ends = InProcessPipeLink.between(this, peer, PacketHandOff.DEFAULT_CAPACITY);
        return Future.all(useLink(ends[0]), peer.useLink(ends[1])).mapEmpty();
    }

    private Future<Void> useLink(PipeLink replacement) {
        return loop.call(() -> {
            assertOpen();
            if (link == null) {
                throw new MediasoupError("connect() not called");
            }
            link.close();
            link = replacement;
            return null;
        });
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

    /** A packet from the in-process peer, on this transport's loop. */
    void receiveFromLink(byte[] buf, int off, int len, boolean rtcp, long nowMs) {
        if (closed()) {
            return;
        }
        counters.received(len);
        receive(buf, off, len, rtcp, nowMs);
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

    @Override
    protected String statsType() {
        return "pipe-transport";
    }

    @Override
    protected void fillStats(Map<String, Object> stats) {
        if (sctpState != null) {
            stats.put("sctpState", sctpState.wire());
        }
        stats.put("tuple", tuple());
    }

    @Override
    protected void fillDump(Map<String, Object> dump) {
        dump.put("tuple", tuple());
        dump.put("rtx", options.enableRtx());
        if (localSrtp != null) {
            dump.put("srtpParameters", localSrtp);
        }
        if (sctpState != null) {
            dump.put("sctpParameters", sctpParameters());
            dump.put("sctpState", sctpState.wire());
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
        if (sctpState != null) {
            sctpState = SctpState.CLOSED;
        }
        if (link != null) {
            link.close();
        }
        if (socket != null) {
            socket.close();
        }
    }
}
