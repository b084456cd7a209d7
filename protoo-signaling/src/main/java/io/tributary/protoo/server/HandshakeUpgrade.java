package io.tributary.protoo.server;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.SocketAddress;

/** An upgrade from {@code HttpServer.webSocketHandshakeHandler}; it can refuse with a status only. */
public record HandshakeUpgrade(ServerWebSocketHandshake handshake) implements Upgrade {

    @Override
    public String path() {
        return handshake.path();
    }

    @Override
    public String query() {
        return handshake.query();
    }

    @Override
    public MultiMap headers() {
        return handshake.headers();
    }

    @Override
    public SocketAddress remoteAddress() {
        return handshake.remoteAddress();
    }

    @Override
    public Future<ServerWebSocket> accept() {
        return handshake.accept();
    }

    @Override
    public void reject(int status, String reason) {
        handshake.reject(status);
    }
}
