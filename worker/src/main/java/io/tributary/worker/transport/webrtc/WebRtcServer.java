package io.tributary.worker.transport.webrtc;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.Worker;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.transport.TransportListenInfo;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's WebRtcServer: the sockets of a worker (one UDP socket, one TCP listener per listen
 * info) shared by all the WebRtcTransports created with it, so a whole worker needs one port.
 */
public final class WebRtcServer extends MediaEntity {

    public static final Event<Void> WORKER_CLOSE = Event.signal("workerclose");
    /** Observer events. */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<WebRtcTransport> WEBRTC_TRANSPORT_HANDLED =
            Event.of("webrtctransporthandled", WebRtcTransport.class);
    public static final Event<WebRtcTransport> WEBRTC_TRANSPORT_UNHANDLED =
            Event.of("webrtctransportunhandled", WebRtcTransport.class);

    private final Worker worker;
    private final List<TransportListenInfo> listenInfos;
    private final MediaSockets sockets;
    private final Map<String, WebRtcTransport> transports = new LinkedHashMap<>();

    private WebRtcServer(String id, Worker worker, List<TransportListenInfo> listenInfos, MediaSockets sockets,
                         Map<String, Object> appData) {
        super(id, appData);
        this.worker = worker;
        this.listenInfos = listenInfos;
        this.sockets = sockets;
    }

    /** Binds the sockets on the worker's loop; a taken address fails with mediasoup's Error. */
    public static Future<WebRtcServer> create(String id, Worker worker, WebRtcServerOptions options) {
        if (options.listenInfos() == null) {
            return Future.failedFuture(new TypeError("missing listenInfos"));
        }
        if (options.listenInfos().isEmpty()) {
            return Future.failedFuture(new TypeError("empty listenInfos array provided"));
        }
        try {
            options.listenInfos().forEach(TransportListenInfo::validate);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return MediaSockets.bind(worker.loop(), options.listenInfos(), worker.settings().rtcMinPort(),
                        worker.settings().rtcMaxPort())
                .map(sockets -> new WebRtcServer(id, worker, options.listenInfos(), sockets, options.appData()));
    }

    public Worker worker() {
        return worker;
    }

    public List<TransportListenInfo> listenInfos() {
        return listenInfos;
    }

    MediaSockets sockets() {
        return sockets;
    }

    void handle(WebRtcTransport transport) {
        if (closed()) {
            throw new InvalidStateError("WebRtcServer closed");
        }
        transports.put(transport.id(), transport);
        observer.emit(WEBRTC_TRANSPORT_HANDLED, transport);
    }

    /** A transport closed; when the server's own close closes it, {@link #finish} announces it afterwards. */
    void unhandle(WebRtcTransport transport) {
        if (!closed() && transports.remove(transport.id()) != null) {
            observer.emit(WEBRTC_TRANSPORT_UNHANDLED, transport);
        }
    }

    public Future<Map<String, Object>> dump() {
        return worker.loop().call(() -> {
            if (closed()) {
                throw new InvalidStateError("WebRtcServer closed");
            }
            Map<String, Object> dump = new LinkedHashMap<>();
            dump.put("id", id());
            List<Map<String, Object>> udp = new ArrayList<>();
            List<Map<String, Object>> tcp = new ArrayList<>();
            for (MediaSockets.Bound b : sockets.bound()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("ip", b.info().ip());
                entry.put("port", b.port());
                (b.udp() != null ? udp : tcp).add(entry);
            }
            dump.put("udpSockets", udp);
            dump.put("tcpServers", tcp);
            dump.put("webRtcTransportIds", List.copyOf(transports.keySet()));
            List<Map<String, Object>> ufrags = new ArrayList<>();
            sockets.ufragRoutes().forEach((ufrag, t) -> ufrags.add(Map.of("localIceUsernameFragment", ufrag,
                    "webRtcTransportId", t.id())));
            dump.put("localIceUsernameFragments", ufrags);
            List<Map<String, Object>> tuples = new ArrayList<>();
            sockets.tupleRoutes().forEach((tuple, t) -> tuples.add(Map.of("tupleHash", tuple.hashCode() & 0xffffffffL,
                    "webRtcTransportId", t.id())));
            dump.put("tupleHashes", tuples);
            // Not in mediasoup's dump: datagrams and frames no transport claimed (unknown ufrag or tuple),
            // and those whose handling threw (a bug; dropped).
            return dump;
        });
    }

    /**
     * Tributary's own counters, kept out of mediasoup's dump shape: datagrams and TCP frames no
     * transport claimed, and packets whose handling failed (dropped, never fatal).
     */
    public Future<PacketCounters> packetCounters() {
        return worker.loop().call(() -> new PacketCounters(sockets.unknownPackets(), sockets.failedPackets()));
    }

    public record PacketCounters(long unknownPackets, long failedPackets) {
    }

    /** Closes the sockets; transports using them close with {@code listenserverclose}. */
    public void close() {
        worker.loop().execute(() -> finish(null));
    }

    /** The worker closed: {@code workerclose}, then observer {@code close}. */
    public void workerClosed() {
        finish(WORKER_CLOSE);
    }

    private void finish(Event<Void> reason) {
        if (closed()) {
            return;
        }
        markClosed();
        // As mediasoup: on close() each transport emits listenserverclose and closes, then the server announces
        // it unhandled; on worker close the routers have closed the transports already.
        for (WebRtcTransport transport : List.copyOf(transports.values())) {
            transport.listenServerClosed();
            if (reason == null) {
                observer.emit(WEBRTC_TRANSPORT_UNHANDLED, transport);
            }
        }
        transports.clear();
        sockets.close();
        runCloseHooks();
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }
}
