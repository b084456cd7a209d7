package io.tributary.worker.transport.plain;

import io.tributary.worker.data.DataTransportSettings;
import io.tributary.worker.data.TransportData;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.net.UdpEndpoint;
import io.tributary.worker.router.Router;
import io.tributary.worker.rtcp.RtcpPacketType;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.srtp.SrtpSession;
import io.tributary.worker.transport.IpLiterals;
import io.tributary.worker.transport.SocketBinder;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * mediasoup's PlainTransport: RTP and RTCP over plain UDP (optionally SRTP with keys exchanged in
 * signaling), for ffmpeg, GStreamer and other non-WebRTC endpoints. With {@code comedia} the remote
 * address is learned from the first packet; otherwise it is given to {@link #connect}. With
 * {@code enableSctp}, SCTP runs straight over the RTP tuple (no DTLS), started once the remote is known.
 */
public final class PlainTransport extends Transport {

    public static final Event<TupleInfo> TUPLE = Event.of("tuple", TupleInfo.class);
    public static final Event<TupleInfo> RTCP_TUPLE = Event.of("rtcptuple", TupleInfo.class);

    private final PlainTransportOptions options;
    private SrtpParameters localSrtp;
    private UdpEndpoint rtpSocket;
    private UdpEndpoint rtcpSocket;
    private TransportTuple remoteRtp;
    private TransportTuple remoteRtcp;
    private SrtpSession srtp;
    private boolean connected;

    private PlainTransport(String id, Router router, PlainTransportOptions options) {
        super(id, router, options.appData(), DataTransportSettings.sctp(options.sctp(), false));
        this.options = options;
        this.localSrtp = options.enableSrtp()
                ? SrtpParameters.random(SrtpProfile.fromCryptoSuite(options.srtpCryptoSuite())) : null;
    }

    public static Future<PlainTransport> create(String id, Router router, PlainTransportOptions options) {
        try {
            options.validate();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        PlainTransport transport = new PlainTransport(id, router, options);
        var settings = router.worker().settings();
        var loop = router.worker().loop();
        Future<Void> bound = SocketBinder.udp(loop, options.listenInfo(), settings.rtcMinPort(), settings.rtcMaxPort(),
                transport::onRtpSocketPacket).map(socket -> {
                    transport.rtpSocket = socket;
                    return null;
                });
        if (!options.rtcpMux()) {
            // mediasoup's worker always gives non-multiplexed RTCP its own socket, by default on the RTP listenInfo
            TransportListenInfo listen = options.listenInfo();
            TransportListenInfo rtcpListen = options.rtcpListenInfo() != null ? options.rtcpListenInfo()
                    : new TransportListenInfo(listen.protocol(), listen.ip(), listen.announcedAddress(), 0, listen.portRange());
            bound = bound.compose(v -> SocketBinder.udp(loop, rtcpListen, settings.rtcMinPort(),
                    settings.rtcMaxPort(), transport::onRtcpSocketPacket)).map(socket -> {
                        transport.rtcpSocket = socket;
                        return null;
                    });
        }
        return bound.map(v -> transport).recover(e -> {
            transport.onClose();
            return Future.failedFuture(e);
        });
    }

    public TupleInfo tuple() {
        return tupleInfo(rtpSocket, remoteRtp, options.listenInfo().announcedAddress());
    }

    /** Only without RTCP multiplexing, as in mediasoup. */
    public TupleInfo rtcpTuple() {
        if (options.rtcpMux()) {
            return null;
        }
        String announced = (options.rtcpListenInfo() != null ? options.rtcpListenInfo() : options.listenInfo()).announcedAddress();
        return tupleInfo(rtcpSocket, remoteRtcp, announced);
    }

    public SrtpParameters srtpParameters() {
        return localSrtp;
    }

    public boolean rtcpMux() {
        return options.rtcpMux();
    }

    public boolean comedia() {
        return options.comedia();
    }

    /**
     * mediasoup's {@code connect({ip, port, rtcpPort, srtpParameters})}: without comedia the remote address
     * is required (and the RTCP port without rtcp-mux); with SRTP enabled the remote keys are required.
     */
    public Future<Void> connect(String ip, Integer port, Integer rtcpPort, SrtpParameters remoteSrtp) {
        return loop.call(() -> {
            assertOpen();
            if (connected) {
                throw new MediasoupError("connect() already called");
            }
            if (options.enableSrtp()) {
                if (remoteSrtp == null) {
                    throw new TypeError("missing srtpParameters (SRTP enabled)");
                }
                SrtpProfile profile = remoteSrtp.profile();
                var remoteKey = remoteSrtp.masterKey();
                if (!profile.cryptoSuite().equals(localSrtp.cryptoSuite())) {
                    // mediasoup adopts the remote's suite and generates a local key for it
                    localSrtp = SrtpParameters.random(profile);
                }
                srtp = new SrtpSession(profile, localSrtp.masterKey(), remoteKey);
            } else if (remoteSrtp != null) {
                throw new TypeError("invalid srtpParameters (SRTP disabled)");
            }
            if (!options.comedia()) {
                if (ip == null || port == null) {
                    throw new TypeError("missing ip or port");
                }
                if (!options.rtcpMux() && rtcpPort == null) {
                    throw new TypeError("missing rtcpPort (required if rtcpMux is false)");
                }
                IpLiterals.checkPort(port, "port");
                if (!options.rtcpMux()) {
                    IpLiterals.checkPort(rtcpPort, "rtcpPort");
                }
                InetAddress address = IpLiterals.parse(ip);
                remoteRtp = new UdpEndpoint.UdpTuple(rtpSocket, new InetSocketAddress(address, port));
                if (!options.rtcpMux()) {
                    remoteRtcp = new UdpEndpoint.UdpTuple(rtcpSocket, new InetSocketAddress(address, rtcpPort));
                }
                startSctp(this::sendSctp);
            }
            connected = true;
            return null;
        });
    }

    private void onRtpSocketPacket(byte[] buf, int off, int len, TransportTuple from) {
        counters.received(len);
        if (data.sctpEnabled() && TransportData.isSctp(buf, off, len)) {
            if (acceptFrom(from, false)) {
                receiveSctp(buf, off, len);
            } else {
                counters.dropped++;
            }
            return;
        }
        if (len < 2 || (buf[off] & 0xc0) != 0x80) {
            counters.dropped++;
            return;
        }
        boolean rtcp = RtcpPacketType.isRtcp(buf[off + 1] & 0xff);
        if (rtcp && !options.rtcpMux()) {
            counters.dropped++;
            return;
        }
        if (!acceptFrom(from, rtcp)) {
            counters.dropped++;
            return;
        }
        deliver(buf, off, len, rtcp);
    }

    private void onRtcpSocketPacket(byte[] buf, int off, int len, TransportTuple from) {
        counters.received(len);
        if (len < 2 || (buf[off] & 0xc0) != 0x80 || !RtcpPacketType.isRtcp(buf[off + 1] & 0xff) || !acceptFrom(from, true)) {
            counters.dropped++;
            return;
        }
        deliver(buf, off, len, true);
    }

    /** With comedia the first packet names the remote; afterwards only that remote is heard. */
    private boolean acceptFrom(TransportTuple from, boolean rtcp) {
        boolean rtcpOwnTuple = rtcp && !options.rtcpMux();
        TransportTuple known = rtcpOwnTuple ? remoteRtcp : remoteRtp;
        if (known == null && options.comedia()) {
            TransportTuple learned = from.persist();
            TupleInfo info = TupleInfo.of(learned, null);
            if (rtcpOwnTuple) {
                remoteRtcp = learned;
                events.emit(RTCP_TUPLE, info);
            } else {
                remoteRtp = learned;
                events.emit(TUPLE, info);
                if (options.rtcpMux()) {
                    remoteRtcp = learned;
                }
                startSctp(this::sendSctp);
            }
            return true;
        }
        return known != null && known.equals(from);
    }

    private void deliver(byte[] buf, int off, int len, boolean rtcp) {
        long now = System.currentTimeMillis();
        int n = len;
        if (options.enableSrtp()) {
            if (srtp == null) {
                counters.dropped++;
                return;
            }
            n = srtp.unprotect(buf, off, len, rtcp);
            if (n < 0) {
                counters.dropped++;
                return;
            }
        }
        receive(buf, off, n, rtcp, now);
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        if (remoteRtp != null) {
            send(remoteRtp, buf, off, len, false);
        }
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        TransportTuple to = options.rtcpMux() ? remoteRtp : remoteRtcp;
        if (to != null) {
            send(to, buf, off, len, true);
        }
    }

    /** SCTP leaves as is on the RTP tuple: mediasoup never wraps it in SRTP. */
    private void sendSctp(byte[] buf, int off, int len) {
        if (remoteRtp != null) {
            remoteRtp.send(buf, off, len);
            counters.sent(len);
        }
    }

    private void send(TransportTuple to, byte[] buf, int off, int len, boolean rtcp) {
        int n = len;
        if (options.enableSrtp()) {
            if (srtp == null) {
                return;
            }
            n = srtp.protect(buf, off, len, rtcp);
        }
        if (n >= 0) {
            to.send(buf, off, n);
        }
        counters.sentOrDropped(n, rtcp);
    }

    @Override
    protected String statsType() {
        return "plain-rtp-transport";
    }

    @Override
    protected void fillStats(Map<String, Object> stats) {
        stats.put("rtcpMux", options.rtcpMux());
        stats.put("comedia", options.comedia());
        stats.put("tuple", tuple());
        TupleInfo rtcpTuple = rtcpTuple();
        if (rtcpTuple != null) {
            stats.put("rtcpTuple", rtcpTuple);
        }
    }

    @Override
    protected void fillDump(Map<String, Object> dump) {
        fillStats(dump);
        if (localSrtp != null) {
            dump.put("srtpParameters", localSrtp);
        }
    }

    @Override
    protected void onClose() {
        if (rtpSocket != null) {
            // What the association said last (its ABORT) leaves before the socket closes.
            rtpSocket.flush();
            rtpSocket.close();
        }
        if (rtcpSocket != null) {
            rtcpSocket.close();
        }
        if (srtp != null) {
            srtp.close();
        }
    }

    private static TupleInfo tupleInfo(UdpEndpoint socket, TransportTuple remote, String announced) {
        return TupleInfo.ofUdp(socket.localAddress(), remote == null ? null : remote.remote(), announced);
    }
}
