package io.tributary.protoo.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protoo.ProtooPeer;
import io.tributary.protoo.ProtooServerOptions;
import io.tributary.protoo.RequestHandler;
import io.tributary.protoo.message.TextMessageAssembler;
import io.tributary.protoo.peer.PeerCore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** protoo-server's Peer over a Vert.x ServerWebSocket. Socket state is touched only on the peer's context. */
public final class ServerPeer implements ProtooPeer {

    private static final System.Logger LOG = System.getLogger(ServerPeer.class.getName());
    static final short CLOSED_BY_SERVER = 4000;
    static final String CLOSED_BY_SERVER_REASON = "closed by protoo-server";

    private final Vertx vertx;
    private final String id;
    private final ProtooServerOptions options;
    private final Peers peers;
    private final PeerCore core;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Runnable closeHandler;
    private ServerWebSocket socket;
    private final List<String> unsent = new ArrayList<>();
    private boolean finished;
    private boolean closeOnAttach;
    private long keepAliveTimer = -1;
    private boolean pinged;
    private boolean heardSincePing;

    ServerPeer(Vertx vertx, Context context, String id, ProtooServerOptions options, Peers peers) {
        this.vertx = vertx;
        this.id = id;
        this.options = options;
        this.peers = peers;
        this.core = new PeerCore(vertx, context, options.requestTimeout(), this::send, "peer " + id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> data() {
        return data;
    }

    @Override
    public CompletableFuture<JsonNode> request(String method, JsonNode data) {
        return core.request(method, data);
    }

    @Override
    public void notify(String method, JsonNode data) {
        core.notify(method, data);
    }

    @Override
    public void onRequest(RequestHandler handler) {
        core.onRequest(handler);
    }

    @Override
    public void onNotification(BiConsumer<String, JsonNode> handler) {
        core.onNotification(handler);
    }

    @Override
    public void onClose(Runnable handler) {
        core.execute(() -> {
            if (finished) {
                runCloseHandler(handler);
            } else {
                closeHandler = handler;
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        core.execute(() -> {
            if (!finished && socket == null) {
                // Still upgrading: what was sent goes out first, then the close, once the socket is up.
                closeOnAttach = true;
                return;
            }
            if (!finished) {
                socket.close(CLOSED_BY_SERVER, CLOSED_BY_SERVER_REASON);
            }
            finish();
        });
    }

    @Override
    public boolean closed() {
        return closed;
    }

    /** Messages sent before the socket is up wait for it. */
    private boolean send(String text) {
        if (finished) {
            return false;
        }
        if (socket == null) {
            unsent.add(text);
        } else {
            socket.writeTextMessage(text);
        }
        return true;
    }

    /** The upgrade completed; called on the peer's context. */
    void attach(ServerWebSocket ws) {
        if (finished) {
            ws.close(CLOSED_BY_SERVER, CLOSED_BY_SERVER_REASON);
            return;
        }
        if (!"protoo".equals(ws.subProtocol())) {
            LOG.log(Level.ERROR, "peer {0}: the WebSocket was accepted without subprotocol protoo, clients will "
                    + "refuse it: prepare the HttpServerOptions with ProtooServerOptions.applyTo", id);
        }
        socket = ws;
        TextMessageAssembler assembler = new TextMessageAssembler(options.maxMessageSize(), core::receive, core.name());
        ws.frameHandler(frame -> {
            heardSincePing = true;
            assembler.handle(frame);
        });
        ws.closeHandler(v -> finish());
        ws.exceptionHandler(e -> LOG.log(Level.DEBUG, "peer {0}: {1}", id, e.toString()));
        unsent.forEach(ws::writeTextMessage);
        unsent.clear();
        if (closeOnAttach) {
            ws.close(CLOSED_BY_SERVER, CLOSED_BY_SERVER_REASON);
            finish();
            return;
        }
        scheduleKeepAlive();
    }

    /** The upgrade could not complete; called on the peer's context. */
    void upgradeFailed(Throwable cause) {
        LOG.log(Level.WARNING, "peer {0}: WebSocket upgrade failed: {1}", id, cause.toString());
        finish();
    }

    /** A one-shot timer re-armed after each tick: a periodic one catches up after a stall, with no time for a pong. */
    private void scheduleKeepAlive() {
        if (options.pingIntervalMs() > 0 && !finished) {
            keepAliveTimer = vertx.setTimer(options.pingIntervalMs(), t -> keepAlive());
        }
    }

    /** Pings every interval; a peer that sent nothing, not even a pong, for a whole interval is dropped. */
    private void keepAlive() {
        if (finished) {
            return;
        }
        if (pinged && !heardSincePing) {
            LOG.log(Level.WARNING, "peer {0}: no answer to the keep-alive ping, dropping it", id);
            socket.close((short) 1001, "keep-alive timeout");
            finish();
            return;
        }
        pinged = true;
        heardSincePing = false;
        socket.writePing(Buffer.buffer());
        scheduleKeepAlive();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
        unsent.clear();
        core.close();
        peers.remove(this);
        if (closeHandler != null) {
            runCloseHandler(closeHandler);
        }
    }

    private void runCloseHandler(Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "peer " + id + ": close handler threw", e);
        }
    }
}
