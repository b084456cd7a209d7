package io.tributary.worker.transport;

import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.net.PacketHandler;
import io.tributary.worker.net.TcpEndpoint;
import io.tributary.worker.net.UdpEndpoint;
import io.vertx.core.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Binds a listen info's socket: its fixed port, else a free one from its port range or the
 * worker's, tried from a random start as mediasoup's port manager does.
 */
public final class SocketBinder {

    private SocketBinder() {
    }

    public static Future<UdpEndpoint> udp(WorkerLoop loop, TransportListenInfo info, int minPort, int maxPort,
                                          PacketHandler handler) {
        return bind(info, minPort, maxPort, port -> UdpEndpoint.bind(loop.context(), info.ip(), port, handler));
    }

    public static Future<TcpEndpoint> tcp(WorkerLoop loop, TransportListenInfo info, int minPort, int maxPort,
                                          PacketHandler handler, Consumer<TcpEndpoint.TcpConnection> onClosed) {
        return bind(info, minPort, maxPort,
                port -> TcpEndpoint.listen(loop.context(), info.ip(), port, handler, onClosed));
    }

    private static <T> Future<T> bind(TransportListenInfo info, int minPort, int maxPort, IntFunction<Future<T>> attempt) {
        if (info.port() != null && info.port() != 0) {
            return attempt.apply(info.port()).recover(e -> Future.failedFuture(new MediasoupError("port bind failed"
                    + " [protocol:" + info.protocol().value() + ", ip:'" + info.ip() + "', port:" + info.port() + "]: "
                    + e.getMessage(), e)));
        }
        int min = info.portRange() != null ? info.portRange().min() : minPort;
        int max = info.portRange() != null ? info.portRange().max() : maxPort;
        int span = max - min + 1;
        return tryPorts(info, attempt, min, span, ThreadLocalRandom.current().nextInt(span), 0);
    }

    private static <T> Future<T> tryPorts(TransportListenInfo info, IntFunction<Future<T>> attempt, int min, int span,
                                          int start, int tried) {
        if (tried >= span) {
            return Future.failedFuture(new MediasoupError("no more available ports [protocol:" + info.protocol().value()
                    + ", ip:'" + info.ip() + "', numAttempt:" + tried + "]"));
        }
        int port = min + (start + tried) % span;
        return attempt.apply(port).recover(e -> addressNotAvailable(e)
                ? Future.failedFuture(new MediasoupError("port bind failed due to address not available [protocol:"
                        + info.protocol().value() + ", ip:'" + info.ip() + "', port:" + port + "]", e))
                : tryPorts(info, attempt, min, span, start, tried + 1));
    }

    /** EADDRNOTAVAIL (an IP this host does not have): no port of the range can work, so fail at once. */
    private static boolean addressNotAvailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("assign requested address") || message.contains("EADDRNOTAVAIL"))) {
                return true;
            }
        }
        return false;
    }
}
