package io.tributary.protoo.client;

import io.tributary.protoo.RetrySchedule;
import io.tributary.protoo.message.TextMessageAssembler;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.lang.System.Logger.Level;

/**
 * protoo-client's WebSocketTransport: a connection loop with a retry budget; a socket that had been open and
 * closes with any code but 4000 starts a fresh loop. After {@link #redirect(String)}, the close that follows (4000
 * included) starts a fresh loop to the new URL instead. Touched only on the client's context.
 */
public final class ClientTransport {

    private static final System.Logger LOG = System.getLogger(ClientTransport.class.getName());
    private static final short CLOSED_BY_SERVER = 4000;
    /** Redirects followed without any other message in between; more means two servers sending each other on. */
    private static final int MAX_REDIRECTS_IN_A_ROW = 5;

    /** What the transport reports, on the client's context. */
    public interface Listener {

        void opened();

        void failed(int attempt);

        void disconnected();

        /** No more attempts: closed by the server with 4000, or the retries ran out. */
        void closed();

        void message(String text);
    }

    private final Vertx vertx;
    private final WebSocketClient client;
    private WebSocketConnectOptions connect;
    private final RetrySchedule retry;
    private final int maxMessageSize;
    private final Listener listener;
    private final String name;
    private WebSocket socket;
    private boolean closed;
    private int loop;
    private long retryTimer = -1;
    private String redirectTo;
    private int redirectsInARow;

    public ClientTransport(Vertx vertx, WebSocketClient client, WebSocketConnectOptions connect, RetrySchedule retry,
                           int maxMessageSize, Listener listener, String name) {
        this.vertx = vertx;
        this.client = client;
        this.connect = connect;
        this.retry = retry;
        this.maxMessageSize = maxMessageSize;
        this.listener = listener;
        this.name = name;
    }

    /** Starts a connection loop with a fresh retry budget. */
    public void start() {
        attempt(++loop, 1);
    }

    /** False when no socket is open. */
    public boolean send(String text) {
        if (socket == null) {
            return false;
        }
        socket.writeTextMessage(text);
        return true;
    }

    /**
     * The server named another URL (a {@code redirect} notification): when this socket closes, connect there. False
     * (and ignored) for a URL that is not ws/wss, or after too many redirects in a row.
     */
    public boolean redirect(String url) {
        if (!(url.startsWith("ws://") || url.startsWith("wss://")) || redirectsInARow >= MAX_REDIRECTS_IN_A_ROW) {
            LOG.log(Level.WARNING, "{0}: redirect to {1} not followed", name, url);
            return false;
        }
        redirectTo = url;
        return true;
    }

    /** A message other than a redirect arrived: the server is the one to talk to. */
    public void settled() {
        redirectsInARow = 0;
    }

    /** Stops for good without reporting anything: the caller is the one closing. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        if (socket != null) {
            socket.close();
            socket = null;
        }
        client.close();
    }

    private void attempt(int generation, int attempt) {
        retryTimer = -1;
        LOG.log(Level.DEBUG, "{0}: connection attempt {1}", name, attempt);
        client.connect(connect).onComplete(ar -> {
            if (closed || generation != loop) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
            } else if (ar.failed()) {
                LOG.log(Level.DEBUG, "{0}: attempt {1} failed: {2}", name, attempt, ar.cause().toString());
                attemptFailed(generation, attempt);
            } else {
                opened(ar.result());
            }
        });
    }

    private void attemptFailed(int generation, int attempt) {
        listener.failed(attempt);
        if (closed) {
            return;
        }
        if (attempt > retry.retries()) {
            finish();
            return;
        }
        long delay = retry.delayMs(attempt);
        if (delay < 1) {
            vertx.runOnContext(v -> attemptIfCurrent(generation, attempt + 1));
        } else {
            retryTimer = vertx.setTimer(delay, t -> attemptIfCurrent(generation, attempt + 1));
        }
    }

    private void attemptIfCurrent(int generation, int attempt) {
        if (!closed && generation == loop) {
            attempt(generation, attempt);
        }
    }

    private void opened(WebSocket ws) {
        socket = ws;
        TextMessageAssembler assembler = new TextMessageAssembler(maxMessageSize, listener::message, name);
        ws.frameHandler(assembler);
        ws.exceptionHandler(e -> LOG.log(Level.DEBUG, "{0}: {1}", name, e.toString()));
        ws.closeHandler(v -> socketClosed(ws));
        listener.opened();
    }

    private void socketClosed(WebSocket ws) {
        if (closed || ws != socket) {
            return;
        }
        socket = null;
        Short code = ws.closeStatusCode();
        LOG.log(Level.DEBUG, "{0}: WebSocket closed, code {1} reason {2}", name, code, ws.closeReason());
        if (redirectTo != null) {
            connect = new WebSocketConnectOptions(connect).setAbsoluteURI(redirectTo);
            redirectTo = null;
            redirectsInARow++;
            listener.disconnected();
            if (!closed) {
                start();
            }
            return;
        }
        if (code != null && code == CLOSED_BY_SERVER) {
            finish();
            return;
        }
        listener.disconnected();
        if (!closed) {
            start();
        }
    }

    private void finish() {
        close();
        listener.closed();
    }
}
