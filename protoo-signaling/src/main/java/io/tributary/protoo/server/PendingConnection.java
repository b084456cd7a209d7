package io.tributary.protoo.server;

import io.tributary.protoo.ConnectionRequest;
import io.tributary.protoo.ProtooPeer;
import io.tributary.protoo.ProtooServerOptions;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A protoo upgrade handed to the application; answered once, the upgrade itself done on the context. */
final class PendingConnection implements ConnectionRequest {

    private static final System.Logger LOG = System.getLogger(PendingConnection.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final Upgrade upgrade;
    private final Map<String, String> query;
    private final ProtooServerOptions options;
    private final Peers peers;
    private final AtomicBoolean answered = new AtomicBoolean();

    PendingConnection(Vertx vertx, Context context, Upgrade upgrade, Map<String, String> query,
                      ProtooServerOptions options, Peers peers) {
        this.vertx = vertx;
        this.context = context;
        this.upgrade = upgrade;
        this.query = query;
        this.options = options;
        this.peers = peers;
    }

    @Override
    public Map<String, String> query() {
        return query;
    }

    @Override
    public String path() {
        return upgrade.path();
    }

    @Override
    public SocketAddress remoteAddress() {
        return upgrade.remoteAddress();
    }

    @Override
    public MultiMap headers() {
        return upgrade.headers();
    }

    @Override
    public ProtooPeer accept() {
        answer();
        ServerPeer peer = new ServerPeer(vertx, context, query.get("peerId"), options, peers);
        peers.add(peer);
        context.runOnContext(v -> {
            try {
                upgrade.accept().onComplete(ar -> {
                    if (ar.succeeded()) {
                        peer.attach(ar.result());
                    } else {
                        peer.upgradeFailed(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                peer.upgradeFailed(e);
            }
        });
        return peer;
    }

    @Override
    public void reject(int httpStatus, String reason) {
        answer();
        LOG.log(Level.INFO, "protoo upgrade from {0} rejected: {1} {2}", upgrade.remoteAddress(), httpStatus, reason);
        context.runOnContext(v -> upgrade.reject(httpStatus, reason));
    }

    /** Rejects unless the application already answered. */
    void rejectIfUnanswered(int httpStatus, String reason) {
        if (!answered.get()) {
            try {
                reject(httpStatus, reason);
            } catch (IllegalStateException e) {
                // Answered concurrently: the application's answer stands.
            }
        }
    }

    private void answer() {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("connection request already answered");
        }
    }
}
