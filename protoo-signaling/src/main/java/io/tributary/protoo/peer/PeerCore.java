package io.tributary.protoo.peer;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protoo.ProtooError;
import io.tributary.protoo.RequestHandler;
import io.tributary.protoo.RequestTimeout;
import io.tributary.protoo.message.Message;
import io.tributary.protoo.message.MessageCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The transport-independent half of a protoo Peer, shared by server and client: request ids, pending requests with
 * their timeouts, and dispatch of received messages. Its state is touched only on its context; the public entry
 * points hop there, always, so messages leave in call order even when callers mix threads.
 */
public final class PeerCore {

    private static final System.Logger LOG = System.getLogger(PeerCore.class.getName());
    private static final int MAX_ID = 10_000_000;

    /** Where outgoing text goes. */
    @FunctionalInterface
    public interface Outbound {

        /** False when nothing can carry the message now (no open socket). */
        boolean send(String text);
    }

    private record Pending(String method, CompletableFuture<JsonNode> result, long timer) {
    }

    private final Vertx vertx;
    private final Context context;
    private final RequestTimeout timeout;
    private final Outbound outbound;
    private final String name;
    private final Map<Long, Pending> pending = new HashMap<>();
    private volatile RequestHandler requestHandler;
    private volatile BiConsumer<String, JsonNode> notificationHandler;
    private boolean closed;

    public PeerCore(Vertx vertx, Context context, RequestTimeout timeout, Outbound outbound, String name) {
        this.vertx = vertx;
        this.context = context;
        this.timeout = timeout;
        this.outbound = outbound;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on the context, after everything already queued there. */
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    public void onRequest(RequestHandler handler) {
        requestHandler = handler;
    }

    public void onNotification(BiConsumer<String, JsonNode> handler) {
        notificationHandler = handler;
    }

    public CompletableFuture<JsonNode> request(String method, JsonNode data) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        JsonNode snapshot = data == null ? null : data.deepCopy(); // the caller may go on mutating its node
        execute(() -> sendRequest(method, snapshot, result));
        return result;
    }

    public void notify(String method, JsonNode data) {
        String text = MessageCodec.notification(method, data);
        execute(() -> {
            if (closed || !outbound.send(text)) {
                LOG.log(Level.DEBUG, "{0}: notification {1} dropped, not connected", name, method);
            }
        });
    }

    /** Sends a response unless the peer closed meanwhile. */
    void respond(String text) {
        execute(() -> {
            if (!closed) {
                outbound.send(text);
            }
        });
    }

    private void sendRequest(String method, JsonNode data, CompletableFuture<JsonNode> result) {
        if (closed) {
            result.completeExceptionally(peerClosed());
            return;
        }
        long id = newId();
        if (!outbound.send(MessageCodec.request(id, method, data))) {
            result.completeExceptionally(new IllegalStateException("not connected"));
            return;
        }
        long timeoutMs = Math.max(1, timeout.timeoutMs(pending.size()));
        long timer = vertx.setTimer(timeoutMs, t -> {
            if (pending.remove(id) != null) {
                LOG.log(Level.DEBUG, "{0}: request {1} timed out after {2} ms", name, method, timeoutMs);
                result.completeExceptionally(new TimeoutException("request timeout"));
            }
        });
        pending.put(id, new Pending(method, result, timer));
    }

    private long newId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextInt(MAX_ID + 1);
        } while (pending.containsKey(id));
        return id;
    }

    /** Handles one received text message; call on the context. Ignored messages are only logged. */
    public void receive(String text) {
        if (closed) {
            return;
        }
        StringBuilder why = new StringBuilder();
        Message message = MessageCodec.parse(text, why).orElse(null);
        if (message == null) {
            LOG.log(Level.WARNING, "{0}: ignoring a message: {1}", name, why);
        } else if (message instanceof Message.Request request) {
            dispatch(request);
        } else if (message instanceof Message.Response response) {
            settle(response);
        } else if (message instanceof Message.Notification notification) {
            deliver(notification);
        }
    }

    private void dispatch(Message.Request message) {
        IncomingRequest request = new IncomingRequest(this, message);
        RequestHandler handler = requestHandler;
        if (handler == null) {
            LOG.log(Level.WARNING, "{0}: request {1} before any request handler", name, message.method());
            request.reject(503, "no request handler");
            return;
        }
        try {
            handler.onRequest(request);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (ProtooError e) {
            request.reject(e); // the handler's way to answer with a code
        } catch (Throwable e) {
            LOG.log(Level.WARNING, name + ": request handler for " + message.method() + " threw", e);
            request.reject(e);
        }
    }

    private void settle(Message.Response response) {
        double id = response.id().doubleValue();
        Pending sent = id == Math.rint(id) ? pending.remove((long) id) : null;
        if (sent == null) {
            LOG.log(Level.WARNING, "{0}: response to no pending request, id {1}", name, response.id());
            return;
        }
        vertx.cancelTimer(sent.timer());
        if (response.ok()) {
            sent.result().complete(response.data());
        } else {
            sent.result().completeExceptionally(new ProtooError(response.errorCode(), response.errorReason()));
        }
    }

    private void deliver(Message.Notification notification) {
        BiConsumer<String, JsonNode> handler = notificationHandler;
        if (handler == null) {
            LOG.log(Level.DEBUG, "{0}: notification {1} dropped, no handler", name, notification.method());
            return;
        }
        try {
            handler.accept(notification.method(), notification.data());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, name + ": notification handler for " + notification.method() + " threw", e);
        }
    }

    /** Ends the peer: pending requests fail with "peer closed"; later sends are dropped. Call on the context. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pending sent : new ArrayList<>(pending.values())) {
            vertx.cancelTimer(sent.timer());
            sent.result().completeExceptionally(peerClosed());
        }
        pending.clear();
    }

    public static IllegalStateException peerClosed() {
        return new IllegalStateException("peer closed");
    }
}
