package io.tributary.worker.transport.webrtc;

import io.tributary.worker.WorkerLoop;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.net.PacketHandler;
import io.tributary.worker.net.TcpEndpoint;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.net.UdpEndpoint;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.transport.SocketBinder;
import io.tributary.worker.transport.TransportListenInfo;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where packets for WebRtcTransports enter: the UDP sockets and TCP listeners of one listen set, and
 * the demultiplexing of what arrives, STUN by the local ICE username fragment, everything else by
 * the tuple ICE validated. Shared by all transports of a WebRtcServer, or owned by one transport.
 */
public final class MediaSockets implements PacketHandler {

    private static final System.Logger LOG = System.getLogger(MediaSockets.class.getName());

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
    private long failedPackets;

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
        Future<Bound> bound = info.protocol() == TransportProtocol.UDP
                ? SocketBinder.udp(loop, info, minPort, maxPort, this).map(udp -> new Bound(info, udp, null))
                : SocketBinder.tcp(loop, info, minPort, maxPort, this, this::onTcpClosed).map(tcp -> new Bound(info, null, tcp));
        return bound.map(b -> {
            this.bound.add(b);
            return null;
        });
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

    /** Packets whose handling threw: a bug, never the sender's doing; they are dropped, and must stay 0. */
    public long failedPackets() {
        return failedPackets;
    }

    /**
     * Routes a packet. Whatever throws below is caught here, so one bad packet neither reaches Netty
     * (which would count a UDP one as a send failure and close a TCP connection) nor stops the next.
     */
    @Override
    public void onPacket(byte[] buf, int off, int len, TransportTuple tuple) {
        try {
            route(buf, off, len, tuple);
        } catch (RuntimeException e) {
            failedPackets++;
            if (Long.bitCount(failedPackets) == 1) {
                LOG.log(System.Logger.Level.ERROR, "handling a " + len + "-byte packet from " + tuple.remote()
                        + " failed (" + failedPackets + " so far)", e);
            }
        }
    }

    private void route(byte[] buf, int off, int len, TransportTuple tuple) {
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
