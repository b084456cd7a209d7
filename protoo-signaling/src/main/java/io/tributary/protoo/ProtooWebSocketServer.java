package io.tributary.protoo;

import io.tributary.protoo.server.Acceptor;
import io.tributary.protoo.server.HandshakeUpgrade;
import io.tributary.protoo.server.Peers;
import io.tributary.protoo.server.RequestUpgrade;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * protoo-server's WebSocketServer on a Vert.x {@code HttpServer}. Upgrades that do not offer subprotocol
 * {@code protoo} get HTTP 403, upgrades without {@code roomId}/{@code peerId} get 400 when
 * {@link ProtooServerOptions#requireRoomAndPeerIds()}, the rest go to the {@link ConnectionHandler}.
 *
 * <p>Plug it in one of two ways, on an {@code HttpServer} whose options went through
 * {@link ProtooServerOptions#applyTo}:
 * <pre>{@code
 * // protoo on WebSocket upgrades, every other request to the router (rejections carry their reason):
 * http.requestHandler(protoo.requestHandler(router));
 * // or every WebSocket upgrade of the server is protoo (rejections carry the status only):
 * http.webSocketHandshakeHandler(protoo.webSocketHandshakeHandler());
 * }</pre>
 * Do not set a {@code webSocketHandler}/{@code webSocketHandshakeHandler} together with {@link #requestHandler}:
 * Vert.x would then never hand upgrades to the request handler.
 */
public final class ProtooWebSocketServer {

    private final Acceptor acceptor;
    private final Peers peers;

    private ProtooWebSocketServer(Acceptor acceptor, Peers peers) {
        this.acceptor = acceptor;
        this.peers = peers;
    }

    public static ProtooWebSocketServer create(Vertx vertx, ProtooServerOptions options, ConnectionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        Peers peers = new Peers();
        return new ProtooWebSocketServer(new Acceptor(vertx, options, handler, peers), peers);
    }

    /** For {@code HttpServer.webSocketHandshakeHandler}: every WebSocket upgrade of that server is protoo. */
    public Handler<ServerWebSocketHandshake> webSocketHandshakeHandler() {
        return handshake -> acceptor.handle(new HandshakeUpgrade(handshake));
    }

    /** For {@code HttpServer.requestHandler}: WebSocket upgrades on any path are protoo, the rest go to {@code next}. */
    public Handler<HttpServerRequest> requestHandler(Handler<HttpServerRequest> next) {
        return requestHandler(path -> true, next);
    }

    /** WebSocket upgrades whose path matches are protoo; everything else goes to {@code next}. */
    public Handler<HttpServerRequest> requestHandler(Predicate<String> paths, Handler<HttpServerRequest> next) {
        Objects.requireNonNull(next, "next");
        return request -> {
            if (RequestUpgrade.isUpgrade(request) && paths.test(request.path())) {
                acceptor.handle(new RequestUpgrade(request));
            } else {
                next.handle(request);
            }
        };
    }

    /** Closes every peer with 4000 "closed by protoo-server"; later upgrades get HTTP 503. */
    public void close() {
        peers.closeAll();
    }
}
