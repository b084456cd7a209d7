package io.tributary.protoo.server;

import io.tributary.protoo.ConnectionHandler;
import io.tributary.protoo.ProtooServerOptions;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.Map;

/** protoo-server's WebSocketServer checks on an upgrade, then the application's {@link ConnectionHandler}. */
public final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    private static final String SUBPROTOCOL = "protoo";

    private final Vertx vertx;
    private final ProtooServerOptions options;
    private final ConnectionHandler handler;
    private final Peers peers;

    public Acceptor(Vertx vertx, ProtooServerOptions options, ConnectionHandler handler, Peers peers) {
        this.vertx = vertx;
        this.options = options;
        this.handler = handler;
        this.peers = peers;
    }

    /** Called on the context of the HTTP connection, which becomes the peer's context. */
    public void handle(Upgrade upgrade) {
        if (peers.closed()) {
            upgrade.reject(503, "protoo server closed");
            return;
        }
        if (!offersProtoo(upgrade.headers())) {
            LOG.log(Level.WARNING, "upgrade from {0}: invalid/missing Sec-WebSocket-Protocol", upgrade.remoteAddress());
            upgrade.reject(403, "invalid/missing Sec-WebSocket-Protocol");
            return;
        }
        Map<String, String> query = QueryString.decode(upgrade.query());
        if (options.requireRoomAndPeerIds() && (empty(query.get("roomId")) || empty(query.get("peerId")))) {
            LOG.log(Level.WARNING, "upgrade from {0}: no roomId and/or peerId", upgrade.remoteAddress());
            upgrade.reject(400, "Connection request without roomId and/or peerId");
            return;
        }
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        PendingConnection request = new PendingConnection(vertx, context, upgrade, query, options, peers);
        try {
            handler.onConnection(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection handler threw", e);
            request.rejectIfUnanswered(500, String.valueOf(e.getMessage()));
        }
    }

    private static boolean offersProtoo(MultiMap headers) {
        for (String value : headers.getAll("Sec-WebSocket-Protocol")) {
            for (String offered : value.split(",")) {
                if (offered.trim().equals(SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
