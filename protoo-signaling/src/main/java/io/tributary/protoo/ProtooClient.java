package io.tributary.protoo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protoo.client.ClientTransport;
import io.tributary.protoo.peer.PeerCore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * protoo-client's Peer with its WebSocketTransport: connects at once and retries on the {@link RetrySchedule}; when
 * a socket that had been open drops with any code but 4000 it reports {@code disconnected} and reconnects with a
 * fresh budget (and reports {@code open} again); close code 4000 or exhausted retries end it with {@code close}.
 *
 * <p>Callbacks run on the client's context (see the package documentation); methods may be called from any
 * thread. Event handlers replace the previous one. Requests sent while disconnected fail with
 * {@link IllegalStateException} "not connected"; requests waiting across a reconnection are kept until their
 * timeout, as protoo-client does.
 *
 * <p>Beyond protoo-client, it follows Tributary's {@code redirect} notification ({@code {url}}, sent by a dispatcher
 * or by a node that is not the room's home, then close code 4000): it reports {@code disconnected}, connects to that
 * URL with a fresh retry budget, and reports {@code open} again there. The notification reaches the application too.
 */
public final class ProtooClient {

    private static final System.Logger LOG = System.getLogger(ProtooClient.class.getName());
    private static final String REDIRECT = "redirect";

    private final PeerCore core;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private ClientTransport transport;
    private volatile boolean closed;
    private boolean connected;
    private boolean ended;
    private Runnable openHandler;
    private volatile Runnable disconnectedHandler;
    private volatile IntConsumer failedHandler;
    private Runnable closeHandler;
    private volatile BiConsumer<String, JsonNode> notificationHandler;

    private ProtooClient(Vertx vertx, Context context, ProtooClientOptions options, String url) {
        // The query may carry a token: logs name the client without it.
        this.core = new PeerCore(vertx, context, options.requestTimeout(), text -> transport.send(text),
                "client " + url.replaceFirst("\\?.*", ""));
        core.onNotification(this::notified);
    }

    /**
     * Connects to {@code ws(s)://host:port/?roomId=..&peerId=..}; throws IllegalArgumentException on a bad URL.
     * Handlers set after this returns may miss what happens first (a fast first attempt's {@code failed}, an
     * early notification); {@link #connect(Vertx, String, ProtooClientOptions, Consumer)} rules that out.
     */
    public static ProtooClient connect(Vertx vertx, String url, ProtooClientOptions options) {
        return connect(vertx, url, options, client -> {
        });
    }

    /** As {@link #connect(Vertx, String, ProtooClientOptions)}, running {@code setup} before the first attempt. */
    public static ProtooClient connect(Vertx vertx, String url, ProtooClientOptions options,
                                       Consumer<ProtooClient> setup) {
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setAbsoluteURI(url)
                .setSubProtocols(List.of("protoo"));
        WebSocketClientOptions socketOptions = options.webSocket();
        socketOptions.setMaxFrameSize(Math.max(socketOptions.getMaxFrameSize(), options.maxMessageSize()))
                .setMaxMessageSize(Math.max(socketOptions.getMaxMessageSize(), options.maxMessageSize()));
        Context context = vertx.getOrCreateContext();
        ProtooClient client = new ProtooClient(vertx, context, options, url);
        WebSocketClient sockets = vertx.createWebSocketClient(socketOptions);
        client.transport = new ClientTransport(vertx, sockets, connect, options.retry(), options.maxMessageSize(),
                client.new Events(), client.core.name());
        client.core.execute(() -> {
            try {
                setup.accept(client);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, client.core.name() + ": setup threw, closing", e);
                client.close();
                return;
            }
            client.transport.start();
        });
        return client;
    }

    /** Completes on the first open; fails with "peer closed" if the client closes before ever opening. */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    /** As {@link ProtooPeer#request}; also fails with "not connected" while disconnected. */
    public CompletableFuture<JsonNode> request(String method, JsonNode data) {
        return core.request(method, data);
    }

    /** Sends a notification; dropped while disconnected or closed. */
    public void notify(String method, JsonNode data) {
        core.notify(method, data);
    }

    /** As {@link ProtooPeer#onRequest}: requests arriving without a handler get error 503 "no request handler". */
    public void onRequest(RequestHandler handler) {
        core.onRequest(handler);
    }

    public void onNotification(BiConsumer<String, JsonNode> handler) {
        notificationHandler = handler;
    }

    private void notified(String method, JsonNode data) {
        if (REDIRECT.equals(method)) {
            transport.redirect(data.path("url").asText(""));
        } else {
            transport.settled();
        }
        BiConsumer<String, JsonNode> handler = notificationHandler;
        if (handler != null) {
            handler.accept(method, data);
        }
    }

    /** Runs on every open, the first and each reconnection; at once if the client is open when it is set. */
    public void onOpen(Runnable handler) {
        core.execute(() -> {
            openHandler = handler;
            if (connected) {
                run(handler);
            }
        });
    }

    /** Runs when an open socket dropped without code 4000; a reconnection loop follows. */
    public void onDisconnected(Runnable handler) {
        disconnectedHandler = handler;
    }

    /** Runs with the attempt number (from 1 in each connection loop) when an attempt fails. */
    public void onFailed(IntConsumer handler) {
        failedHandler = handler;
    }

    /** Runs once when the client closes (4000, retries exhausted, or {@link #close()}); at once if already closed. */
    public void onClose(Runnable handler) {
        core.execute(() -> {
            if (ended) {
                run(handler);
            } else {
                closeHandler = handler;
            }
        });
    }

    /** Closes the socket (code 1000), stops reconnecting, fails pending requests with "peer closed". */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        core.execute(() -> {
            transport.close();
            ended();
        });
    }

    public boolean closed() {
        return closed;
    }

    private void ended() {
        if (ended) {
            return;
        }
        ended = true;
        closed = true;
        connected = false;
        core.close();
        opened.completeExceptionally(PeerCore.peerClosed());
        if (closeHandler != null) {
            run(closeHandler);
        }
    }

    private void run(Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, core.name() + ": event handler threw", e);
        }
    }

    /** Transport events, on the client's context. */
    private final class Events implements ClientTransport.Listener {

        @Override
        public void opened() {
            if (closed) {
                return; // close() was called and is on its way
            }
            connected = true;
            opened.complete(null);
            if (openHandler != null) {
                run(openHandler);
            }
        }

        @Override
        public void failed(int attempt) {
            IntConsumer handler = failedHandler;
            if (handler != null && !closed) {
                try {
                    handler.accept(attempt);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, core.name() + ": failed handler threw", e);
                }
            }
        }

        @Override
        public void disconnected() {
            connected = false;
            Runnable handler = disconnectedHandler;
            if (handler != null && !closed) {
                run(handler);
            }
        }

        @Override
        public void closed() {
            ended();
        }

        @Override
        public void message(String text) {
            core.receive(text);
        }
    }
}
