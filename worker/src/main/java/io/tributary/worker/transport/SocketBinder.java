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
            return attempt.apply(info.port());
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
        return attempt.apply(min + (start + tried) % span)
                .recover(e -> tryPorts(info, attempt, min, span, start, tried + 1));
    }
}
