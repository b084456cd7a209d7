package io.tributary.worker.transport.webrtc;

import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.net.PacketHandler;
import io.tributary.worker.net.TcpEndpoint;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.net.UdpEndpoint;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.transport.TransportListenInfo;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where packets for WebRtcTransports enter: the UDP sockets and TCP listeners of one listen set, and
 * the demultiplexing of what arrives, STUN by the local ICE username fragment, everything else by
 * the tuple ICE validated. Shared by all transports of a WebRtcServer, or owned by one transport.
 */
public final class MediaSockets implements PacketHandler {

    /** One bound socket and what was asked of it. */
    public record Bound(TransportListenInfo info, UdpEndpoint udp, TcpEndpoint tcp) {
        public int port() {
            return udp != null ? udp.localAddress().getPort() : tcp.localAddress().getPort();
        }

        public TransportProtocol protocol() {
            return udp != null ? TransportProtocol.UDP : TransportProtocol.TCP;
        }
    }

    private final List<Bound> bound = new ArrayList<>();
    private final Map<String, WebRtcTransport> byUfrag = new HashMap<>();
    private final Map<TransportTuple, WebRtcTransport> byTuple = new HashMap<>();
    private long unknownPackets;

    private MediaSockets() {
    }

    /** Binds every listen info on the worker's loop; ports come from the info, its range, or the worker's range. */
    public static Future<MediaSockets> bind(WorkerLoop loop, List<TransportListenInfo> infos, int minPort, int maxPort) {
        MediaSockets sockets = new MediaSockets();
        Future<Void> chain = Future.succeededFuture();
        for (TransportListenInfo info : infos) {
            chain = chain.compose(v -> sockets.bindOne(loop, info, minPort, maxPort));
        }
        return chain.map(v -> sockets).recover(e -> sockets.close().transform(x -> Future.failedFuture(e)));
    }

    private Future<Void> bindOne(WorkerLoop loop, TransportListenInfo info, int minPort, int maxPort) {
        if (info.port() != null && info.port() != 0) {
            return bindPort(loop, info, info.port())
                    .<Void>map(b -> {
                        bound.add(b);
                        return null;
                    })
                    .recover(e -> Future.failedFuture(new MediasoupError("port bind failed [protocol:"
                            + info.protocol().value() + ", ip:'" + info.ip() + "', port:" + info.port() + "]: "
                            + e.getMessage(), e)));
        }
        int min = info.portRange() != null ? info.portRange().min() : minPort;
        int max = info.portRange() != null ? info.portRange().max() : maxPort;
        int span = max - min + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        return tryPorts(loop, info, min, span, start, 0);
    }

    /**
     * Tries the ports of a range in turn, from a random start, as mediasoup's port manager does; an IP
     * that is not this host's fails at once rather than on every port.
     */
    private Future<Void> tryPorts(WorkerLoop loop, TransportListenInfo info, int min, int span, int start, int attempt) {
        if (attempt >= span) {
            return Future.failedFuture(new MediasoupError("no more available ports [protocol:" + info.protocol().value()
                    + ", ip:'" + info.ip() + "', numAttempt:" + attempt + "]"));
        }
        int port = min + (start + attempt) % span;
        return bindPort(loop, info, port)
                .map(b -> {
                    bound.add(b);
                    return (Void) null;
                })
                .recover(e -> addressNotAvailable(e)
                        ? Future.failedFuture(new MediasoupError("port bind failed due to address not available"
                                + " [protocol:" + info.protocol().value() + ", ip:'" + info.ip() + "', port:" + port
                                + "]", e))
                        : tryPorts(loop, info, min, span, start, attempt + 1));
    }

    /** EADDRNOTAVAIL, as the JDK and Netty's native transport word it. */
    private static boolean addressNotAvailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null
                    && (message.contains("assign requested address") || message.contains("EADDRNOTAVAIL"))) {
                return true;
            }
        }
        return false;
    }

    private Future<Bound> bindPort(WorkerLoop loop, TransportListenInfo info, int port) {
        if (info.protocol() == TransportProtocol.UDP) {
            return UdpEndpoint.bind(loop.context(), info.ip(), port, this).map(udp -> new Bound(info, udp, null));
        }
        return TcpEndpoint.listen(loop.context(), info.ip(), port, this, this::onTcpClosed)
                .map(tcp -> new Bound(info, null, tcp));
    }

    public List<Bound> bound() {
        return List.copyOf(bound);
    }

    public long unknownPackets() {
        return unknownPackets;
    }

    void routeUfrag(String ufrag, WebRtcTransport transport) {
        byUfrag.put(ufrag, transport);
    }

    void unrouteUfrag(String ufrag, WebRtcTransport transport) {
        byUfrag.remove(ufrag, transport);
    }

    void routeTuple(TransportTuple tuple, WebRtcTransport transport) {
        byTuple.put(tuple, transport);
    }

    void unrouteTuple(TransportTuple tuple, WebRtcTransport transport) {
        byTuple.remove(tuple, transport);
    }

    /** Forgets everything routed to a closing transport. */
    void unrouteAll(WebRtcTransport transport) {
        byUfrag.values().removeIf(t -> t == transport);
        byTuple.values().removeIf(t -> t == transport);
    }

    Map<String, WebRtcTransport> ufragRoutes() {
        return byUfrag;
    }

    Map<TransportTuple, WebRtcTransport> tupleRoutes() {
        return byTuple;
    }

    @Override
    public void onPacket(byte[] buf, int off, int len, TransportTuple tuple) {
        WebRtcTransport transport;
        if (StunMessage.isStun(buf, off, len)) {
            String ufrag = StunMessage.localUsernameFragment(buf, off, len);
            transport = ufrag != null ? byUfrag.get(ufrag) : byTuple.get(tuple);
            if (transport != null) {
                transport.receiveStun(buf, off, len, tuple);
                return;
            }
        } else {
            transport = byTuple.get(tuple);
            if (transport != null) {
                transport.receiveMedia(buf, off, len, tuple);
                return;
            }
        }
        unknownPackets++;
    }

    private void onTcpClosed(TcpEndpoint.TcpConnection connection) {
        WebRtcTransport transport = byTuple.remove(connection);
        if (transport != null) {
            transport.tupleClosed(connection);
        }
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Bound b : bound) {
            closing.add(b.udp() != null ? b.udp().close() : b.tcp().close());
        }
        bound.clear();
        return Future.join(closing).mapEmpty();
    }
}
