package io.tributary.protoo;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A loopback TCP relay whose connections a test can cut, to drop WebSockets abnormally (no close frame). */
final class TcpProxy implements AutoCloseable {

    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();

    private TcpProxy(Vertx vertx, int targetPort) {
        client = vertx.createNetClient();
        server = Await.result(vertx.createNetServer().connectHandler(inbound -> {
            inbound.pause();
            client.connect(targetPort, "127.0.0.1").onComplete(ar -> {
                if (ar.failed()) {
                    inbound.close();
                    return;
                }
                NetSocket outbound = ar.result();
                sockets.add(inbound);
                sockets.add(outbound);
                inbound.closeHandler(v -> outbound.close());
                outbound.closeHandler(v -> inbound.close());
                inbound.handler(outbound::write);
                outbound.handler(inbound::write);
                inbound.resume();
            });
        }).listen(0, "127.0.0.1"));
    }

    static TcpProxy to(Vertx vertx, int targetPort) {
        return new TcpProxy(vertx, targetPort);
    }

    int port() {
        return server.actualPort();
    }

    /** Closes every relayed TCP connection at once. */
    void cut() {
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
        Await.result(server.close());
        Await.result(client.close());
    }
}
